package org.alertresponder.engine.aggregation;

import io.vertx.core.Future;
import org.alertresponder.engine.api.Alert;
import org.alertresponder.engine.api.AlertCodec;
import org.alertresponder.engine.api.EngineConfig;
import org.alertresponder.engine.api.ReceivedAlert;
import org.alertresponder.engine.api.Receipt;
import org.alertresponder.engine.api.ReportAttribute;
import org.alertresponder.engine.api.ReportHeader;
import org.alertresponder.engine.api.ReportStatus;
import org.alertresponder.engine.internal.Hashing;
import org.alertresponder.engine.internal.RecentIds;
import org.alertresponder.engine.internal.Uuid7;
import org.alertresponder.engine.internal.Wakeups;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.engine.spi.EngineObserver;
import org.alertresponder.engine.spi.ReportRepository;
import org.alertresponder.engine.spi.TimerQueue;
import org.alertresponder.engine.timer.InspectAlertTimer;
import org.alertresponder.engine.timer.ReviewTimer;

import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Accepts a validated alert: puts it in its report (creating the report as {@link AggregationRules}
 * decides, with a conditional write that retries on conflict), stores it, re-opens a published report
 * it is late for, and schedules its inspection and its report's review. The receipt is returned only after all of that
 * is stored, so an accepted alert is never lost.
 *
 * <p>The order — report, alert, timers — means a crash at any point leaves either nothing acknowledged
 * or a state the producer's retry completes: the retried alert finds its report, is stored once (by
 * id) and re-schedules the same timers (by id).
 */
public final class AggregationService {
  private static final int MAX_CONFLICTS = 32;

  private final ReportRepository reports;
  private final TimerQueue timers;
  private final Clock clock;
  private final EngineConfig config;
  private final Wakeups wakeups;
  private final EngineObserver observer;
  private final RecentIds scheduledReviews = new RecentIds(100_000);
  private final OpenReports openReports = new OpenReports(100_000);

  public AggregationService(ReportRepository reports, TimerQueue timers, Clock clock, EngineConfig config,
                            Wakeups wakeups, EngineObserver observer) {
    this.observer = observer;
    this.reports = reports;
    this.timers = timers;
    this.clock = clock;
    this.config = config;
    this.wakeups = wakeups;
  }

  /**
   * Accepts an alert that already passed validation and normalisation.
   *
   * @return the receipt, once the alert and its timers are stored
   */
  public Future<Receipt> accept(Alert alert) {
    Instant now = clock.now();
    ReceivedAlert received = receive(alert, now);
    String groupKey = alert.groupKey();
    return place(groupKey, received, alert.timestamp() != null, now).compose(placed -> {
      ReportHeader header = placed.append().header();
      openReports.remember(groupKey, header.id(), AggregationRules.windowClosesAt(header, config));
      return reopenIfLate(header, now, 1)
          .compose(stored -> scheduleTimers(stored.header(), received, now, placed.append().attributesAdmitted())
              .map(v -> accepted(new Receipt(received.id(), stored.header().id(), stored.header().status(),
                  placed.created(), stored.reopened()))));
    });
  }

  /**
   * Accepts every alert of a batch, each as {@link #accept} does, all at once. Never fails: the outcome says
   * which alerts were stored.
   */
  public Future<AlertBatch.Outcome> acceptAll(AlertBatch batch) {
    List<Future<Receipt>> accepted = new java.util.ArrayList<>(batch.alerts().size());
    for (Alert alert : batch.alerts()) {
      Future<Receipt> one;
      try {
        one = accept(alert);
      } catch (RuntimeException e) {
        one = Future.failedFuture(e);
      }
      accepted.add(one);
    }
    return Future.join(accepted).transform(ar -> {
      List<Receipt> receipts = new java.util.ArrayList<>(accepted.size());
      Throwable failure = null;
      for (Future<Receipt> one : accepted) {
        receipts.add(one.succeeded() ? one.result() : null);
        if (one.failed() && failure == null) {
          failure = one.cause();
        }
      }
      return Future.succeededFuture(new AlertBatch.Outcome(receipts, failure));
    });
  }

  private Receipt accepted(Receipt receipt) {
    if (receipt.created()) {
      observer.reportStatusChanged(null, ReportStatus.OPEN);
    }
    if (receipt.reopened()) {
      observer.reportStatusChanged(ReportStatus.PUBLISHED, ReportStatus.OPEN);
    }
    observer.alertAccepted(receipt);
    observer.reportChanged(receipt.reportId());
    return receipt;
  }

  /**
   * An alert that names its own timestamp gets a content-derived id, so the same alert sent twice is
   * stored once; without a timestamp there is nothing to tell a re-send from a new alert.
   */
  static ReceivedAlert receive(Alert alert, Instant now) {
    if (alert.timestamp() != null) {
      String id = Hashing.start().field(AlertCodec.encode(alert).encode()).hex();
      return new ReceivedAlert(id, now, alert);
    }
    return new ReceivedAlert(Uuid7.at(now), now, alert.withTimestamp(now));
  }

  /** How an alert was put in its report: the store's answer, and whether the report was created for it. */
  private record Placed(ReportRepository.AppendResult append, boolean created) {
  }

  private record Stored(ReportHeader header, boolean reopened) {
  }

  /**
   * The attributes a new report may admit as it is created ({@link ReportRepository#createWithAlert}):
   * the alert's, deduplicated, when they fit the bounds and the alert's id comes from its content. The
   * latter matters after a crash between creating the report and scheduling the alert's inspection: the
   * producer's re-send then carries the same id, and its inspection finds the attributes admitted for it.
   * A re-send of an alert without a timestamp is a new alert, whose inspection would find them
   * duplicates of an alert whose inspection never got scheduled, so those wait for {@link ReportRepository#admit}.
   */
  private List<ReportAttribute> admissibleWithReport(ReceivedAlert received, boolean idFromContent) {
    if (!idFromContent || config.inspection().maxDepth() < 0) {
      return List.of();
    }
    List<ReportAttribute> distinct = ReportAttribute.distinct(
        ReportAttribute.ofAlert(received.id(), received.alert().attributes()));
    return distinct.size() <= config.inspection().maxAttributes() ? distinct : List.of();
  }

  /**
   * Puts an alert in its group's report. A group whose open report this instance knows is joined without
   * reading it; a group it knows nothing of is usually new, so its report is created without reading it
   * either, on condition that no open report exists. Otherwise the group is read and the rules decide.
   *
   * @param idFromContent whether the alert's id comes from its content (see {@link #admissibleWithReport})
   */
  private Future<Placed> place(String groupKey, ReceivedAlert alert, boolean idFromContent, Instant now) {
    OpenReports.Open open = openReports.get(groupKey, now);
    if (open != null) {
      return reports.appendAlert(open.reportId(), alert).map(append -> new Placed(append, false))
          .recover(failure -> {
            if (!(failure instanceof NoSuchElementException)) {
              return Future.failedFuture(failure);
            }
            // The report is gone (deleted by hand, or purged early): forget it and read the group.
            openReports.forget(groupKey, open.reportId());
            return placeByReading(groupKey, alert, idFromContent, now, 1);
          });
    }
    ReportHeader header = AggregationRules.newReport(Uuid7.at(now), alert.alert(), groupKey, now, config);
    return reports.createUnlessOpen(header, now.minus(config.aggregation().window()), alert,
            admissibleWithReport(alert, idFromContent))
        .compose(created -> created.isPresent() ? Future.succeededFuture(new Placed(created.get(), true))
            : placeByReading(groupKey, alert, idFromContent, now, 1));
  }

  /** Reads the group's current report and places the alert as the rules decide, retrying lost races. */
  private Future<Placed> placeByReading(String groupKey, ReceivedAlert alert, boolean idFromContent, Instant now,
                                        int attempt) {
    return reports.current(groupKey).compose(current -> {
      AggregationRules.Decision decision = AggregationRules.decide(current, alert.alert(), groupKey, now, config,
          () -> Uuid7.at(now));
      if (!(decision instanceof AggregationRules.Create create)) {
        return reports.appendAlert(decision.header().id(), alert).map(append -> new Placed(append, false));
      }
      return reports.createWithAlert(create.header(), create.expectedCurrentId(), alert,
              admissibleWithReport(alert, idFromContent))
          .compose(created -> {
            if (created.isPresent()) {
              return Future.succeededFuture(new Placed(created.get(), true));
            }
            if (attempt >= MAX_CONFLICTS) {
              return Future.failedFuture(new IllegalStateException("the reports of group " + groupKey
                  + " kept changing under " + MAX_CONFLICTS + " attempts to create one; try again"));
            }
            return placeByReading(groupKey, alert, idFromContent, now, attempt + 1);
          });
    });
  }

  /**
   * Late alerts (DESIGN §3): a published report that now holds alerts no publication covered is re-opened,
   * due for re-review {@code review.delay} from now. Deciding on the stored counts, after the alert is
   * stored, means a re-sent alert (stored once) never re-opens a report, while a retry after a crash
   * between storing and re-opening still re-opens it. An alert stored while a review runs is left to
   * that review's publication, which sees it and re-opens the report itself.
   */
  private Future<Stored> reopenIfLate(ReportHeader header, Instant now, int attempt) {
    if (header.status() != ReportStatus.PUBLISHED || !header.hasUnpublishedAlerts()) {
      return Future.succeededFuture(new Stored(header, false));
    }
    ReportHeader reopened = header.withStatus(ReportStatus.OPEN).withReviewDueAt(now.plus(config.review().delay()))
        .withUpdatedAt(now);
    return reports.update(reopened, header.revision()).compose(ok -> {
      if (ok) {
        return Future.succeededFuture(new Stored(reopened.withRevision(header.revision() + 1), true));
      }
      if (attempt >= MAX_CONFLICTS) {
        return Future.failedFuture(new IllegalStateException("report " + header.id()
            + " kept changing under " + MAX_CONFLICTS + " attempts to re-open it; try again"));
      }
      return reports.header(header.id()).compose(latest -> reopenIfLate(latest.orElseThrow(), now, attempt + 1));
    });
  }

  /** @param attributesAdmitted whether the report admitted the alert's attributes as it was created */
  private Future<Void> scheduleTimers(ReportHeader header, ReceivedAlert alert, Instant now,
                                      boolean attributesAdmitted) {
    InspectAlertTimer inspect = new InspectAlertTimer(header.id(), alert.id(), alert.alert().attributes(),
        attributesAdmitted, 0);
    Future<Boolean> inspection = timers.schedule(inspect.entry(now.plus(config.inspection().delay())));
    Future<Boolean> review = Future.succeededFuture(false);
    if (header.reviewDueAt() != null) {
      // The id is made once: the set of scheduled reviews keeps the very string the timer holds.
      ReviewTimer timer = new ReviewTimer(header.id(), header.nextVersion());
      String id = timer.id();
      if (!scheduledReviews.contains(id)) {
        review = timers.schedule(timer.entry(id, header.reviewDueAt())).andThen(ar -> {
          if (ar.succeeded()) {
            scheduledReviews.add(id);
          }
        });
      }
    }
    return Future.all(inspection, review).andThen(ar -> wakeups.wake(Wakeups.TIMERS)).mapEmpty();
  }
}
