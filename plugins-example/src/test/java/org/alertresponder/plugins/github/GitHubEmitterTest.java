package org.alertresponder.plugins.github;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.api.InspectionRecord;
import org.alertresponder.engine.api.InspectionStatus;
import org.alertresponder.engine.api.PublishedVerdict;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportAttribute;
import org.alertresponder.engine.api.Section;
import org.alertresponder.engine.api.Severity;
import org.alertresponder.engine.api.Verdict;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.Emitter;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginException;
import org.alertresponder.engine.spi.PluginOptions;
import org.alertresponder.plugins.support.PublishedReports;
import org.alertresponder.plugins.support.RecordingHttpPeer.Answer;
import org.alertresponder.plugins.support.RecordingHttpPeer.Request;
import org.alertresponder.tck.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.alertresponder.plugins.support.PluginFutures.await;
import static org.alertresponder.plugins.support.PluginFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class GitHubEmitterTest {
  private static final String ISSUES = "/repos/acme/alerts/issues";
  private static final String MARKER_V1 = "<!-- alertresponder:report=" + PublishedReports.ID + " version=1 -->";
  private static final String MARKER_V2 = "<!-- alertresponder:report=" + PublishedReports.ID + " version=2 -->";

  private FakeGitHub github;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    github = FakeGitHub.start(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    github.close();
  }

  @Test
  void anUrgentReportOpensAnIssueWithTheMarkdownReport(Vertx vertx) throws Exception {
    Map<String, Object> options = options();
    options.put("assignees", List.of("alice", "bob"));
    options.put("report-url", "https://console.example/reports/{id}");
    github.addPullRequest(MARKER_V1 + "\nnot an issue");

    await(emitter(vertx, options).emit(PublishedReports.report().build()));

    assertThat(github.calls()).containsExactly("GET " + ISSUES, "POST " + ISSUES);
    for (Request request : github.requests()) {
      assertThat(request.header("Accept")).isEqualTo("application/vnd.github+json");
      assertThat(request.header("Authorization")).isEqualTo("Bearer " + FakeGitHub.TOKEN);
      assertThat(request.header("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
      assertThat(request.header("User-Agent")).isEqualTo("AlertResponder");
    }
    Request listing = github.requests().get(0);
    assertThat(listing.params().get("state")).isEqualTo("all");
    assertThat(listing.params().get("sort")).isEqualTo("created");
    assertThat(listing.params().get("direction")).isEqualTo("desc");
    assertThat(listing.params().get("per_page")).isEqualTo("100");
    assertThat(listing.params().get("since")).isEqualTo("2026-11-27T09:00:00Z");

    Request creation = github.requests().get(1);
    assertThat(creation.header("Content-Type")).startsWith("application/json");
    JsonObject sent = creation.json();
    assertThat(sent.fieldNames()).containsExactlyInAnyOrder("title", "body", "labels", "assignees");
    assertThat(sent.getString("title")).isEqualTo("[urgent] SSH brute force (guardduty)");
    assertThat(sent.getJsonArray("labels")).isEqualTo(new JsonArray().add("alertresponder").add("severity:urgent"));
    assertThat(sent.getJsonArray("assignees")).isEqualTo(new JsonArray().add("alice").add("bob"));
    String body = sent.getString("body");
    assertThat(body).startsWith(MARKER_V1 + "\n## :rotating_light: Urgent — version 1\n\n**Reason**\n\n"
        + "```text\n198.51.100.7 is on the blocklist\n```\n");
    assertThat(body).contains(
        "| Severity | urgent |\n",
        "| Rule | `UnauthorizedAccess:EC2/SSHBruteForce` (`SSH brute force`) |\n",
        "| Detector | `guardduty` |\n",
        "| Alert key | `i-0abc12` |\n",
        "| Report | `" + PublishedReports.ID + "`, version 1 · [open the report](<https://console.example/reports/"
            + PublishedReports.ID + ">) |\n",
        "| Alerts | 2, first seen 2026-11-27T10:00:00Z, last seen 2026-11-27T10:05:00Z |\n",
        "### Alerts\n\n| Time | Description |\n|---|---|\n"
            + "| 2026-11-27T10:00:00Z | `198.51.100.7 is performing SSH brute force attacks against i-0abc12` |\n"
            + "| 2026-11-27T10:05:00Z | `198.51.100.7 is performing SSH brute force attacks against i-0abc12` |\n",
        "### Key attributes\n\n| Type | Key | Value | Context |\n|---|---|---|---|\n"
            + "| `ipaddr` | `source address` | `198.51.100.7` | `remote, client` |\n"
            + "| `username` | `target user` | `root` | `local, subject` |\n\n"
            + "_1 attribute was discovered by inspectors._\n",
        "### Findings\n\n#### `198.51.100.7` (`ipaddr`)\n\n"
            + "<details><summary><code>blocklist</code>: <code>host</code> finding</summary>\n\n```json\n{\n"
            + "  \"ipaddr\" : [ \"198.51.100.7\" ],",
        "<details><summary><code>geo</code>: <code>host</code> finding</summary>",
        "### Inspections that failed\n\n| Attribute | Inspector | Status | Error |\n|---|---|---|---|\n"
            + "| `scanner.example.net` | `whois` | failed | `whois.example answered 503 Service Unavailable` |\n",
        "### Verdict history\n\n| Version | Published | Severity | Reason |\n|---|---|---|---|\n"
            + "| 1 | 2026-11-27T10:10:00Z | urgent | `198.51.100.7 is on the blocklist` |\n");
    assertThat(github.issues).hasSize(2);
  }

  @Test
  void aLaterVersionIsACommentOnTheSameIssueFoundWithoutALookup(Vertx vertx) throws Exception {
    Emitter emitter = emitter(vertx, options());
    await(emitter.emit(PublishedReports.report().build()));
    int before = github.requests().size();

    await(emitter.emit(PublishedReports.report().history(Severity.URGENT, Severity.UNCLASSIFIED)
        .reason("the blocklist entry expired").build()));

    List<Request> later = github.requests().subList(before, github.requests().size());
    assertThat(later.stream().map(r -> r.method() + " " + r.path()))
        .containsExactly("GET " + ISSUES + "/41/comments", "POST " + ISSUES + "/41/comments",
            "GET " + ISSUES + "/41", "PATCH " + ISSUES + "/41");
    assertThat(later.get(0).params().get("since")).isEqualTo("2026-11-27T09:25:00Z");
    assertThat(later.get(0).params().get("per_page")).isEqualTo("100");
    JsonObject comment = later.get(1).json();
    assertThat(comment.fieldNames()).containsExactly("body");
    assertThat(comment.getString("body")).startsWith(MARKER_V2 + "\n## :warning: Unclassified — version 2\n")
        .contains("| 1 | 2026-11-27T10:10:00Z | urgent | `verdict of version 1` |\n"
            + "| 2 | 2026-11-27T10:25:00Z | unclassified | `the blocklist entry expired` |\n");
    assertThat(github.issues).hasSize(1);
  }

  @Test
  void afterARestartALaterVersionFindsTheIssueInTheListingOrElseThroughTheSearch(Vertx vertx) throws Exception {
    await(emitter(vertx, options()).emit(PublishedReports.report().build()));
    int before = github.requests().size();

    await(emitter(vertx, options()).emit(PublishedReports.report().history(Severity.URGENT, Severity.URGENT).build()));
    assertThat(github.calls().subList(before, github.calls().size())).containsExactly("GET " + ISSUES,
        "GET " + ISSUES + "/41/comments", "POST " + ISSUES + "/41/comments");

    github.listingShowsIssues = false;
    before = github.requests().size();
    await(emitter(vertx, options()).emit(PublishedReports.report()
        .history(Severity.URGENT, Severity.URGENT, Severity.URGENT).build()));
    List<Request> third = github.requests().subList(before, github.requests().size());
    assertThat(third.stream().map(r -> r.method() + " " + r.path())).containsExactly("GET " + ISSUES,
        "GET /search/issues", "GET " + ISSUES + "/41/comments", "POST " + ISSUES + "/41/comments");
    assertThat(third.get(1).params().get("q"))
        .isEqualTo("repo:acme/alerts in:body \"alertresponder:report=" + PublishedReports.ID + "\"");
    assertThat(third.get(1).query()).startsWith("q=repo%3Aacme%2Falerts+in%3Abody+%22alertresponder%3Areport%3D");
    assertThat(github.issues).hasSize(1);
    assertThat(github.comments.get(41)).hasSize(2);
  }

  @Test
  void aRetriedVersionOneAfterALostAnswerDoesNotOpenASecondIssue(Vertx vertx) throws Exception {
    github.afterCreating = Answer.never();
    Map<String, Object> options = options();
    options.put("request-timeout", "200ms");
    Emitter emitter = emitter(vertx, options);

    PluginException lost = failure(emitter.emit(PublishedReports.report().build()));
    assertThat(lost.retryable()).isTrue();
    assertThat(lost.getMessage()).startsWith("GitHub (POST /repos/acme/alerts/issues) did not answer in time");
    assertNoSecret(lost);

    github.afterCreating = null;
    await(emitter.emit(PublishedReports.report().build()));
    await(emitter(vertx, options).emit(PublishedReports.report().build()));

    assertThat(github.issues).hasSize(1);
    assertThat(github.comments.getOrDefault(41, List.of())).isEmpty();
    // Each retry finds the issue, and reads its comments for a newer version that would make this one late.
    assertThat(github.calls()).containsExactly("GET " + ISSUES, "POST " + ISSUES, "GET " + ISSUES,
        "GET " + ISSUES + "/41/comments", "GET " + ISSUES, "GET " + ISSUES + "/41/comments");
  }

  @Test
  void aMalformedAnswerToTheCreationIsRetryableAndTheRetryFindsTheIssue(Vertx vertx) throws Exception {
    for (Answer garbled : List.of(Answer.text(201, "<html>Created</html>"), Answer.json(201, new JsonObject()),
        Answer.text(201, ""))) {
      Emitter emitter = emitter(vertx, options());
      github.issues.clear();
      github.afterCreating = garbled;
      PluginException failure = failure(emitter.emit(PublishedReports.report().build()));
      assertThat(failure.retryable()).isTrue();
      assertThat(failure.getMessage()).startsWith("GitHub (POST /repos/acme/alerts/issues) answered 201");
      github.afterCreating = null;
      await(emitter.emit(PublishedReports.report().build()));
      assertThat(github.issues).hasSize(1);
    }
  }

  @Test
  void aRetriedLaterVersionDoesNotCommentTwiceEvenWhenItsCommentIsOnALaterPage(Vertx vertx) throws Exception {
    await(emitter(vertx, options()).emit(PublishedReports.report().build()));
    for (int i = 0; i < 120; i++) {
      github.addComment(41, "a comment by an analyst #" + i);
    }
    Report v2 = PublishedReports.report().history(Severity.URGENT, Severity.URGENT).build();
    await(emitter(vertx, options()).emit(v2));
    assertThat(github.comments.get(41)).hasSize(121);
    int before = github.requests().size();

    await(emitter(vertx, options()).emit(v2));

    List<Request> retry = github.requests().subList(before, github.requests().size());
    assertThat(retry.stream().map(r -> r.method() + " " + r.path())).containsExactly("GET " + ISSUES,
        "GET " + ISSUES + "/41/comments", "GET " + ISSUES + "/41/comments");
    assertThat(retry.get(2).params().get("page")).isEqualTo("2");
    assertThat(github.comments.get(41)).hasSize(121);
  }

  @Test
  void safeVersionsOpenNothingAndCommentOnlyWhereAnIssueExists(Vertx vertx) throws Exception {
    Emitter emitter = emitter(vertx, options());
    await(emitter.emit(PublishedReports.report().history(Severity.SAFE).build()));
    await(emitter.emit(PublishedReports.report().history(Severity.SAFE, Severity.SAFE).build()));
    assertThat(github.requests()).isEmpty();

    // An earlier version was urgent but its issue is gone: a safe verdict opens none.
    await(emitter.emit(PublishedReports.report().history(Severity.URGENT, Severity.SAFE).build()));
    assertThat(github.calls()).containsExactly("GET " + ISSUES, "GET /search/issues");

    await(emitter.emit(PublishedReports.report().id("01932f6e-5a00-7000-8000-0000000000ff").build()));
    await(emitter.emit(PublishedReports.report().id("01932f6e-5a00-7000-8000-0000000000ff")
        .history(Severity.URGENT, Severity.SAFE).reason("the address belongs to our scanner").build()));
    List<JsonObject> comments = github.comments.get(41);
    assertThat(comments).hasSize(1);
    assertThat(comments.get(0).getString("body")).startsWith("<!-- alertresponder:report="
        + "01932f6e-5a00-7000-8000-0000000000ff version=2 -->\n## :white_check_mark: Safe — version 2\n");
    assertThat(github.issues.get(0).getString("state")).isEqualTo("open");
  }

  @Test
  void withCloseWhenSafeASafeVersionClosesTheIssueAndALaterUnsafeOneReopensIt(Vertx vertx) throws Exception {
    Map<String, Object> options = options();
    options.put("close-when-safe", true);
    options.put("severity-labels", false);
    options.put("labels", List.of("security", "triage"));
    Emitter emitter = emitter(vertx, options);
    await(emitter.emit(PublishedReports.report().build()));
    assertThat(github.requests().get(1).json().getJsonArray("labels"))
        .isEqualTo(new JsonArray().add("security").add("triage"));

    await(emitter.emit(PublishedReports.report().history(Severity.URGENT, Severity.SAFE).build()));
    Request close = github.requests().get(github.requests().size() - 1);
    assertThat(close.method()).isEqualTo(HttpMethod.PATCH);
    assertThat(close.path()).isEqualTo(ISSUES + "/41");
    assertThat(close.json()).isEqualTo(new JsonObject().put("state", "closed").put("state_reason", "completed"));
    assertThat(github.issues.get(0).getString("state")).isEqualTo("closed");

    await(emitter.emit(PublishedReports.report().history(Severity.URGENT, Severity.SAFE, Severity.URGENT).build()));
    Request reopen = github.requests().get(github.requests().size() - 1);
    assertThat(reopen.method()).isEqualTo(HttpMethod.PATCH);
    assertThat(reopen.json()).isEqualTo(new JsonObject().put("state", "open"));
    assertThat(github.issues.get(0).getString("state")).isEqualTo("open");
    assertThat(github.comments.get(41)).hasSize(2);
  }

  @Test
  void alertTextIsQuotedAsCodeSoItCannotMentionLinkOrBreakTheTable(Vertx vertx) throws Exception {
    Report report = PublishedReports.report()
        .description("@acme/security-team see #12 <img src=https://evil.example/p.png> a|b `x`\nsecond line")
        .attribute(Attribute.of("url", "link", "https://evil.example/login")).build();

    await(emitter(vertx, options()).emit(report));

    String body = github.requests().get(1).json().getString("body");
    assertThat(body).contains("| 2026-11-27T10:00:00Z | "
        + "``@acme/security-team see #12 <img src=https://evil.example/p.png> a\\|b `x` second line`` |\n");
    assertThat(body).contains("| `url` | `link` | `https://evil.example/login` | — |\n");
  }

  @Test
  void aHugeReportStaysWithinGitHubsBodyLimit(Vertx vertx) throws Exception {
    PublishedReports builder = PublishedReports.report().alerts(80).reason("r".repeat(2000));
    for (int i = 0; i < 60; i++) {
      builder.attribute(Attribute.of("json", "blob " + i, "v".repeat(500)));
    }
    Report base = builder.build();
    List<org.alertresponder.engine.api.Section> sections = new java.util.ArrayList<>();
    for (org.alertresponder.engine.api.ReportAttribute attribute : base.attributes()) {
      sections.add(new org.alertresponder.engine.api.Section(attribute, List.of(
          new org.alertresponder.engine.api.Finding("dump", "host",
              new JsonObject().put("raw", "z".repeat(20_000))))));
    }
    Report huge = new Report(base.id(), base.groupKey(), base.detector(), base.ruleId(), base.ruleName(),
        base.alertKey(), base.status(), base.version(), base.createdAt(), base.updatedAt(), base.alerts(),
        base.attributes(), sections, base.inspections(), base.cut(), base.cutCount(), base.result(), base.verdicts());

    await(emitter(vertx, options()).emit(huge));

    String body = github.requests().get(1).json().getString("body");
    assertThat(body.length()).isLessThanOrEqualTo(IssueMarkdown.BODY_MAX);
    assertThat(body).startsWith(MARKER_V1)
        .contains("| … | _30 more alerts_ |", "_Cut: ", "more findings are not shown here",
            "### Inspections that failed", "### Verdict history");
  }

  @Test
  void aBodyWhoseEveryTableIsFullOfLongPipedCellsStaysWithinGitHubsLimitForTheIssueAndItsComments(Vertx vertx)
      throws Exception {
    // Version 1 of one report opens its issue from such a body; a later version of another report comments one.
    Emitter emitter = emitter(vertx, options());
    await(emitter.emit(crammed("01932f6e-5a00-7000-8000-0000000000c1", 1)));
    await(emitter.emit(PublishedReports.report().build()));
    await(emitter.emit(crammed(PublishedReports.ID, 60)));

    String issueBody = github.issues.get(0).getString("body");
    String commentBody = github.comments.get(42).get(0).getString("body");
    for (String body : List.of(issueBody, commentBody)) {
      assertThat(body.length()).isLessThanOrEqualTo(IssueMarkdown.BODY_MAX);
      assertThat(body).contains("### Alerts", "### Key attributes", "### Findings", "### Inspections that failed",
          "### Verdict history", " more alerts_ |");
    }
    assertThat(issueBody).startsWith("<!-- alertresponder:report=01932f6e-5a00-7000-8000-0000000000c1 version=1 -->");
    assertThat(commentBody).startsWith("<!-- alertresponder:report=" + PublishedReports.ID + " version=60 -->")
        .contains("| 60 | ");
  }

  @Test
  void aLateOlderVersionDoesNotUndoANewerOneWhileTheProcessRunsNorAfterARestart(Vertx vertx) throws Exception {
    Map<String, Object> options = options();
    options.put("close-when-safe", true);
    Emitter emitter = emitter(vertx, options);
    Report v1 = PublishedReports.report().build();
    await(emitter.emit(v1));
    await(emitter.emit(PublishedReports.report().history(Severity.URGENT, Severity.SAFE).build()));
    assertThat(github.issues.get(0).getString("state")).isEqualTo("closed");
    int before = github.requests().size();

    // Version 1 again, as a replay from the dead letters after version 2 resolved the report.
    await(emitter.emit(v1));
    assertThat(github.requests()).hasSize(before);

    // After a restart the emitter remembers nothing, but the issue's comments tell that version 2 is there.
    await(emitter(vertx, options).emit(v1));
    assertThat(github.calls().subList(before, github.calls().size()))
        .containsExactly("GET " + ISSUES, "GET " + ISSUES + "/41/comments");
    assertThat(github.issues.get(0).getString("state")).isEqualTo("closed");
    assertThat(github.comments.get(41)).hasSize(1);
    assertThat(github.issues).hasSize(1);

    // Someone else's comment with a newer marker silences nothing: only the emitter's own comments count.
    github.addComment(41, "<!-- alertresponder:report=" + PublishedReports.ID + " version=9 -->\nquiet now");
    await(emitter(vertx, options).emit(PublishedReports.report().history(Severity.URGENT, Severity.SAFE,
        Severity.URGENT).build()));
    assertThat(github.comments.get(41)).hasSize(3);
    assertThat(github.issues.get(0).getString("state")).isEqualTo("open");
    github.addComment(41, "<!-- alertresponder:report=" + PublishedReports.ID + " version=4 -->\nalready here?");
    await(emitter(vertx, options).emit(PublishedReports.report().history(Severity.URGENT, Severity.SAFE,
        Severity.URGENT, Severity.URGENT).build()));
    assertThat(github.comments.get(41)).hasSize(5);

    // A version 1 that never was delivered and arrives after version 2 opened the issue changes nothing either.
    String other = "01932f6e-5a00-7000-8000-0000000000b2";
    await(emitter(vertx, options).emit(PublishedReports.report().id(other).history(Severity.SAFE, Severity.URGENT)
        .build()));
    await(emitter(vertx, options).emit(PublishedReports.report().id(other).history(Severity.URGENT).build()));
    assertThat(github.issues).hasSize(2);
    assertThat(github.comments.getOrDefault(42, List.of())).isEmpty();
  }

  @Test
  void anEscalationRetitlesAndRelabelsTheIssueAndKeepsTheLabelsPeopleAdded(Vertx vertx) throws Exception {
    Emitter emitter = emitter(vertx, options());
    await(emitter.emit(PublishedReports.report().history(Severity.UNCLASSIFIED).build()));
    assertThat(github.issues.get(0).getString("title")).isEqualTo("[unclassified] SSH brute force (guardduty)");
    assertThat(github.labels(41)).containsExactly("alertresponder", "severity:unclassified");
    github.setLabels(41, List.of("alertresponder", "severity:unclassified", "needs-owner"));
    int before = github.requests().size();

    Report v2 = PublishedReports.report().history(Severity.UNCLASSIFIED, Severity.URGENT).build();
    await(emitter.emit(v2));

    List<Request> escalation = github.requests().subList(before, github.requests().size());
    assertThat(escalation.stream().map(r -> r.method() + " " + r.path())).containsExactly(
        "GET " + ISSUES + "/41/comments", "POST " + ISSUES + "/41/comments", "GET " + ISSUES + "/41",
        "PATCH " + ISSUES + "/41");
    assertThat(escalation.get(3).json()).isEqualTo(new JsonObject()
        .put("title", "[urgent] SSH brute force (guardduty)")
        .put("labels", new JsonArray().add("alertresponder").add("needs-owner").add("severity:urgent")));
    assertThat(github.issues.get(0).getString("title")).isEqualTo("[urgent] SSH brute force (guardduty)");
    assertThat(github.labels(41)).containsExactly("alertresponder", "needs-owner", "severity:urgent");

    // A retry, in this process or after a restart, and a later version of the same severity change nothing more.
    before = github.requests().size();
    await(emitter.emit(v2));
    await(emitter(vertx, options()).emit(v2));
    await(emitter.emit(PublishedReports.report().history(Severity.UNCLASSIFIED, Severity.URGENT, Severity.URGENT)
        .build()));
    assertThat(github.calls().subList(before, github.calls().size())).doesNotContain("PATCH " + ISSUES + "/41")
        .contains("POST " + ISSUES + "/41/comments");

    // A safe version says so in the title and the labels too, so that the issue leaves an urgent board.
    await(emitter.emit(PublishedReports.report()
        .history(Severity.UNCLASSIFIED, Severity.URGENT, Severity.URGENT, Severity.SAFE).build()));
    assertThat(github.issues.get(0).getString("title")).isEqualTo("[safe] SSH brute force (guardduty)");
    assertThat(github.labels(41)).containsExactly("alertresponder", "needs-owner", "severity:safe");

    // Without severity labels only the title follows, and the labels are left alone.
    Map<String, Object> plain = options();
    plain.put("severity-labels", false);
    await(emitter(vertx, plain).emit(PublishedReports.report()
        .history(Severity.UNCLASSIFIED, Severity.URGENT, Severity.URGENT, Severity.SAFE, Severity.URGENT).build()));
    Request patch = github.requests().get(github.requests().size() - 1);
    assertThat(patch.method()).isEqualTo(HttpMethod.PATCH);
    assertThat(patch.json()).isEqualTo(new JsonObject().put("title", "[urgent] SSH brute force (guardduty)"));
    assertThat(github.labels(41)).containsExactly("alertresponder", "needs-owner", "severity:safe");
  }

  @Test
  void twoVersionsOfOneReportInFlightAtOnceOpenOneIssue(Vertx vertx) throws Exception {
    // Neither lookup could see the other's issue: the listing is crowded and the search lags behind.
    github.listingShowsIssues = false;
    github.searchShowsIssues = false;
    Emitter emitter = emitter(vertx, options());

    Future<Void> first = emitter.emit(PublishedReports.report().history(Severity.UNCLASSIFIED).build());
    Future<Void> second = emitter.emit(PublishedReports.report().history(Severity.UNCLASSIFIED, Severity.URGENT)
        .build());
    await(first);
    await(second);

    assertThat(github.issues).hasSize(1);
    assertThat(github.comments.get(41)).hasSize(1);
    assertThat(github.comments.get(41).get(0).getString("body")).startsWith(MARKER_V2);
  }

  @Test
  void aRetriedVersionOneLooksThroughTheSearchWhenTheListingIsFull(Vertx vertx) throws Exception {
    github.afterCreating = Answer.never();
    Map<String, Object> options = options();
    options.put("request-timeout", "200ms");
    assertThat(failure(emitter(vertx, options).emit(PublishedReports.report().build())).retryable()).isTrue();
    github.afterCreating = null;
    // A hundred newer issues fill the listing's one page before the retry comes.
    for (int i = 0; i < 100; i++) {
      github.addIssue("an issue about something else #" + i);
    }
    int before = github.requests().size();

    await(emitter(vertx, options).emit(PublishedReports.report().build()));

    assertThat(github.calls().subList(before, github.calls().size()))
        .containsExactly("GET " + ISSUES, "GET /search/issues", "GET " + ISSUES + "/41/comments");
    assertThat(github.issues).hasSize(101);
    assertThat(github.issues.stream().filter(i -> i.getString("body").startsWith(MARKER_V1))).hasSize(1);
  }

  @Test
  void aCachedIssueThatWasDeletedOrTransferredIsLookedUpAgainInsteadOfFailingEveryLaterVersion(Vertx vertx)
      throws Exception {
    Emitter emitter = emitter(vertx, options());
    String deleted = "01932f6e-5a00-7000-8000-0000000000d1";
    String transferred = "01932f6e-5a00-7000-8000-0000000000d2";
    String missing = "01932f6e-5a00-7000-8000-0000000000d3";
    await(emitter.emit(PublishedReports.report().id(deleted).build()));
    await(emitter.emit(PublishedReports.report().id(transferred).build()));
    await(emitter.emit(PublishedReports.report().id(missing).build()));
    github.deleteIssue(41);
    github.transferIssue(42);
    // Gone without a trace: GitHub answers 404, as it does for an issue the token may no longer see.
    github.issues.removeIf(issue -> issue.getInteger("number") == 43);
    int before = github.requests().size();

    await(emitter.emit(PublishedReports.report().id(deleted).history(Severity.URGENT, Severity.URGENT).build()));

    assertThat(github.calls().subList(before, github.calls().size())).containsExactly(
        "GET " + ISSUES + "/41/comments", "GET " + ISSUES, "GET /search/issues", "POST " + ISSUES);
    assertThat(github.issues.get(github.issues.size() - 1).getString("body"))
        .startsWith("<!-- alertresponder:report=" + deleted + " version=2 -->");
    await(emitter.emit(PublishedReports.report().id(transferred).history(Severity.URGENT, Severity.URGENT).build()));
    await(emitter.emit(PublishedReports.report().id(missing).history(Severity.URGENT, Severity.URGENT).build()));
    assertThat(github.issues.stream().map(issue -> issue.getInteger("number"))).containsExactly(44, 45, 46);

    // The issue found again is remembered: the next version comments on it straight away.
    before = github.requests().size();
    await(emitter.emit(PublishedReports.report().id(deleted).history(Severity.URGENT, Severity.URGENT,
        Severity.URGENT).build()));
    assertThat(github.calls().subList(before, github.calls().size()))
        .containsExactly("GET " + ISSUES + "/44/comments", "POST " + ISSUES + "/44/comments");
  }

  @Test
  void refusalsArePermanentAndRateLimitsAndOutagesAreRetryable(Vertx vertx) throws Exception {
    Emitter emitter = emitter(vertx, options());
    record Case(Answer answer, boolean retryable, String message) {
    }
    JsonObject forbidden = new JsonObject().put("message", "Resource not accessible by personal access token");
    List<Case> cases = List.of(
        new Case(Answer.json(401, new JsonObject().put("message", "Bad credentials")), false,
            "GitHub (POST /repos/acme/alerts/issues) answered 401 Unauthorized: {\"message\":\"Bad credentials\"}"),
        new Case(Answer.json(403, forbidden), false, "GitHub (POST /repos/acme/alerts/issues) answered 403 Forbidden"),
        new Case(Answer.json(403, new JsonObject().put("message", "API rate limit exceeded for user ID 1."))
            .withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-reset", "1796205600"), true,
            "GitHub (POST /repos/acme/alerts/issues) answered 403 Forbidden"),
        new Case(Answer.json(403, new JsonObject().put("message",
            "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.")), true,
            "GitHub (POST /repos/acme/alerts/issues) answered 403 Forbidden: {\"message\":\"You have exceeded a "
                + "secondary rate limit"),
        new Case(Answer.json(429, new JsonObject().put("message", "slow down")).withHeader("Retry-After", "60"),
            true, "GitHub (POST /repos/acme/alerts/issues) answered 429 Too Many Requests"),
        new Case(Answer.json(404, new JsonObject().put("message", "Not Found")), false,
            "GitHub (POST /repos/acme/alerts/issues) answered 404 Not Found"),
        new Case(Answer.json(422, new JsonObject().put("message", "Validation Failed")), false,
            "GitHub (POST /repos/acme/alerts/issues) answered 422 Unprocessable Entity"),
        new Case(Answer.text(500, "oops"), true, "GitHub (POST /repos/acme/alerts/issues) answered 500"),
        new Case(Answer.text(502, "Bad Gateway"), true, "GitHub (POST /repos/acme/alerts/issues) answered 502"));
    for (Case c : cases) {
      github.intercept = request -> request.method() == HttpMethod.POST ? c.answer() : null;
      PluginException failure = failure(emitter.emit(PublishedReports.report().build()));
      assertThat(failure.retryable()).as(c.message()).isEqualTo(c.retryable());
      assertThat(failure.getMessage()).startsWith(c.message());
      assertNoSecret(failure);
    }
    github.intercept = request -> request.method() == HttpMethod.POST
        ? Answer.json(403, new JsonObject().put("message", "API rate limit exceeded"))
        .withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-reset", "1796205600") : null;
    assertThat(failure(emitter.emit(PublishedReports.report().build())).getMessage())
        .endsWith("(rate limit resets at 2026-12-02T10:00:00Z)");
  }

  @Test
  void aFailedLookupFailsTheDeliveryBeforeAnythingIsCreated(Vertx vertx) throws Exception {
    github.intercept = request -> request.method() == HttpMethod.GET ? Answer.text(200, "<html>maintenance</html>")
        : null;
    PluginException garbled = failure(emitter(vertx, options()).emit(PublishedReports.report().build()));
    assertThat(garbled.retryable()).isTrue();
    assertThat(garbled.getMessage())
        .isEqualTo("GitHub (GET /repos/acme/alerts/issues) answered 200 with a body that is not a JSON list");

    github.intercept = request -> request.path().equals("/search/issues")
        ? Answer.json(422, new JsonObject().put("message", "Validation Failed")) : null;
    github.listingShowsIssues = false;
    PluginException refused = failure(emitter(vertx, options()).emit(PublishedReports.report()
        .history(Severity.URGENT, Severity.URGENT).build()));
    assertThat(refused.retryable()).isFalse();
    assertThat(refused.getMessage()).startsWith("GitHub (GET /search/issues) answered 422");
    assertThat(github.calls()).doesNotContain("POST " + ISSUES);
  }

  @Test
  void aWrongTokenIsAPermanentFailureThatDoesNotShowTheToken(Vertx vertx) throws Exception {
    Map<String, Object> options = options();
    options.put("token", "ghp_wrongButStillSecret");

    PluginException failure = failure(emitter(vertx, options).emit(PublishedReports.report().build()));

    assertThat(failure.retryable()).isFalse();
    assertThat(failure.getMessage()).startsWith("GitHub (GET /repos/acme/alerts/issues) answered 401");
    assertThat(failure.getMessage()).doesNotContain("ghp_wrongButStillSecret");
  }

  @Test
  void configurationErrorsNameTheOption(Vertx vertx) {
    assertThatThrownBy(() -> create(vertx, Map.of("token", FakeGitHub.TOKEN)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("emitters[0].options.repository: expected a non-empty string");
    assertThatThrownBy(() -> create(vertx, Map.of("repository", "https://github.com/acme/alerts",
        "token", FakeGitHub.TOKEN)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("emitters[0].options.repository: expected owner/name, such as acme/security-alerts, "
            + "found \"https://github.com/acme/alerts\"");
    assertThatThrownBy(() -> create(vertx, Map.of("repository", "acme/alerts")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("emitters[0].options.token: expected a secret");
    assertThatThrownBy(() -> create(vertx, Map.of("repository", "acme/alerts", "token", 12345)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("emitters[0].options.token: expected a non-empty string, found a value that is not one");
    assertThatThrownBy(() -> create(vertx, Map.of("repository", "acme/alerts", "token", FakeGitHub.TOKEN,
        "api-url", "api.github.com")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("emitters[0].options.api-url: expected an absolute http:// or https:// URL");
    assertThatThrownBy(() -> create(vertx, Map.of("repository", "acme/alerts", "token", FakeGitHub.TOKEN,
        "labels", List.of("ok", ""))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("emitters[0].options.labels[1]: expected a label name of 1 to 50 characters");
    assertThatThrownBy(() -> create(vertx, Map.of("repository", "acme/alerts", "token", FakeGitHub.TOKEN,
        "assignees", List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("emitters[0].options.assignees: expected at most 10 user names, found 11 names");
  }

  @Test
  void everyOptionIsRead(Vertx vertx) {
    Map<String, Object> values = new LinkedHashMap<>(options());
    values.putAll(Map.of("labels", List.of("a"), "severity-labels", true, "close-when-safe", false,
        "assignees", List.of("alice"), "report-url", "https://c.example/{id}", "request-timeout", "5s",
        "min-severity", "urgent"));
    PluginOptions options = new PluginOptions("emitters[0].options", values);
    new GitHubEmitterFactory().create(new PluginContext("github", options, vertx, ManualClock.atDefaultStart(),
        Path.of(".")));

    assertThatThrownBy(options::requireAllRead)
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("emitters[0].options.min-severity: expected one of the options api-url, assignees, "
            + "close-when-safe, labels, max-answer-size, report-url, repository, request-timeout, severity-labels, token, found the "
            + "unknown option \"min-severity\"");
    assertThat(GitHubEmitterFactory.DEFAULT_API_URL).isEqualTo("https://api.github.com");
  }

  /**
   * A report whose every table is full: 60 alerts, 60 attributes, 60 failed inspections and {@code version}
   * verdicts, each cell long and full of pipes (which grow when escaped), and 60 large findings.
   */
  private static Report crammed(String id, int version) {
    String piped = "a|b".repeat(300);
    PublishedReports builder = PublishedReports.report().id(id).alerts(60).description(piped).reason(piped);
    for (int i = 0; i < 60; i++) {
      builder.attribute(Attribute.of("json|" + i, piped, piped + i, piped));
    }
    Report base = builder.build();
    List<Section> sections = new ArrayList<>();
    List<InspectionRecord> inspections = new ArrayList<>(base.inspections());
    for (ReportAttribute attribute : base.attributes()) {
      sections.add(new Section(attribute, List.of(new Finding("dump", "host",
          new JsonObject().put("raw", "z".repeat(5_000))))));
      inspections.add(new InspectionRecord(attribute.hash(), "inspector|" + piped, InspectionStatus.TIMED_OUT,
          piped, 3, base.updatedAt()));
    }
    List<PublishedVerdict> verdicts = new ArrayList<>();
    for (int v = 1; v <= version; v++) {
      verdicts.add(new PublishedVerdict(v, new Verdict(Severity.URGENT, piped + v),
          PublishedReports.CREATED.plus(Duration.ofMinutes(10L + v))));
    }
    return new Report(base.id(), base.groupKey(), base.detector(), base.ruleId() + "|" + piped, piped,
        piped, base.status(), version, base.createdAt(), base.updatedAt(), base.alerts(), base.attributes(),
        sections, inspections, base.cut(), base.cutCount(), verdicts.get(version - 1).verdict(), verdicts);
  }

  private Map<String, Object> options() {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("repository", FakeGitHub.REPOSITORY);
    options.put("token", FakeGitHub.TOKEN);
    options.put("api-url", github.apiUrl());
    return options;
  }

  private static Emitter emitter(Vertx vertx, Map<String, Object> options) {
    return create(vertx, options);
  }

  private static Emitter create(Vertx vertx, Map<String, Object> options) {
    return new GitHubEmitterFactory().create(new PluginContext("github",
        new PluginOptions("emitters[0].options", options), vertx, ManualClock.atDefaultStart(), Path.of(".")));
  }

  private static void assertNoSecret(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(FakeGitHub.TOKEN);
    }
  }
}
