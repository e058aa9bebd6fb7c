package org.alertresponder.plugins.github;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.Severity;
import org.alertresponder.engine.spi.Emitter;
import org.alertresponder.engine.spi.PluginException;
import org.alertresponder.plugins.support.DeliveryOrder;
import org.alertresponder.plugins.support.ReportDigest;
import org.alertresponder.plugins.support.ReportLinks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One GitHub issue per report. The first version that is not safe opens it; every later version becomes a
 * comment on it, and when its severity is not the issue's, the title's {@code [severity]} and the
 * {@code severity:} label follow. Delivery is at-least-once, so each body starts with a marker naming the report
 * and the version ({@link IssueMarkdown#marker}), and a version whose marker is already on the issue is not posted
 * again: a retried delivery, even after a restart or after an answer that was lost, changes nothing.
 *
 * <p>The deliveries of one report run one after another ({@link DeliveryOrder}), so that two versions in flight
 * cannot both miss the issue and open one each, and a version older than one delivered already changes nothing:
 * in this process by what {@link DeliveryOrder} remembers, after a restart by the newer marker on the issue.
 *
 * <p>The issue of a report is found, in that order, in a small in-memory cache, among the issues updated since
 * the report was created (a listing GitHub keeps up to date at once, which catches a retry right after a lost
 * answer), and, for a later version or when that listing is a full page, through the search API (which is indexed
 * with a delay, but finds issues of any age). A cached issue that GitHub says is gone or moved is looked up once
 * more.
 */
final class GitHubEmitter implements Emitter, AutoCloseable {
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
  private final DeliveryOrder order = new DeliveryOrder();
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

  /** Releases the HTTP connections; the engine calls it when it stops. */
  @Override
  public void close() {
    api.close();
  }

  @Override
  public Future<Void> emit(Report report) {
    return order.deliver(report, () -> deliver(report));
  }

  private Future<Void> deliver(Report report) {
    Severity severity = ReportDigest.severityOf(report);
    if (severity == Severity.SAFE && !ReportDigest.wasEverUnsafe(report)) {
      // Only a version that was not safe opens an issue: without one before, there is no issue to look for.
      return Future.succeededFuture();
    }
    GitHubApi.Issue known = issues.get(report.id());
    if (known == null) {
      return locate(report).compose(found -> deliverTo(found, report, severity));
    }
    return update(known, report, severity).recover(failure -> {
      if (!GitHubApi.issueMovedOrGone(failure)) {
        return Future.failedFuture(failure);
      }
      // The issue remembered was deleted or transferred since: failing would fail every later version too, until
      // a restart empties the cache. Look for the report's issue again, and open one if there is none.
      issues.remove(report.id(), known);
      return locate(report).compose(found -> deliverTo(found, report, severity));
    });
  }

  /** Delivers the version to {@code issue}, or opens an issue with it when {@code issue} is null. */
  private Future<Void> deliverTo(GitHubApi.Issue issue, Report report, Severity severity) {
    if (issue == null) {
      if (severity == Severity.SAFE) {
        // The issue of an earlier version is gone (deleted, or moved to another repository): a safe verdict is
        // no reason to open a new one.
        return Future.succeededFuture();
      }
      JsonObject created = newIssue(report, severity);
      return withinLimit(created.getString("body"), report).compose(ok -> api.create(created)).map(opened -> {
        issues.put(report.id(), opened);
        return null;
      });
    }
    issues.put(report.id(), issue);
    return update(issue, report, severity).onFailure(failure -> {
      if (GitHubApi.issueMovedOrGone(failure)) {
        issues.remove(report.id(), issue);
      }
    });
  }

  /**
   * Delivers a version to the report's issue: the comment, then the severity in title and labels, then the state.
   * When a newer version is on the issue already, nothing: this one is late.
   */
  private Future<Void> update(GitHubApi.Issue issue, Report report, Severity severity) {
    return deliverOnce(issue, report).compose(current -> !current ? Future.succeededFuture()
        : followSeverity(issue, report, severity).compose(v -> followState(issue, severity)));
  }

  /** The report's issue, or null when it has none yet. */
  private Future<GitHubApi.Issue> locate(Report report) {
    Instant since = (report.createdAt() == null ? Instant.EPOCH : report.createdAt()).minus(CLOCK_SKEW);
    return api.recentIssues(since).compose(recent -> {
      GitHubApi.Issue found = match(recent, report.id());
      if (found != null || report.version() <= 1 && recent.size() < GitHubApi.PAGE_SIZE) {
        // Version 1 opens the issue, so an issue of it can only be one a recent attempt created, and the listing
        // holds it unless more than a page of issues came since.
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

  /**
   * Comments this version on the issue, unless the issue or one of its comments already holds it. Answers false,
   * posting nothing, when the issue holds a newer version of the report: then this one is late (a dead letter
   * replayed, a retry that lost the race) and must not undo the newer one. Of the comments, only those of the
   * issue's author (the emitter's account) count, so that nobody else can keep a version from being posted, or
   * silence the later versions of a report, with a comment that starts with a marker.
   */
  private Future<Boolean> deliverOnce(GitHubApi.Issue issue, Report report) {
    int version = report.version();
    int opened = IssueMarkdown.markedVersion(issue.marker(), report.id());
    if (opened > version) {
      return Future.succeededFuture(false);
    }
    return api.comments(issue.number(), publishedAt(report).minus(CLOCK_SKEW)).compose(comments -> {
      boolean posted = opened == version;
      for (GitHubApi.Comment comment : comments) {
        if (!issue.author().isEmpty() && !issue.author().equals(comment.author())) {
          continue;
        }
        int marked = IssueMarkdown.markedVersion(comment.body(), report.id());
        if (marked > version) {
          return Future.succeededFuture(false);
        }
        posted |= marked == version;
      }
      if (posted) {
        return Future.succeededFuture(true);
      }
      String body = IssueMarkdown.body(report, link(report));
      return withinLimit(body, report).compose(ok -> api.comment(issue.number(), body)).map(true);
    });
  }

  /**
   * Keeps the severity in the issue's title ({@code [urgent] ...}) and, with {@code severity-labels}, in its
   * {@code severity:} label in step with the verdict, so that a board or a search filtered on them shows an
   * escalation (and no longer shows an issue that became safe). The labels people added stay: the change is made
   * to the issue as GitHub holds it now, which is read first.
   */
  private Future<Void> followSeverity(GitHubApi.Issue issue, Report report, Severity severity) {
    if (shows(issue, severity)) {
      return Future.succeededFuture();
    }
    return api.get(issue.number()).compose(current -> {
      if (shows(current, severity)) {
        issues.put(report.id(), current);
        return Future.succeededFuture();
      }
      String title = IssueMarkdown.retitle(current.title(), severity);
      List<String> labels = severityLabels ? relabel(current.labels(), severity) : null;
      return api.retitle(issue.number(), title, labels).map(v -> {
        issues.put(report.id(), current.with(title, labels == null ? current.labels() : labels));
        return null;
      });
    });
  }

  /** Whether the issue's title (and labels, with {@code severity-labels}) already say {@code severity}. */
  private boolean shows(GitHubApi.Issue issue, Severity severity) {
    return issue.title().equals(IssueMarkdown.retitle(issue.title(), severity))
        && (!severityLabels || Set.copyOf(issue.labels()).equals(Set.copyOf(relabel(issue.labels(), severity))));
  }

  /** {@code current} with {@code severity:<severity>} for a label, instead of any other severity label. */
  private static List<String> relabel(List<String> current, Severity severity) {
    List<String> out = new ArrayList<>();
    for (String label : current) {
      if (!isSeverityLabel(label)) {
        out.add(label);
      }
    }
    out.add(severityLabel(severity));
    return out;
  }

  private static boolean isSeverityLabel(String label) {
    for (Severity severity : Severity.values()) {
      if (label.equals(severityLabel(severity))) {
        return true;
      }
    }
    return false;
  }

  private static String severityLabel(Severity severity) {
    return "severity:" + severity.wireName();
  }

  /**
   * GitHub refuses a longer body with a 422, which would dead-letter the delivery; {@link IssueMarkdown#body} never
   * writes one, and this makes sure of it before anything is sent.
   */
  private static Future<Void> withinLimit(String body, Report report) {
    if (body.length() <= IssueMarkdown.BODY_MAX) {
      return Future.succeededFuture();
    }
    return Future.failedFuture(PluginException.permanent("the Markdown of version " + report.version()
        + " of report " + report.id() + " is " + body.length() + " characters long, more than GitHub's "
        + IssueMarkdown.BODY_MAX));
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
    if (severityLabels && !all.contains(severityLabel(severity))) {
      all.add(severityLabel(severity));
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

  /** When this version was published, so that only comments since then are read; else the report's creation. */
  private static Instant publishedAt(Report report) {
    Instant published = ReportDigest.publishedAt(report);
    return published != null ? published : report.createdAt() == null ? Instant.EPOCH : report.createdAt();
  }
}
