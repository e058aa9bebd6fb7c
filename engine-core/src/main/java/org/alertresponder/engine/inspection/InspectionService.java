package org.alertresponder.engine.inspection;

import io.vertx.core.Future;
import org.alertresponder.engine.api.EngineConfig;
import org.alertresponder.engine.api.ReportAttribute;
import org.alertresponder.engine.api.ReportHeader;
import org.alertresponder.engine.api.ReportStatus;
import org.alertresponder.engine.internal.ActivityTracker;
import org.alertresponder.engine.spi.Admission;
import org.alertresponder.engine.spi.AttributeBounds;
import org.alertresponder.engine.spi.InspectorSpec;
import org.alertresponder.engine.spi.ReportRepository;
import org.alertresponder.engine.timer.InspectAlertTimer;
import org.alertresponder.engine.timer.ReviewTimer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * Plans inspections: admits attributes into a report (deduplicated, bounded) and has each admitted
 * attribute inspected by every interested inspector; after each outcome, checks whether an early review
 * is due.
 *
 * <p>An alert's attributes are inspected under the lease of the inspection timer that fired, where the
 * inspector can start at once (see {@link InspectorRunner#inspectOrQueue}): the timer is completed only
 * once their outcomes are recorded. The others, and every attribute an inspector discovers, go through
 * the inspector's durable work queue.
 *
 * <p>Confined to the inspection verticle's context, as the runners are.
 */
public final class InspectionService {
  private final ReportRepository reports;
  private final InspectionPlan plan;
  private final AttributeBounds bounds;
  private final boolean reviewEarly;
  private final ActivityTracker tracker;
  private final Consumer<ReviewTimer> earlyReview;
  private final Map<String, InspectorRunner> runners = new HashMap<>();
  /**
   * Timers this stage holds while their inspections run. Each holds one of the timer runner's in-flight
   * slots, so at most half of them may be held, and the other half stays free for reviews.
   */
  private final int maxTimersHeld;
  private int timersHeld;

  public InspectionService(ReportRepository reports, InspectionPlan plan, EngineConfig config,
                           ActivityTracker tracker, Consumer<ReviewTimer> earlyReview) {
    this.reports = reports;
    this.plan = plan;
    int maxAttributes = config.inspection().maxAttributes();
    // Cut attributes are recorded up to the same bound as attributes (at least 100): enough to show what
    // was cut without letting one inspector's flood grow the report without limit.
    this.bounds = new AttributeBounds(config.inspection().maxDepth(), maxAttributes, Math.max(100, maxAttributes));
    this.reviewEarly = config.review().early();
    this.tracker = tracker;
    this.earlyReview = earlyReview;
    this.maxTimersHeld = config.timers().maxInFlight() / 2;
  }

  /** Registers an inspector's runner, for inspections under a timer's lease; called while assembling the engine. */
  public void attach(InspectorRunner runner) {
    runners.put(runner.name(), runner);
  }

  public InspectionPlan plan() {
    return plan;
  }

  /**
   * The inspection timer of an alert fired: admit its attributes at depth 0 and have them inspected,
   * under the timer's lease where the inspector can start at once. Attributes the report admitted as it
   * was created need no admission. A timer whose report no longer exists has nothing left to do and
   * succeeds, so it is not retried. On a redelivery (an earlier run may have died midway) duplicates are
   * inspected again too; outcomes replace each other and the result cache answers the repeated lookups.
   */
  public Future<Void> expand(InspectAlertTimer timer) {
    List<ReportAttribute> candidates = ReportAttribute.ofAlert(timer.alertId(), timer.attributes());
    boolean redelivery = timer.deliveries() > 1;
    Future<Admission> admission = timer.admitted() || candidates.isEmpty()
        ? Future.succeededFuture(new Admission(ReportAttribute.distinct(candidates), List.of(), List.of()))
        : reports.admit(timer.reportId(), candidates, bounds);
    return admission
        .compose(admitted -> inspectUnderLease(timer.reportId(), toInspect(admitted, redelivery), redelivery,
            timer.leasedUntil()))
        .compose(v -> afterProgress(timer.reportId()))
        .recover(failure -> failure instanceof NoSuchElementException ? Future.succeededFuture()
            : Future.failedFuture(failure));
  }

  /**
   * Offers attributes to a report and queues the inspection of each admitted one (an inspector's
   * discoveries, which must outlive the work item that found them). On a redelivery duplicates are queued
   * again too; the work queue and the outcome records are idempotent, so the cost is at most a repeated call.
   */
  public Future<Void> admit(String reportId, List<ReportAttribute> candidates, boolean redelivery) {
    if (candidates.isEmpty()) {
      return Future.succeededFuture();
    }
    return reports.admit(reportId, candidates, bounds)
        .compose(admission -> inspect(reportId, toInspect(admission, redelivery), redelivery, null));
  }

  private static List<ReportAttribute> toInspect(Admission admission, boolean redelivery) {
    List<ReportAttribute> toInspect = new ArrayList<>(admission.admitted());
    if (redelivery) {
      toInspect.addAll(admission.duplicates());
    }
    return toInspect;
  }

  /**
   * Has a fired timer's attributes inspected, under its lease where the inspectors can (see
   * {@link #inspect}), holding one of the timer runner's slots meanwhile: at most half of them are held
   * this way, beyond which the inspections are queued at once.
   */
  private Future<Void> inspectUnderLease(String reportId, List<ReportAttribute> attributes, boolean redelivery,
                                         Instant leasedUntil) {
    if (leasedUntil == null || timersHeld >= maxTimersHeld) {
      return inspect(reportId, attributes, redelivery, null);
    }
    timersHeld++;
    // The inspections and the queue's sends track themselves as their inspectors' work; waiting for them
    // is not stage work.
    return tracker.pause(ActivityTracker.ENGINE, inspect(reportId, attributes, redelivery, leasedUntil))
        .andThen(ar -> timersHeld--);
  }

  /**
   * Has every interested inspector inspect each attribute, at once under a lease that ends at
   * {@code leasedUntil} where it can, otherwise (and always without a lease) through its work queue (see
   * {@link InspectorRunner#inspectOrQueue}). Completes once every inspection is recorded or queued.
   */
  private Future<Void> inspect(String reportId, List<ReportAttribute> attributes, boolean redelivery,
                               Instant leasedUntil) {
    List<Future<Void>> handed = new ArrayList<>();
    for (ReportAttribute attribute : attributes) {
      for (InspectorSpec spec : plan.inspectorsFor(attribute.attribute())) {
        handed.add(runners.get(spec.name()).inspectOrQueue(reportId, attribute, redelivery, leasedUntil));
      }
    }
    // Join rather than all: the timer is released only once every one has settled.
    return Future.join(handed).mapEmpty();
  }

  /**
   * With {@code review.early}, reviews a report as soon as it is settled: every alert expanded and every
   * inspection (recursive ones included) recorded.
   */
  public Future<Void> afterProgress(String reportId) {
    if (!reviewEarly) {
      return Future.succeededFuture();
    }
    return reports.load(reportId).map(loaded -> {
      if (loaded.isEmpty()) {
        return null;
      }
      ReportHeader header = loaded.get().header();
      if (header.status() == ReportStatus.OPEN && header.reviewDueAt() != null && plan.settled(loaded.get())) {
        earlyReview.accept(new ReviewTimer(reportId, header.nextVersion()));
      }
      return null;
    });
  }
}
