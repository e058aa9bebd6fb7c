package org.alertresponder.engine.inspection;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.EngineConfig;
import org.alertresponder.engine.api.ReportAttribute;
import org.alertresponder.engine.api.ReportCodec;
import org.alertresponder.engine.api.ReportHeader;
import org.alertresponder.engine.api.ReportStatus;
import org.alertresponder.engine.internal.Wakeups;
import org.alertresponder.engine.spi.Admission;
import org.alertresponder.engine.spi.AttributeBounds;
import org.alertresponder.engine.spi.InspectorSpec;
import org.alertresponder.engine.spi.ReportRepository;
import org.alertresponder.engine.spi.WorkItem;
import org.alertresponder.engine.spi.WorkQueue;
import org.alertresponder.engine.timer.InspectAlertTimer;
import org.alertresponder.engine.timer.ReviewTimer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Plans inspections: admits attributes into a report (deduplicated, bounded) and queues one work item
 * per admitted attribute and interested inspector; after each outcome, checks whether an early review
 * is due.
 */
public final class InspectionService {
  private final ReportRepository reports;
  private final WorkQueue work;
  private final InspectionPlan plan;
  private final AttributeBounds bounds;
  private final boolean reviewEarly;
  private final Wakeups wakeups;
  private final Consumer<ReviewTimer> earlyReview;
  private final AtomicLong queued;

  /**
   * @param queued counts the work items this instance queued and has not finished (the backlog)
   */
  public InspectionService(ReportRepository reports, WorkQueue work, InspectionPlan plan, EngineConfig config,
                           Wakeups wakeups, Consumer<ReviewTimer> earlyReview, AtomicLong queued) {
    this.queued = queued;
    this.reports = reports;
    this.work = work;
    this.plan = plan;
    int maxAttributes = config.inspection().maxAttributes();
    // Cut attributes are recorded up to the same bound as attributes (at least 100): enough to show what
    // was cut without letting one inspector's flood grow the report without limit.
    this.bounds = new AttributeBounds(config.inspection().maxDepth(), maxAttributes, Math.max(100, maxAttributes));
    this.reviewEarly = config.review().early();
    this.wakeups = wakeups;
    this.earlyReview = earlyReview;
  }

  public InspectionPlan plan() {
    return plan;
  }

  /**
   * The inspection timer of an alert fired: admit its attributes at depth 0 and queue their inspections.
   * Attributes the report admitted as it was created only have their inspections queued. A timer whose
   * report no longer exists has nothing left to do and succeeds, so it is not retried.
   */
  public Future<Void> expand(InspectAlertTimer timer) {
    List<ReportAttribute> candidates = ReportAttribute.ofAlert(timer.alertId(), timer.attributes());
    Future<Void> queued = timer.admitted()
        ? enqueue(timer.reportId(), new Admission(ReportAttribute.distinct(candidates), List.of(), List.of()), false)
        : admit(timer.reportId(), candidates, timer.deliveries() > 1);
    return queued
        .compose(v -> afterProgress(timer.reportId()))
        .recover(failure -> failure instanceof NoSuchElementException ? Future.succeededFuture()
            : Future.failedFuture(failure));
  }

  /**
   * Offers attributes to a report and queues the inspection of each admitted one. On a redelivery (an
   * earlier run may have died between admitting and queueing) duplicates are queued again too; the
   * work queue and the outcome records are idempotent, so the cost is at most a repeated call.
   */
  public Future<Void> admit(String reportId, List<ReportAttribute> candidates, boolean redelivery) {
    if (candidates.isEmpty()) {
      return Future.succeededFuture();
    }
    return reports.admit(reportId, candidates, bounds).compose(admission -> enqueue(reportId, admission, redelivery));
  }

  private Future<Void> enqueue(String reportId, Admission admission, boolean redelivery) {
    List<ReportAttribute> toInspect = new ArrayList<>(admission.admitted());
    if (redelivery) {
      toInspect.addAll(admission.duplicates());
    }
    List<Future<Boolean>> writes = new ArrayList<>();
    Set<String> woken = new LinkedHashSet<>();
    for (ReportAttribute attribute : toInspect) {
      for (InspectorSpec spec : plan.inspectorsFor(attribute.attribute())) {
        JsonObject payload = new JsonObject()
            .put("report_id", reportId)
            .put("attribute", ReportCodec.encode(attribute));
        writes.add(work.enqueue(spec.name(), WorkItem.of(reportId + ":" + attribute.hash(), payload))
            .andThen(ar -> {
              if (ar.succeeded() && ar.result()) {
                queued.incrementAndGet();
              }
            }));
        woken.add(spec.name());
      }
    }
    return Future.all(writes).andThen(ar -> woken.forEach(name -> wakeups.wake(Wakeups.inspector(name)))).mapEmpty();
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
