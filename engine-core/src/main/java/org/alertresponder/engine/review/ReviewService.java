package org.alertresponder.engine.review;

import io.vertx.core.Future;
import org.alertresponder.engine.api.EngineConfig;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportHeader;
import org.alertresponder.engine.api.ReportStatus;
import org.alertresponder.engine.api.Verdict;
import org.alertresponder.engine.bus.Addresses;
import org.alertresponder.engine.bus.StageBus;
import org.alertresponder.engine.emission.DeliverPublication;
import org.alertresponder.engine.emission.EmissionService;
import org.alertresponder.engine.internal.ActivityTracker;
import org.alertresponder.engine.internal.PluginCalls;
import org.alertresponder.engine.internal.Wakeups;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.engine.spi.EngineObserver;
import org.alertresponder.engine.spi.PluginCodec;
import org.alertresponder.engine.spi.ReportRepository;
import org.alertresponder.engine.spi.StoredReport;
import org.alertresponder.engine.spi.TimerQueue;
import org.alertresponder.engine.timer.ReviewTimer;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Reviews a report for a version and publishes it (DESIGN §3, review and late alerts).
 *
 * <ol>
 *   <li>Skip what is stale: a version already published only has its deliveries ensured.</li>
 *   <li>Compile the report and ask the reviewer (timeout, retries, backoff); a reviewer that keeps
 *       failing yields {@code unclassified} with the failure as the reason. A reviewer still at work
 *       after {@link #MARK_REVIEWING_AFTER} has the report marked {@code reviewing} meanwhile.</li>
 *   <li>Publish atomically: header and the exact published report. Alerts that arrived since the report
 *       was compiled leave it {@code open} with a re-review due {@code review.delay} after the first of
 *       them.</li>
 *   <li>Deliver it to every emitter whose filter accepts the publication: attempted at once under the
 *       review timer's lease where the emitter can start, otherwise queued.</li>
 * </ol>
 * Each step is idempotent, so a review timer fired twice publishes once.
 */
public final class ReviewService {
  private static final System.Logger LOG = System.getLogger(ReviewService.class.getName());
  private static final int MAX_CONFLICTS = 32;
  /**
   * How long a reviewer may take before the report is marked {@code reviewing}. Most reviewers (a policy
   * evaluated in memory) answer within milliseconds, and marking the report first would cost a store
   * write for a status nobody could have seen; a slow reviewer (a remote function, a person) still shows.
   */
  static final Duration MARK_REVIEWING_AFTER = Duration.ofSeconds(1);

  private final ReportRepository reports;
  private final TimerQueue timers;
  private final ReportCompiler compiler;
  private final EmissionService emission;
  private final Clock clock;
  private final EngineConfig config;
  private final PluginCalls calls;
  private final Wakeups wakeups;
  private final ActivityTracker tracker;
  private final EngineObserver observer;
  private final StageBus stages;
  private final String reviewerAddress;
  private final Map<String, Future<Void>> inProgress = new HashMap<>();

  public ReviewService(ReportRepository reports, TimerQueue timers, ReportCompiler compiler, EmissionService emission,
                       Clock clock, EngineConfig config, PluginCalls calls, Wakeups wakeups,
                       ActivityTracker tracker, EngineObserver observer, StageBus stages) {
    this.observer = observer;
    this.stages = stages;
    this.reports = reports;
    this.timers = timers;
    this.compiler = compiler;
    this.emission = emission;
    this.clock = clock;
    this.config = config;
    this.calls = calls;
    this.wakeups = wakeups;
    this.tracker = tracker;
    this.reviewerAddress = Addresses.reviewer(config.review().reviewer());
  }

  /**
   * Reviews for {@code request.version()}; joins a review of the same version already running here.
   * The review counts as reviewer activity; a caller that joins one does not count twice.
   */
  public Future<Void> review(ReviewTimer request) {
    Future<Void> running = inProgress.get(request.id());
    if (running != null) {
      return running;
    }
    Future<Void> review = tracker.track(ActivityTracker.REVIEWER, () -> reviewOnce(request));
    if (!review.isComplete()) {
      inProgress.put(request.id(), review);
      review.onComplete(ar -> inProgress.remove(request.id()));
    }
    return review;
  }

  private Future<Void> reviewOnce(ReviewTimer request) {
    // The whole report is read first (one read, where the header alone would be one more): a review that
    // turns out stale, which is rare, reads more than it needs.
    return reports.load(request.reportId()).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture();
      }
      ReportHeader header = found.get().header();
      if (header.version() >= request.version()) {
        // A retry after a crash or a failed write: finish what publishing this version started.
        return finishPublished(request, header);
      }
      if (header.nextVersion() != request.version() || header.status() == ReportStatus.PUBLISHED) {
        LOG.log(Level.DEBUG, () -> "ignoring stale review of " + request.id() + " (report at version "
            + header.version() + ", " + header.status() + ")");
        return Future.succeededFuture();
      }
      StoredReport loaded = found.get();
      Report asReviewed = withVersion(compiler.compile(loaded), request.version());
      ReviewingMark mark = new ReviewingMark(header);
      return askReviewer(asReviewed)
          .compose(verdict -> mark.header().compose(latest -> publish(request, loaded, latest, asReviewed, verdict, 1)))
          .compose(published -> published != null ? deliver(published, request.leasedUntil())
              // Not published by this call: by another review, or by this one when the store applied
              // the write but its answer was lost and a retried write found the revision moved on.
              // Either way the version is out, and its deliveries must be queued (idempotently).
              : reports.header(request.reportId()).compose(latest -> latest.isPresent()
                  && latest.get().version() >= request.version() ? finishPublished(request, latest.get())
                  : Future.succeededFuture()));
    });
  }

  /**
   * Hands a version this review has just published to the emission stage, which delivers it (under the
   * review timer's lease, where there is one) and answers once every delivery is recorded or queued.
   * Waiting for that answer is not the review's own work.
   */
  private Future<Void> deliver(Report published, Instant leasedUntil) {
    return stages.<Void>requestFrom(ActivityTracker.REVIEWER, Addresses.DELIVER, ActivityTracker.ENGINE,
        new DeliverPublication(published, leasedUntil), config.timerLease().toMillis()).mapEmpty();
  }

  /** Queues the deliveries of a published version and the re-review it may need; both idempotent. */
  private Future<Void> finishPublished(ReviewTimer request, ReportHeader header) {
    return emission.enqueue(request.reportId(), request.version()).compose(v -> ensurePendingReview(header));
  }

  /**
   * Marks a report {@code reviewing} once its reviewer has taken {@link #MARK_REVIEWING_AFTER}, and tells
   * the publication which header to build on: the loaded one when no mark was written, otherwise the one
   * the mark left.
   */
  private final class ReviewingMark {
    private final ReportHeader loaded;
    private final Clock.Cancellable timer;
    private Future<ReportHeader> marked;

    ReviewingMark(ReportHeader loaded) {
      this.loaded = loaded;
      // The mark is work of the review, tracked as such, so that an idle engine has finished writing it.
      this.timer = loaded.status() != ReportStatus.OPEN ? () -> { }
          : clock.schedule(MARK_REVIEWING_AFTER,
              () -> marked = tracker.track(ActivityTracker.REVIEWER, () -> markReviewing(loaded, 1)));
    }

    /** The header to publish on, once any mark has been written; stops a mark that has not begun. */
    Future<ReportHeader> header() {
      timer.cancel();
      return marked == null ? Future.succeededFuture(loaded) : marked.otherwise(failure -> {
        // A mark that failed changes nothing the publication relies on: its conditional write settles it.
        LOG.log(Level.DEBUG, () -> "could not mark " + loaded.id() + " reviewing: " + failure.getMessage());
        return loaded;
      });
    }
  }

  /**
   * Marks the report {@code reviewing}, re-reading the header after a conflict; the header as it stands
   * afterwards (the marked one when the mark applied, otherwise the one last read).
   */
  private Future<ReportHeader> markReviewing(ReportHeader header, int attempt) {
    if (header.status() != ReportStatus.OPEN) {
      return Future.succeededFuture(header);
    }
    ReportHeader reviewing = header.withStatus(ReportStatus.REVIEWING);
    return reports.update(reviewing, header.revision()).compose(ok -> {
      if (ok) {
        observer.reportStatusChanged(ReportStatus.OPEN, ReportStatus.REVIEWING);
        observer.reportChanged(header.id());
        return Future.succeededFuture(reviewing.withRevision(header.revision() + 1));
      }
      return reports.header(header.id()).compose(latest -> latest.isEmpty() || attempt >= MAX_CONFLICTS
          ? Future.succeededFuture(latest.orElse(header)) : markReviewing(latest.get(), attempt + 1));
    });
  }

  private Future<Verdict> askReviewer(Report report) {
    EngineConfig.Review review = config.review();
    return calls.<Verdict>withRetries(ActivityTracker.REVIEWER, review.maxAttempts(), review.backoff(),
            attempt -> calls.request(ActivityTracker.REVIEWER, reviewerAddress, report, review.timeout())
                .map(PluginCodec::decodeVerdict), null)
        .map(outcome -> {
          if (outcome.succeeded()) {
            return outcome.value();
          }
          observer.reviewerFailed(review.reviewer());
          return Verdict.unclassified("reviewer " + review.reviewer() + " failed: " + PluginCalls.describe(outcome));
        });
  }

  /**
   * Publishes; the report as published, or null when another review published this version first.
   *
   * @param header the header to build on: the one loaded with the report on the first attempt (it is as
   *               fresh as the load), re-read after a conflict
   */
  private Future<Report> publish(ReviewTimer request, StoredReport reviewed, ReportHeader header, Report report,
                                 Verdict verdict, int attempt) {
    if (header.version() >= request.version()) {
      return Future.succeededFuture();
    }
    int reviewedAlerts = reviewed.alerts().size();
    Future<Instant> lateSince = header.alertCount() > reviewedAlerts
        ? firstAlertAfter(request.reportId(), reviewedAlerts) : Future.succeededFuture(null);
    return lateSince.compose(firstLate -> {
      Instant now = clock.now();
      boolean late = firstLate != null;
      Instant reReviewAt = late ? firstLate.plus(config.review().delay()) : null;
      // Without late alerts this version covers everything the report holds, whatever the count says:
      // a store whose client retried an increment can count an alert twice, and the published count
      // absorbs that, so it does not look like an alert waiting for a review that never comes.
      int covered = late ? reviewedAlerts : Math.max(reviewedAlerts, header.alertCount());
      ReportHeader published = header.withPublication(request.version(), verdict, covered)
          .withStatus(late ? ReportStatus.OPEN : ReportStatus.PUBLISHED)
          .withReviewDueAt(reReviewAt)
          .withUpdatedAt(now);
      Report snapshot = report.published(request.version(), verdict, now);
      return reports.publish(published, header.revision(), snapshot).compose(ok -> {
        if (!ok) {
          if (attempt >= MAX_CONFLICTS) {
            return Future.failedFuture(new IllegalStateException("report " + request.reportId()
                + " kept changing under " + MAX_CONFLICTS + " attempts to publish it; the review timer will retry"));
          }
          return reports.header(request.reportId()).compose(latest ->
              publish(request, reviewed, latest.orElseThrow(), report, verdict, attempt + 1));
        }
        observer.reportStatusChanged(header.status(), published.status());
        observer.reportPublished(verdict.severity(), request.version());
        observer.reportChanged(request.reportId());
        // If this fails or the process dies here, the review timer of this version fires again and
        // the retry schedules the re-review (see reviewOnce).
        return ensurePendingReview(published.withRevision(header.revision() + 1)).map(snapshot);
      });
    });
  }

  /**
   * Schedules the review a re-opened report waits for. Idempotent (the timer id is the version), so it
   * is safe to repeat whenever there is doubt that the first attempt succeeded.
   */
  private Future<Void> ensurePendingReview(ReportHeader header) {
    if (header.status() != ReportStatus.OPEN || header.reviewDueAt() == null) {
      return Future.succeededFuture();
    }
    ReviewTimer next = new ReviewTimer(header.id(), header.nextVersion());
    return timers.schedule(next.entry(header.reviewDueAt())).andThen(ar -> wakeups.wake(Wakeups.TIMERS)).mapEmpty();
  }

  /** When the first alert beyond the reviewed ones arrived; null when the report holds none. */
  private Future<Instant> firstAlertAfter(String reportId, int index) {
    return reports.load(reportId).map(stored -> {
      var alerts = stored.orElseThrow().alerts();
      return index < alerts.size() ? alerts.get(index).receivedAt() : null;
    });
  }

  private static Report withVersion(Report report, int version) {
    return new Report(report.id(), report.groupKey(), report.detector(), report.ruleId(), report.ruleName(),
        report.alertKey(), ReportStatus.REVIEWING, version, report.createdAt(), report.updatedAt(), report.alerts(),
        report.attributes(), report.sections(), report.inspections(), report.cut(), report.cutCount(), null,
        report.verdicts());
  }
}
