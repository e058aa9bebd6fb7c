package org.alertresponder.plugins.github;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.PublishedVerdict;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.Severity;
import org.alertresponder.engine.spi.Emitter;
import org.alertresponder.plugins.support.ReportDigest;
import org.alertresponder.plugins.support.ReportLinks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One GitHub issue per report. The first version that is not safe opens it; every later version becomes a
 * comment on it. Delivery is at-least-once, so each body starts with a marker naming the report and the version
 * ({@link IssueMarkdown#marker}), and a version whose marker is already on the issue is not posted again: a
 * retried delivery, even after a restart or after an answer that was lost, changes nothing.
 *
 * <p>The issue of a report is found, in that order, in a small in-memory cache, among the issues updated since
 * the report was created (a listing GitHub keeps up to date at once, which catches a retry right after a lost
 * answer), and, for a later version, through the search API (which is indexed with a delay, but finds issues of
 * any age).
 */
final class GitHubEmitter implements Emitter {
  /** Reports whose issue number is remembered; an older one costs a lookup. */
  static final int CACHE_MAX = 10_000;
  /** How far GitHub's clock may be behind ours without a lookup missing what it looks for. */
  private static final Duration CLOCK_SKEW = Duration.ofHours(1);

  private final GitHubApi api;
  private final List<String> labels;
  private final boolean severityLabels;
  private final boolean closeWhenSafe;
  private final List<String> assignees;
  private final ReportLinks links;
  private final Map<String, GitHubApi.Issue> issues = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, GitHubApi.Issue> eldest) {
          return size() > CACHE_MAX;
        }
      });

  GitHubEmitter(GitHubApi api, List<String> labels, boolean severityLabels, boolean closeWhenSafe,
                List<String> assignees, ReportLinks links) {
    this.api = api;
    this.labels = labels;
    this.severityLabels = severityLabels;
    this.closeWhenSafe = closeWhenSafe;
    this.assignees = assignees;
    this.links = links;
  }

  @Override
  public Future<Void> emit(Report report) {
    Severity severity = ReportDigest.of(report).severity();
    if (severity == Severity.SAFE && !wasEverUnsafe(report)) {
      // Only a version that was not safe opens an issue: without one before, there is no issue to look for.
      return Future.succeededFuture();
    }
    return locate(report).compose(issue -> {
      if (issue == null) {
        if (severity == Severity.SAFE) {
          // The issue of an earlier version is gone (deleted, or moved to another repository): a safe verdict is
          // no reason to open a new one.
          return Future.succeededFuture();
        }
        return api.create(newIssue(report, severity)).map(created -> {
          issues.put(report.id(), created);
          return null;
        });
      }
      issues.put(report.id(), issue);
      return deliverOnce(issue, report).compose(v -> followState(issue, severity));
    });
  }

  /** The report's issue, or null when it has none yet. */
  private Future<GitHubApi.Issue> locate(Report report) {
    GitHubApi.Issue known = issues.get(report.id());
    if (known != null) {
      return Future.succeededFuture(known);
    }
    Instant since = (report.createdAt() == null ? Instant.EPOCH : report.createdAt()).minus(CLOCK_SKEW);
    return api.recentIssues(since).compose(recent -> {
      GitHubApi.Issue found = match(recent, report.id());
      if (found != null || report.version() <= 1) {
        // Version 1 opens the issue, so an issue of it can only be one a recent attempt created.
        return Future.succeededFuture(found);
      }
      return api.searchBodies("alertresponder:report=" + report.id()).map(items -> match(items, report.id()));
    });
  }

  /** The oldest issue among {@code items} whose body starts with a marker of the report. */
  private static GitHubApi.Issue match(List<JsonObject> items, String reportId) {
    GitHubApi.Issue oldest = null;
    String prefix = IssueMarkdown.markerPrefix(reportId);
    for (JsonObject item : items) {
      GitHubApi.Issue issue = GitHubApi.issue(item);
      if (issue != null && issue.marker().startsWith(prefix) && (oldest == null || issue.number() < oldest.number())) {
        oldest = issue;
      }
    }
    return oldest;
  }

  /** Comments this version on the issue, unless the issue or one of its comments already holds it. */
  private Future<Void> deliverOnce(GitHubApi.Issue issue, Report report) {
    String marker = IssueMarkdown.marker(report.id(), report.version());
    if (issue.marker().equals(marker)) {
      return Future.succeededFuture();
    }
    return api.commentBodies(issue.number(), publishedAt(report).minus(CLOCK_SKEW)).compose(bodies -> {
      for (String body : bodies) {
        if (body.stripLeading().startsWith(marker)) {
          return Future.succeededFuture();
        }
      }
      return api.comment(issue.number(), IssueMarkdown.body(report, link(report)));
    });
  }

  /**
   * With {@code close-when-safe}, the emitter keeps the issue's state in step with the verdict: a safe version
   * closes it, and a later version that is not safe opens it again, since new alerts in a closed issue would go
   * unseen.
   */
  private Future<Void> followState(GitHubApi.Issue issue, Severity severity) {
    if (!closeWhenSafe) {
      return Future.succeededFuture();
    }
    return api.setOpen(issue.number(), severity != Severity.SAFE);
  }

  private JsonObject newIssue(Report report, Severity severity) {
    List<String> all = new ArrayList<>(labels);
    if (severityLabels && !all.contains("severity:" + severity.wireName())) {
      all.add("severity:" + severity.wireName());
    }
    return new JsonObject()
        .put("title", IssueMarkdown.title(report))
        .put("body", IssueMarkdown.body(report, link(report)))
        .put("labels", new JsonArray(all))
        .put("assignees", new JsonArray(assignees));
  }

  private String link(Report report) {
    return links == null ? null : links.of(report);
  }

  /** Whether a version before this one had a verdict other than safe, and so may have opened an issue. */
  private static boolean wasEverUnsafe(Report report) {
    for (PublishedVerdict published : report.verdicts()) {
      if (published.version() < report.version() && published.verdict().severity() != Severity.SAFE) {
        return true;
      }
    }
    return false;
  }

  /** When this version was published, so that only comments since then are read; else the report's creation. */
  private static Instant publishedAt(Report report) {
    for (PublishedVerdict published : report.verdicts()) {
      if (published.version() == report.version() && published.publishedAt() != null) {
        return published.publishedAt();
      }
    }
    return report.createdAt() == null ? Instant.EPOCH : report.createdAt();
  }
}
