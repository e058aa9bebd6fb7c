package org.alertresponder.plugins.github;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.alertresponder.engine.spi.PluginException;
import org.alertresponder.plugins.support.HttpAnswers;
import org.alertresponder.plugins.support.PluginHttpClient;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few calls of GitHub's REST API the emitter makes, with GitHub's documented headers and its own reading of
 * failures: HttpAnswers' usual rules, except that a 403 caused by a rate limit (the primary one, announced by
 * {@code x-ratelimit-remaining: 0}, or a secondary one, announced by {@code retry-after} or by its message) is
 * worth retrying.
 */
final class GitHubApi {
  /** The REST API version this emitter is written against. */
  static final String API_VERSION = "2022-11-28";
  /** Pages of comments read at most when looking for the marker of a version. */
  static final int COMMENT_PAGES_MAX = 10;
  /** Items of one page of a listing or of the search: the most GitHub gives. */
  static final int PAGE_SIZE = 100;
  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

  /**
   * An issue as far as the emitter cares.
   *
   * @param marker the first line of its body, where the emitter's marker sits ("" when there is none)
   * @param labels the names of its labels
   * @param author the login of the account that opened it ("" when GitHub does not say)
   */
  record Issue(int number, String marker, String title, List<String> labels, String author) {
    Issue {
      labels = List.copyOf(labels);
    }

    Issue with(String newTitle, List<String> newLabels) {
      return new Issue(number, marker, newTitle, newLabels, author);
    }
  }

  /**
   * A comment as far as the emitter cares.
   *
   * @param author the login of the account that wrote it ("" when GitHub does not say)
   */
  record Comment(String author, String body) {
  }

  /**
   * GitHub's refusal of a request, with its status: the emitter tells by it that an issue it remembered was
   * deleted or moved.
   */
  static final class Refusal extends PluginException {
    private final int status;

    Refusal(String message, boolean retryable, int status) {
      super(message, retryable);
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  /**
   * Whether {@code failure} is GitHub saying that an issue is not where it was: 404 (deleted, or no longer
   * visible to the token), 410 (deleted) or a redirect (301 when it was transferred to another repository).
   */
  static boolean issueMovedOrGone(Throwable failure) {
    return failure instanceof Refusal refusal
        && (refusal.status() == 404 || refusal.status() == 410 || refusal.status() >= 300 && refusal.status() < 400);
  }

  private final PluginHttpClient http;
  private final String apiUrl;
  private final String repository;
  private final Map<String, String> headers;
  private final List<String> secrets;

  /**
   * @param apiUrl     e.g. {@code https://api.github.com}, without a trailing slash
   * @param repository {@code owner/name}
   */
  GitHubApi(PluginHttpClient http, String apiUrl, String repository, String token) {
    this.http = http;
    this.apiUrl = apiUrl;
    this.repository = repository;
    Map<String, String> common = new LinkedHashMap<>();
    common.put("Accept", "application/vnd.github+json");
    common.put("Authorization", "Bearer " + token);
    common.put("X-GitHub-Api-Version", API_VERSION);
    this.headers = Map.copyOf(common);
    this.secrets = List.of(token);
  }

  /**
   * Issues (and pull requests, which the caller skips) of the repository updated since {@code since}, the most
   * recently created first: one page of 100. Unlike search, this listing is up to date the moment an issue is
   * created, which is what a retried delivery needs.
   */
  Future<List<JsonObject>> recentIssues(Instant since) {
    String path = "/repos/" + repository + "/issues?state=all&sort=created&direction=desc&per_page=" + PAGE_SIZE
        + "&since="
        + since.truncatedTo(ChronoUnit.SECONDS);
    return call(HttpMethod.GET, apiUrl + path, null)
        .compose(response -> objects(array(response, "GET " + path), "GET " + path));
  }

  /** The issues and pull requests whose body holds {@code phrase}, through the search API. */
  Future<List<JsonObject>> searchBodies(String phrase) {
    String query = "repo:" + repository + " in:body \"" + phrase + "\"";
    String path = "/search/issues?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&per_page=" + PAGE_SIZE;
    return call(HttpMethod.GET, apiUrl + path, null).compose(response -> {
      JsonObject answer = object(response, "GET " + path);
      if (!(answer.getValue("items") instanceof JsonArray items)) {
        return Future.failedFuture(malformed("GET " + path, response, "without the list of items"));
      }
      return objects(items, "GET " + path);
    });
  }

  /** Creates an issue; answers it as GitHub numbered it. */
  Future<Issue> create(JsonObject issue) {
    String path = "/repos/" + repository + "/issues";
    return call(HttpMethod.POST, apiUrl + path, issue).compose(response -> {
      Issue created = null;
      try {
        created = issue(response.bodyAsJsonObject());
      } catch (RuntimeException e) {
        // Reported below: the answer is not the issue GitHub documents.
      }
      if (created == null) {
        // The issue was probably created: the next attempt finds it by its marker instead of creating another.
        return Future.failedFuture(malformed("POST " + path, response, "without the number of the issue"));
      }
      return Future.succeededFuture(created);
    });
  }

  /** The comments of issue {@code number} updated since {@code since}, following the pages. */
  Future<List<Comment>> comments(int number, Instant since) {
    String url = apiUrl + "/repos/" + repository + "/issues/" + number + "/comments?per_page=" + PAGE_SIZE + "&since="
        + since.truncatedTo(ChronoUnit.SECONDS);
    return commentPages(url, new ArrayList<>(), 0);
  }

  private Future<List<Comment>> commentPages(String url, List<Comment> comments, int pages) {
    String path = pathOf(url);
    return call(HttpMethod.GET, url, null).compose(response -> {
      // A malformed page throws here, which fails the future.
      JsonArray page = array(response, "GET " + path);
      for (Object item : page) {
        if (item instanceof JsonObject comment && comment.getValue("body") instanceof String body) {
          comments.add(new Comment(login(comment), body));
        }
      }
      String next = nextPage(response.getHeader("Link"));
      if (next == null || pages + 1 >= COMMENT_PAGES_MAX) {
        return Future.succeededFuture(comments);
      }
      return commentPages(next, comments, pages + 1);
    });
  }

  Future<Void> comment(int number, String body) {
    return call(HttpMethod.POST, apiUrl + "/repos/" + repository + "/issues/" + number + "/comments",
        new JsonObject().put("body", body)).mapEmpty();
  }

  /** Issue {@code number} as it is now. */
  Future<Issue> get(int number) {
    String path = "/repos/" + repository + "/issues/" + number;
    return call(HttpMethod.GET, apiUrl + path, null).compose(response -> {
      Issue issue = issue(object(response, "GET " + path));
      return issue == null ? Future.failedFuture(malformed("GET " + path, response, "without the issue"))
          : Future.succeededFuture(issue);
    });
  }

  /**
   * Sets the title and, when {@code labels} is not null, the labels (all of them: GitHub replaces the list) of
   * issue {@code number}; doing it twice changes nothing.
   */
  Future<Void> retitle(int number, String title, List<String> labels) {
    JsonObject change = new JsonObject().put("title", title);
    if (labels != null) {
      change.put("labels", new JsonArray(new ArrayList<>(labels)));
    }
    return call(HttpMethod.PATCH, apiUrl + "/repos/" + repository + "/issues/" + number, change).mapEmpty();
  }

  /** Closes (as completed) or re-opens issue {@code number}; doing it twice changes nothing. */
  Future<Void> setOpen(int number, boolean open) {
    JsonObject change = open ? new JsonObject().put("state", "open")
        : new JsonObject().put("state", "closed").put("state_reason", "completed");
    return call(HttpMethod.PATCH, apiUrl + "/repos/" + repository + "/issues/" + number, change).mapEmpty();
  }

  /** The issue an item of a listing or of the search is, or null when it is a pull request or not an issue. */
  static Issue issue(JsonObject item) {
    if (item == null || item.containsKey("pull_request") || !(item.getValue("number") instanceof Number number)) {
      return null;
    }
    String body = item.getValue("body") instanceof String text ? text : "";
    String title = item.getValue("title") instanceof String text ? text : "";
    List<String> labels = new ArrayList<>();
    if (item.getValue("labels") instanceof JsonArray names) {
      // GitHub answers label objects; it documents plain names as accepted too.
      for (Object label : names) {
        if (label instanceof JsonObject object && object.getValue("name") instanceof String name) {
          labels.add(name);
        } else if (label instanceof String name) {
          labels.add(name);
        }
      }
    }
    String stripped = body.stripLeading();
    int end = stripped.indexOf('\n');
    return new Issue(number.intValue(), (end < 0 ? stripped : stripped.substring(0, end)).strip(), title,
        labels, login(item));
  }

  /** The {@code user.login} of an issue or a comment, or "". */
  private static String login(JsonObject item) {
    return item.getValue("user") instanceof JsonObject user && user.getValue("login") instanceof String login
        ? login : "";
  }

  private Future<HttpResponse<Buffer>> call(HttpMethod method, String url, JsonObject body) {
    String peer = "GitHub (" + method + " " + pathOf(url) + ")";
    Map<String, String> sent = headers;
    if (body != null) {
      sent = new LinkedHashMap<>(headers);
      sent.put("Content-Type", "application/json; charset=utf-8");
    }
    return http.exchange(method, url, sent, body == null ? null : body.toBuffer(), peer)
        .compose(response -> classify(response, peer))
        .recover(failure -> Future.failedFuture(withoutSecrets(failure)));
  }

  /** {@link HttpAnswers#withoutSecrets}, keeping the status of a refusal. */
  private PluginException withoutSecrets(Throwable failure) {
    PluginException clean = HttpAnswers.withoutSecrets(failure, secrets);
    if (clean != failure && failure instanceof Refusal refusal) {
      return new Refusal(clean.getMessage(), clean.retryable(), refusal.status());
    }
    return clean;
  }

  private static Future<HttpResponse<Buffer>> classify(HttpResponse<Buffer> response, String peer) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return Future.succeededFuture(response);
    }
    boolean rateLimited = status == 429 || status == 403 && rateLimit(response);
    PluginException rejected = HttpAnswers.rejected(response, peer, rateLimited || HttpAnswers.retryable(status));
    String message = rejected.getMessage();
    String reset = response.getHeader("x-ratelimit-reset");
    if (rateLimited && reset != null && reset.strip().matches("\\d{1,12}")) {
      message += " (rate limit resets at " + Instant.ofEpochSecond(Long.parseLong(reset.strip())) + ")";
    }
    return Future.failedFuture(new Refusal(message, rejected.retryable(), status));
  }

  /** GitHub's documented signs that a 403 is a rate limit rather than a refusal. */
  private static boolean rateLimit(HttpResponse<Buffer> response) {
    if ("0".equals(strip(response.getHeader("x-ratelimit-remaining"))) || response.getHeader("retry-after") != null) {
      return true;
    }
    String body = response.bodyAsString();
    return body != null && body.toLowerCase(Locale.ROOT).contains("rate limit");
  }

  /** The URL of the next page, when GitHub names one on its own host (the token is never sent anywhere else). */
  private String nextPage(String link) {
    if (link == null) {
      return null;
    }
    Matcher matcher = NEXT_LINK.matcher(link);
    if (!matcher.find()) {
      return null;
    }
    String next = matcher.group(1);
    return next.startsWith(apiUrl + "/") ? next : null;
  }

  private static JsonArray array(HttpResponse<Buffer> response, String operation) {
    try {
      return response.bodyAsJsonArray();
    } catch (RuntimeException e) {
      throw malformed(operation, response, "with a body that is not a JSON list");
    }
  }

  private static JsonObject object(HttpResponse<Buffer> response, String operation) {
    JsonObject object;
    try {
      object = response.bodyAsJsonObject();
    } catch (RuntimeException e) {
      throw malformed(operation, response, "with a body that is not a JSON object");
    }
    if (object == null) {
      throw malformed(operation, response, "without a body");
    }
    return object;
  }

  private static Future<List<JsonObject>> objects(JsonArray array, String operation) {
    if (array == null) {
      return Future.failedFuture(PluginException.retryable("GitHub (" + pathWithoutQuery(operation)
          + ") answered without a body"));
    }
    List<JsonObject> out = new ArrayList<>(array.size());
    for (Object item : array) {
      if (item instanceof JsonObject object) {
        out.add(object);
      }
    }
    return Future.succeededFuture(out);
  }

  /**
   * An answer that is a success but not the JSON GitHub documents: a proxy or an outage page in between. It may
   * well be right the next time.
   */
  private static PluginException malformed(String operation, HttpResponse<Buffer> response, String what) {
    return PluginException.retryable("GitHub (" + pathWithoutQuery(operation) + ") answered " + response.statusCode()
        + " " + what);
  }

  private static String pathOf(String url) {
    URI uri = URI.create(url);
    return uri.getRawPath();
  }

  private static String pathWithoutQuery(String path) {
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  private static String strip(String value) {
    return value == null ? null : value.strip();
  }

  void close() {
    http.close();
  }
}
