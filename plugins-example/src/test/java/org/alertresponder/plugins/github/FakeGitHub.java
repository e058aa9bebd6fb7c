package org.alertresponder.plugins.github;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.plugins.support.RecordingHttpPeer;
import org.alertresponder.plugins.support.RecordingHttpPeer.Answer;
import org.alertresponder.plugins.support.RecordingHttpPeer.Request;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub's REST API for one repository, as far as the emitter uses it, answering as GitHub documents: issues
 * and comments are kept, listings and search read them back. A request without GitHub's required headers gets
 * GitHub's 401 or 400. Tests can make it fail any request ({@link #intercept}), hide issues from the listing (as
 * if more than a page of newer issues existed) or from the search (as its index lags behind).
 */
final class FakeGitHub {
  static final String TOKEN = "ghp_s3cr3tT0kenThatMustNeverShow0000";
  static final String REPOSITORY = "acme/alerts";
  private static final Pattern ISSUE = Pattern.compile("/repos/acme/alerts/issues/(\\d+)");
  private static final Pattern COMMENTS = Pattern.compile("/repos/acme/alerts/issues/(\\d+)/comments");

  final List<JsonObject> issues = new ArrayList<>();
  final Map<Integer, List<JsonObject>> comments = new LinkedHashMap<>();
  volatile boolean listingShowsIssues = true;
  volatile boolean searchShowsIssues = true;
  /** Answers a request instead of the fake when it returns an answer (null: let the fake answer). */
  volatile Function<Request, Answer> intercept = request -> null;
  /** Creates the issue but gives this answer instead of GitHub's, as a lost or garbled answer would. */
  volatile Answer afterCreating;
  private int nextNumber = 41;
  private final RecordingHttpPeer peer;

  private FakeGitHub(Vertx vertx) throws Exception {
    this.peer = RecordingHttpPeer.start(vertx, this::answer);
  }

  static FakeGitHub start(Vertx vertx) throws Exception {
    return new FakeGitHub(vertx);
  }

  String apiUrl() {
    return peer.url("");
  }

  List<Request> requests() {
    return peer.requests();
  }

  /** Method and path (with the query) of each request so far. */
  List<String> calls() {
    return peer.requests().stream().map(r -> r.method() + " " + r.path()).toList();
  }

  void close() throws Exception {
    peer.close();
  }

  /** Adds an issue written by someone else (or by an earlier run). */
  synchronized JsonObject addIssue(String body) {
    JsonObject issue = issue(nextNumber++, "Someone else's issue", body);
    issues.add(issue);
    return issue;
  }

  /** Adds a pull request, which the issues listing and the search return among issues. */
  synchronized JsonObject addPullRequest(String body) {
    JsonObject pull = issue(nextNumber++, "A pull request", body).put("pull_request",
        new JsonObject().put("url", "https://api.github.com/repos/acme/alerts/pulls/1"));
    issues.add(pull);
    return pull;
  }

  synchronized void addComment(int number, String body) {
    comments.computeIfAbsent(number, n -> new ArrayList<>()).add(new JsonObject()
        .put("id", 1000 + comments.values().stream().mapToInt(List::size).sum()).put("body", body)
        .put("user", new JsonObject().put("login", "analyst")).put("created_at", "2026-11-27T12:00:00Z")
        .put("updated_at", "2026-11-27T12:00:00Z"));
  }

  private synchronized Answer answer(Request request) {
    if (!("Bearer " + TOKEN).equals(request.header("Authorization"))) {
      return Answer.json(401, new JsonObject().put("message", "Bad credentials")
          .put("documentation_url", "https://docs.github.com/rest"));
    }
    if (!"application/vnd.github+json".equals(request.header("Accept"))
        || !"2022-11-28".equals(request.header("X-GitHub-Api-Version")) || request.header("User-Agent") == null) {
      return Answer.json(400, new JsonObject().put("message", "missing or wrong GitHub headers"));
    }
    if (request.body().length() > 0 && !String.valueOf(request.header("Content-Type")).startsWith("application/json")) {
      return Answer.json(415, new JsonObject().put("message", "Unsupported Media Type"));
    }
    Answer intercepted = intercept.apply(request);
    if (intercepted != null) {
      return intercepted;
    }
    String path = request.path();
    Matcher comments = COMMENTS.matcher(path);
    Matcher issue = ISSUE.matcher(path);
    if (request.method() == HttpMethod.GET && path.equals("/repos/acme/alerts/issues")) {
      if (!listingShowsIssues) {
        return Answer.json(200, new JsonArray());
      }
      List<JsonObject> sorted = new ArrayList<>(issues);
      sorted.sort(Comparator.comparing((JsonObject i) -> i.getInteger("number")).reversed());
      return Answer.json(200, new JsonArray(new ArrayList<>(sorted)));
    }
    if (request.method() == HttpMethod.GET && path.equals("/search/issues")) {
      String query = request.params().get("q");
      Matcher phrase = Pattern.compile("\"([^\"]+)\"").matcher(query);
      String wanted = phrase.find() ? phrase.group(1) : "\u0000";
      JsonArray items = new JsonArray();
      if (searchShowsIssues) {
        for (JsonObject candidate : issues) {
          if (candidate.getString("body", "").contains(wanted)) {
            items.add(candidate.copy().put("score", 1.0));
          }
        }
      }
      return Answer.json(200, new JsonObject().put("total_count", items.size()).put("incomplete_results", false)
          .put("items", items));
    }
    if (request.method() == HttpMethod.POST && path.equals("/repos/acme/alerts/issues")) {
      JsonObject sent = request.json();
      if (sent.getString("title", "").isBlank()) {
        return Answer.json(422, new JsonObject().put("message", "Validation Failed"));
      }
      JsonObject created = issue(nextNumber++, sent.getString("title"), sent.getString("body"));
      created.put("labels", new JsonArray(sent.getJsonArray("labels", new JsonArray()).stream()
          .map(name -> new JsonObject().put("name", name)).toList()));
      issues.add(created);
      return afterCreating != null ? afterCreating : Answer.json(201, created);
    }
    if (comments.matches()) {
      int number = Integer.parseInt(comments.group(1));
      if (find(number) == null) {
        return Answer.json(404, new JsonObject().put("message", "Not Found"));
      }
      List<JsonObject> list = this.comments.computeIfAbsent(number, n -> new ArrayList<>());
      if (request.method() == HttpMethod.GET) {
        int perPage = Integer.parseInt(request.params().get("per_page") == null ? "30" : request.params().get("per_page"));
        int page = Integer.parseInt(request.params().get("page") == null ? "1" : request.params().get("page"));
        int from = Math.min(list.size(), (page - 1) * perPage);
        int to = Math.min(list.size(), page * perPage);
        Answer answer = Answer.json(200, new JsonArray(new ArrayList<>(list.subList(from, to))));
        if (to < list.size()) {
          answer = answer.withHeader("Link", "<" + peer.url(path) + "?per_page=" + perPage + "&since="
              + request.params().get("since") + "&page=" + (page + 1) + ">; rel=\"next\"");
        }
        return answer;
      }
      if (request.method() == HttpMethod.POST) {
        addComment(number, request.json().getString("body"));
        return Answer.json(201, list.get(list.size() - 1));
      }
    }
    if (issue.matches() && request.method() == HttpMethod.PATCH) {
      JsonObject found = find(Integer.parseInt(issue.group(1)));
      if (found == null) {
        return Answer.json(404, new JsonObject().put("message", "Not Found"));
      }
      found.put("state", request.json().getString("state"));
      return Answer.json(200, found);
    }
    return Answer.json(404, new JsonObject().put("message", "Not Found"));
  }

  private JsonObject find(int number) {
    return issues.stream().filter(i -> i.getInteger("number") == number).findFirst().orElse(null);
  }

  private JsonObject issue(int number, String title, String body) {
    return new JsonObject().put("id", 9000 + number).put("number", number).put("title", title).put("body", body)
        .put("state", "open").put("html_url", "https://github.com/acme/alerts/issues/" + number)
        .put("created_at", Instant.parse("2026-11-27T10:10:00Z").toString())
        .put("updated_at", Instant.parse("2026-11-27T10:10:00Z").toString());
  }
}
