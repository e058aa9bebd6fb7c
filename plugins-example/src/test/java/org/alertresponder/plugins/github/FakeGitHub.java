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
 * GitHub's 401 or 400, and a body longer than GitHub's 65,536 characters gets its 422. Listings give at most
 * {@code per_page} items, the newest first. Tests can make it fail any request ({@link #intercept}), hide issues
 * from the listing (as if more than a page of newer issues existed) or from the search (as its index lags behind),
 * and delete or transfer an issue ({@link #deleteIssue}, {@link #transferIssue}), after which its endpoints answer
 * 410 or 301 as GitHub's do.
 */
final class FakeGitHub {
  static final String TOKEN = "ghp_s3cr3tT0kenThatMustNeverShow0000";
  static final String REPOSITORY = "acme/alerts";
  /** The account of {@link #TOKEN}: the author of what the emitter creates. */
  static final String LOGIN = "alertresponder-bot";
  /** GitHub's limit on the body of an issue or a comment. */
  static final int BODY_MAX = 65_536;
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
  /** What the endpoints of a deleted or transferred issue answer, by its number. */
  private final Map<Integer, Answer> gone = new LinkedHashMap<>();
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

  /** Deletes an issue as an administrator can: GitHub then answers 410 Gone for it. */
  synchronized void deleteIssue(int number) {
    issues.remove(find(number));
    gone.put(number, Answer.json(410, new JsonObject().put("message", "This issue was deleted")
        .put("documentation_url", "https://docs.github.com/rest/issues/issues#get-an-issue")));
  }

  /** Moves an issue to another repository: GitHub then answers 301 with where it went. */
  synchronized void transferIssue(int number) {
    issues.remove(find(number));
    gone.put(number, Answer.json(301, new JsonObject().put("message", "Moved Permanently")
            .put("url", "https://api.github.com/repositories/77/issues/3"))
        .withHeader("Location", "https://api.github.com/repositories/77/issues/3"));
  }

  /** The names of the labels of issue {@code number}. */
  synchronized List<String> labels(int number) {
    return find(number).getJsonArray("labels", new JsonArray()).stream()
        .map(label -> ((JsonObject) label).getString("name")).toList();
  }

  /** Sets the labels of issue {@code number}, as a person editing it does. */
  synchronized void setLabels(int number, List<String> names) {
    find(number).put("labels", labelObjects(new JsonArray(new ArrayList<>(names))));
  }

  /** Adds a comment by an analyst. */
  synchronized void addComment(int number, String body) {
    addComment(number, body, "analyst");
  }

  synchronized void addComment(int number, String body, String login) {
    comments.computeIfAbsent(number, n -> new ArrayList<>()).add(new JsonObject()
        .put("id", 1000 + comments.values().stream().mapToInt(List::size).sum()).put("body", body)
        .put("user", new JsonObject().put("login", login)).put("created_at", "2026-11-27T12:00:00Z")
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
    Matcher anyIssue = Pattern.compile("/repos/acme/alerts/issues/(\\d+)(/.*)?").matcher(path);
    if (anyIssue.matches() && gone.containsKey(Integer.parseInt(anyIssue.group(1)))) {
      return gone.get(Integer.parseInt(anyIssue.group(1)));
    }
    if (request.method() == HttpMethod.POST && request.body().length() > 0
        && request.json().getString("body", "").length() > BODY_MAX) {
      return Answer.json(422, new JsonObject().put("message", "Validation Failed")
          .put("errors", new JsonArray().add(new JsonObject().put("resource", "Issue").put("code", "custom")
              .put("field", "body").put("message", "body is too long (maximum is 65536 characters)")))
          .put("documentation_url", "https://docs.github.com/rest/issues/issues#create-an-issue"));
    }
    if (request.method() == HttpMethod.GET && path.equals("/repos/acme/alerts/issues")) {
      if (!listingShowsIssues) {
        return Answer.json(200, new JsonArray());
      }
      List<JsonObject> sorted = new ArrayList<>(issues);
      sorted.sort(Comparator.comparing((JsonObject i) -> i.getInteger("number")).reversed());
      int perPage = Integer.parseInt(request.params().get("per_page") == null ? "30" : request.params().get("per_page"));
      return Answer.json(200, new JsonArray(new ArrayList<>(sorted.subList(0, Math.min(perPage, sorted.size())))));
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
      JsonObject created = issue(nextNumber++, sent.getString("title"), sent.getString("body"))
          .put("user", new JsonObject().put("login", LOGIN));
      created.put("labels", labelObjects(sent.getJsonArray("labels", new JsonArray())));
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
        addComment(number, request.json().getString("body"), LOGIN);
        return Answer.json(201, list.get(list.size() - 1));
      }
    }
    if (issue.matches() && request.method() == HttpMethod.GET) {
      JsonObject found = find(Integer.parseInt(issue.group(1)));
      return found == null ? Answer.json(404, new JsonObject().put("message", "Not Found")) : Answer.json(200, found);
    }
    if (issue.matches() && request.method() == HttpMethod.PATCH) {
      JsonObject found = find(Integer.parseInt(issue.group(1)));
      if (found == null) {
        return Answer.json(404, new JsonObject().put("message", "Not Found"));
      }
      JsonObject change = request.json();
      if (change.containsKey("state")) {
        found.put("state", change.getString("state"));
      }
      if (change.containsKey("title")) {
        if (change.getString("title", "").isBlank() || change.getString("title").length() > 256) {
          return Answer.json(422, new JsonObject().put("message", "Validation Failed"));
        }
        found.put("title", change.getString("title"));
      }
      if (change.containsKey("labels")) {
        found.put("labels", labelObjects(change.getJsonArray("labels")));
      }
      return Answer.json(200, found);
    }
    return Answer.json(404, new JsonObject().put("message", "Not Found"));
  }

  private static JsonArray labelObjects(JsonArray names) {
    return new JsonArray(names.stream().map(name -> new JsonObject().put("id", 700 + String.valueOf(name).length())
        .put("name", name).put("color", "ededed")).toList());
  }

  private JsonObject find(int number) {
    return issues.stream().filter(i -> i.getInteger("number") == number).findFirst().orElse(null);
  }

  private JsonObject issue(int number, String title, String body) {
    return new JsonObject().put("id", 9000 + number).put("number", number).put("title", title).put("body", body)
        .put("state", "open").put("labels", new JsonArray()).put("user", new JsonObject().put("login", "someone"))
        .put("html_url", "https://github.com/acme/alerts/issues/" + number)
        .put("created_at", Instant.parse("2026-11-27T10:10:00Z").toString())
        .put("updated_at", Instant.parse("2026-11-27T10:10:00Z").toString());
  }
}
