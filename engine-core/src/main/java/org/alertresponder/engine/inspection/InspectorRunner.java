package org.alertresponder.engine.inspection;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.api.InspectionRecord;
import org.alertresponder.engine.api.InspectionStatus;
import org.alertresponder.engine.api.Origin;
import org.alertresponder.engine.api.ReportAttribute;
import org.alertresponder.engine.api.ReportCodec;
import org.alertresponder.engine.bus.Addresses;
import org.alertresponder.engine.internal.ActivityTracker;
import org.alertresponder.engine.internal.Hashing;
import org.alertresponder.engine.internal.PluginCalls;
import org.alertresponder.engine.internal.QueueRunner;
import org.alertresponder.engine.internal.TokenBucket;
import org.alertresponder.engine.internal.Wakeups;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.engine.spi.EngineObserver;
import org.alertresponder.engine.spi.InspectionOutcome;
import org.alertresponder.engine.spi.InspectionResult;
import org.alertresponder.engine.spi.InspectionTask;
import org.alertresponder.engine.spi.InspectorSpec;
import org.alertresponder.engine.spi.Payload;
import org.alertresponder.engine.spi.PluginCodec;
import org.alertresponder.engine.spi.ReportRepository;
import org.alertresponder.engine.spi.ResultCache;
import org.alertresponder.engine.spi.WorkItem;
import org.alertresponder.engine.spi.WorkQueue;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Runs one inspector's work with the inspector's protections: a concurrency limit and an
 * optional rate limit (work beyond them stays queued), a result cache shared across reports (with
 * concurrent identical lookups joined into one call), and timeout and retries with backoff per call.
 * Every outcome — found, failed, timed out, malformed — is recorded in the report. The work comes from the
 * inspector's work queue, or straight from a fired inspection timer (see {@link #inspectOrQueue}).
 *
 * <p>Confined to the inspection verticle's context.
 */
public final class InspectorRunner extends QueueRunner<WorkItem> {
  private static final System.Logger LOG = System.getLogger(InspectorRunner.class.getName());

  private final InspectorSpec spec;
  /** The spec's work lease, worked out once: it is asked for on every inspection. */
  private final Duration workLease;
  private final InspectionService service;
  private final ReportRepository reports;
  private final WorkQueue work;
  private final ResultCache cache;
  private final PluginCalls calls;
  private final String address;
  private final TokenBucket bucket;
  private final EngineObserver observer;
  private final AtomicLong queued;
  private final Map<String, Future<PluginCalls.Outcome<InspectionResult>>> inFlightLookups = new HashMap<>();

  public InspectorRunner(InspectorSpec spec, InspectionService service, ReportRepository reports, WorkQueue work,
                         ResultCache cache, Clock clock, PluginCalls calls, ActivityTracker tracker, int batchSize,
                         EngineObserver observer, AtomicLong queued) {
    super(spec.name(), ActivityTracker.inspector(spec.name()), Wakeups.inspector(spec.name()), spec.concurrency(),
        batchSize, clock, tracker);
    this.spec = spec;
    this.workLease = spec.workLease();
    this.service = service;
    this.reports = reports;
    this.work = work;
    this.cache = cache;
    this.calls = calls;
    this.address = Addresses.inspector(spec.name());
    this.bucket = spec.rateLimit() == null ? null : new TokenBucket(spec.rateLimit(), clock.now());
    this.observer = observer;
    this.queued = queued;
  }

  @Override
  protected Future<List<WorkItem>> claim(Instant now, int max) {
    return work.claim(spec.name(), now, max, workLease);
  }

  @Override
  protected Future<Optional<Instant>> nextDue(Instant now) {
    return work.nextVisible(spec.name(), now);
  }

  @Override
  protected int permits(Instant now) {
    return bucket == null ? Integer.MAX_VALUE : bucket.available(now);
  }

  @Override
  protected Instant nextPermitAt(Instant now) {
    return bucket == null ? null : bucket.nextPermitAt(now);
  }

  @Override
  protected void starting(Instant now) {
    if (bucket != null) {
      bucket.reserve(now);
    }
  }

  @Override
  protected String describe(WorkItem item) {
    return "inspection " + item.id();
  }

  /** A work item claimed from the inspector's queue. */
  @Override
  protected Future<Void> process(WorkItem item) {
    InspectionWork inspection;
    try {
      inspection = InspectionWork.from(item);
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "dropping unreadable work item " + item.id() + " of " + spec.name() + ": " + e.getMessage());
      return work.complete(spec.name(), item.id());
    }
    String reportId = inspection.reportId();
    return inspect(reportId, inspection.attribute(), item.deliveries() > 1)
        .compose(v -> work.complete(spec.name(), item.id()))
        .andThen(ar -> {
          if (ar.succeeded()) {
            queued.decrementAndGet();
          }
        })
        .compose(v -> service.afterProgress(reportId));
  }

  /**
   * Has an attribute inspected: at once, without the work queue, under the lease of the inspection timer
   * that fired ({@code leasedUntil}), where the limits allow one more call now and every attempt fits in
   * the lease; otherwise through the work queue. The timer is completed only once this completes, so
   * should this instance die midway, the timer fires again and the attribute is inspected then. Running
   * at once saves the work item's send, claim and completion.
   *
   * @param leasedUntil when the timer's lease ends, or null to queue the inspection in any case
   * @return completes once the inspection is recorded, or queued
   */
  public Future<Void> inspectOrQueue(String reportId, ReportAttribute attribute, boolean redelivery,
                                     Instant leasedUntil) {
    // The work item is made only when it is queued: most inspections run at once.
    Supplier<Future<Void>> queue = () -> work.enqueue(spec.name(), new InspectionWork(reportId, attribute).item())
        .map(added -> {
          if (added) {
            queued.incrementAndGet();
          }
          wake();
          return null;
        });
    if (leasedUntil == null || clock.now().plus(workLease).isAfter(leasedUntil)) {
      return tracker.track(tag(), queue);
    }
    return runUnqueuedOrQueue(() -> {
      queued.incrementAndGet();
      return inspect(reportId, attribute, redelivery).andThen(ar -> queued.decrementAndGet());
    }, queue);
  }

  /** One attribute's inspection, as a work item carries it (one per report and attribute hash in the queue). */
  record InspectionWork(String reportId, ReportAttribute attribute) implements Payload {
    WorkItem item() {
      return WorkItem.carrying(reportId + ":" + attribute.hash(), this);
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("report_id", reportId).put("attribute", ReportCodec.encode(attribute));
    }

    /** The inspection a claimed item holds: the record it was queued with, or decoded from its JSON. */
    static InspectionWork from(WorkItem item) {
      InspectionWork queued = item.message(InspectionWork.class);
      if (queued != null) {
        return queued;
      }
      return new InspectionWork(item.payload().getString("report_id"),
          ReportCodec.decodeReportAttribute(item.payload().getJsonObject("attribute")));
    }
  }

  /** Looks the attribute up and records the outcome; a report that no longer exists has nothing to record. */
  private Future<Void> inspect(String reportId, ReportAttribute attribute, boolean redelivery) {
    Instant started = clock.now();
    return lookup(reportId, attribute)
        .compose(outcome -> record(reportId, attribute, outcome, redelivery).andThen(ar -> {
          if (ar.succeeded()) {
            InspectionStatus status = !outcome.succeeded() ? (outcome.timedOut() ? InspectionStatus.TIMED_OUT
                : InspectionStatus.FAILED) : InspectionStatus.DONE;
            observer.inspectionFinished(spec.name(), status, Duration.between(started, clock.now()),
                outcome.attempts() == 0);
            observer.reportChanged(reportId);
          }
        }))
        .recover(failure -> failure instanceof NoSuchElementException ? Future.succeededFuture()
            : Future.failedFuture(failure));
  }

  /** The result from the cache, from a call already in flight for the same value, or from a new call. */
  private Future<PluginCalls.Outcome<InspectionResult>> lookup(String reportId, ReportAttribute attribute) {
    if (spec.cacheTtl().isZero()) {
      return call(reportId, attribute);
    }
    String key = cacheKey(attribute.attribute());
    Future<PluginCalls.Outcome<InspectionResult>> running = inFlightLookups.get(key);
    if (running != null) {
      // The call being joined is counted as the first caller's activity; waiting for it is not more work.
      return tracker.pause(tag(), running)
          .map(outcome -> outcome.succeeded() ? new PluginCalls.Outcome<>(outcome.value(), null, 0) : outcome);
    }
    // Completes once the result is in the cache (or there is nothing to cache): until then, the same
    // value looked up again joins this lookup rather than missing the cache and calling a second time.
    Promise<Void> settled = Promise.promise();
    Future<PluginCalls.Outcome<InspectionResult>> lookup = cache.get(key, clock.now()).compose(hit -> {
      if (hit.isPresent()) {
        settled.tryComplete();
        return Future.succeededFuture(new PluginCalls.Outcome<>(hit.get(), null, 0));
      }
      return call(reportId, attribute).map(outcome -> {
        if (outcome.succeeded()) {
          // Recording the outcome does not wait for the cache: the two writes then reach the store
          // together (one request where it batches them), and a result that failed to be cached only
          // costs a later call.
          tracker.track(tag(), () -> cache.put(key, outcome.value(), clock.now().plus(spec.cacheTtl())))
              .onComplete(ar -> {
                if (ar.failed()) {
                  LOG.log(Level.DEBUG, () -> "could not cache the result of " + spec.name() + " for " + key + ": "
                      + ar.cause().getMessage());
                }
                settled.tryComplete();
              });
        } else {
          settled.tryComplete();
        }
        return outcome;
      });
    });
    lookup.onFailure(failure -> settled.tryComplete());
    inFlightLookups.put(key, lookup);
    settled.future().onComplete(ar -> inFlightLookups.remove(key, lookup));
    return lookup;
  }

  private Future<PluginCalls.Outcome<InspectionResult>> call(String reportId, ReportAttribute attribute) {
    InspectionTask task = new InspectionTask(reportId, attribute.attribute(), attribute.depth());
    Object request = PluginCodec.encode(task);
    return calls.withRetries(tag(), spec.maxAttempts(), spec.backoff(),
        // Authored once, here: the cache then keeps the very findings the report records.
        attempt -> calls.request(tag(), address, request, spec.timeout())
            .map(reply -> PluginCodec.decodeResult(reply).authoredBy(spec.name())),
        attempt -> bucket == null ? null : Duration.between(clock.now(), bucket.reserve(clock.now())));
  }

  private Future<Void> record(String reportId, ReportAttribute attribute, PluginCalls.Outcome<InspectionResult> outcome,
                              boolean redelivery) {
    Instant now = clock.now();
    if (!outcome.succeeded()) {
      InspectionStatus status = outcome.timedOut() ? InspectionStatus.TIMED_OUT : InspectionStatus.FAILED;
      InspectionRecord record = new InspectionRecord(attribute.hash(), spec.name(), status,
          PluginCalls.describe(outcome), outcome.attempts(), now);
      return reports.recordInspection(reportId, new InspectionOutcome(record, List.of()));
    }
    // Authored already where it was called, unless a cache of an older version held it.
    InspectionResult result = outcome.value().authoredBy(spec.name());
    List<Finding> findings = result.findings();
    List<ReportAttribute> discovered = new ArrayList<>(result.attributes().size());
    for (Attribute found : result.attributes()) {
      discovered.add(ReportAttribute.of(found, attribute.depth() + 1, Origin.inspector(spec.name(), attribute.hash())));
    }
    InspectionRecord record = new InspectionRecord(attribute.hash(), spec.name(), InspectionStatus.DONE, null,
        outcome.attempts(), now);
    // Discovered attributes are admitted before the parent's outcome is recorded, so the report never
    // looks settled while they wait.
    return service.admit(reportId, discovered, redelivery)
        .compose(v -> reports.recordInspection(reportId, new InspectionOutcome(record, findings)));
  }

  private String cacheKey(Attribute attribute) {
    return Hashing.start().field(spec.name()).field(attribute.type()).field(attribute.value()).hex();
  }
}
