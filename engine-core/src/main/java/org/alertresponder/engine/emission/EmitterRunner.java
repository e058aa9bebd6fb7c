package org.alertresponder.engine.emission;

import io.vertx.core.Future;
import org.alertresponder.engine.api.Delivery;
import org.alertresponder.engine.api.DeliveryStatus;
import org.alertresponder.engine.api.EngineConfig;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.bus.Addresses;
import org.alertresponder.engine.internal.ActivityTracker;
import org.alertresponder.engine.internal.PluginCalls;
import org.alertresponder.engine.internal.QueueRunner;
import org.alertresponder.engine.internal.Wakeups;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.engine.spi.EngineObserver;
import org.alertresponder.engine.spi.EmitterSpec;
import org.alertresponder.engine.spi.Outbox;
import org.alertresponder.engine.spi.ReportRepository;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Delivers one emitter's deliveries: one attempt each (with the emitter's timeout); a failure is retried
 * later with exponential backoff — the schedule lives in the outbox, so it survives a restart — until
 * {@code emission.max-attempts}, or at once for a permanent failure, after which the delivery is a dead
 * letter.
 *
 * <p>A publication's first attempt is usually made by the instance that published it, under the lease of
 * the review timer that published it, before anything is stored: only the attempt's outcome is written
 * (see {@link #deliverOrQueue}). Later attempts, and deliveries nobody could attempt at once, are claimed
 * from the outbox.
 *
 * <p>Confined to the emission verticle's context.
 */
public final class EmitterRunner extends QueueRunner<Delivery> {
  private static final System.Logger LOG = System.getLogger(EmitterRunner.class.getName());
  /** What a lease adds to the emitter's timeout, for recording the attempt's outcome. */
  private static final Duration LEASE_MARGIN = Duration.ofSeconds(10);
  /**
   * How soon after the publication its first attempt must start to be made without the outbox: a second
   * review of the version queues the delivery due an attempt's lease after the publication, and the
   * attempt must be over and recorded before then (see {@link EmissionService#enqueue(String, int)}).
   */
  private static final Duration START_UNQUEUED_WITHIN = LEASE_MARGIN.dividedBy(2);

  private final EmitterSpec spec;
  private final ReportRepository reports;
  private final Outbox outbox;
  private final PluginCalls calls;
  private final EngineConfig.Emission settings;
  private final String address;
  private final Duration lease;
  private final EngineObserver observer;
  private final RecentPublications recent;

  public EmitterRunner(EmitterSpec spec, ReportRepository reports, Outbox outbox, Clock clock, PluginCalls calls,
                       ActivityTracker tracker, EngineConfig config, EngineObserver observer,
                       RecentPublications recent) {
    super(spec.name(), ActivityTracker.emitter(spec.name()), Wakeups.emitter(spec.name()), spec.concurrency(),
        config.timers().batchSize(), clock, tracker);
    this.spec = spec;
    this.reports = reports;
    this.outbox = outbox;
    this.calls = calls;
    this.settings = config.emission();
    this.address = Addresses.emitter(spec.name());
    this.lease = attemptLease(spec);
    this.observer = observer;
    this.recent = recent;
  }

  /**
   * How long one attempt takes at most, its outcome recorded: the emitter's timeout and a margin. A
   * claimed delivery is leased that long, so a process that died mid-attempt is retried soon after.
   */
  public static Duration attemptLease(EmitterSpec spec) {
    return spec.timeout().plus(LEASE_MARGIN);
  }

  /**
   * Delivers a publication this instance has just published: the first attempt is made at once, before
   * anything is stored, under the lease of the review timer that published it ({@code leasedUntil}), if
   * the emitter can start one more call now, the attempt fits in the lease and it starts soon enough after
   * the publication; otherwise the delivery is queued in the outbox, due now. The timer is completed only
   * once this completes, so should this instance die midway, the timer fires again and its review queues
   * the delivery. Only an attempt's outcome is stored: a delivered delivery, one due for a retry, or a dead
   * letter; if another instance queued the delivery meanwhile, the outcome is applied to that one instead.
   *
   * @param leasedUntil when the review timer's lease ends, or null (a review without a lease) to queue
   * @return completes once the attempt is recorded, or the delivery queued
   */
  public Future<Void> deliverOrQueue(Report published, Instant leasedUntil) {
    Instant now = clock.now();
    Delivery delivery = Delivery.pending(spec.name(), published.id(), published.version(), now);
    Supplier<Future<Void>> queue = () -> outbox.enqueue(delivery).map(added -> {
      wake();
      return null;
    });
    if (leasedUntil == null || now.plus(lease).isAfter(leasedUntil)
        || now.isAfter(publishedAt(published).plus(START_UNQUEUED_WITHIN))) {
      return tracker.track(tag(), queue);
    }
    return runUnqueuedOrQueue(() -> attempt(published, delivery)
        .compose(after -> outbox.enqueue(after).compose(stored -> stored ? Future.succeededFuture() : record(after))),
        queue);
  }

  /** When a version was published: its verdict's time. */
  static Instant publishedAt(Report published) {
    var verdicts = published.verdicts();
    return verdicts.isEmpty() ? published.updatedAt() : verdicts.get(verdicts.size() - 1).publishedAt();
  }

  @Override
  protected Future<List<Delivery>> claim(Instant now, int max) {
    return outbox.claimDue(spec.name(), now, max, lease);
  }

  @Override
  protected Future<Optional<Instant>> nextDue(Instant now) {
    return outbox.nextDue(spec.name());
  }

  @Override
  protected String describe(Delivery delivery) {
    return "delivery " + delivery.id();
  }

  /** A delivery claimed from the outbox. */
  @Override
  protected Future<Void> process(Delivery delivery) {
    Optional<Report> published = recent.get(delivery.reportId(), delivery.version());
    Future<Optional<Report>> publication = published.isPresent() ? Future.succeededFuture(published)
        : reports.publication(delivery.reportId(), delivery.version());
    return publication.compose(found -> {
      if (found.isEmpty()) {
        return outbox.markDead(delivery.id(), delivery.attempts() + 1, "publication " + delivery.reportId() + " v"
            + delivery.version() + " no longer exists", clock.now());
      }
      return attempt(found.get(), delivery).compose(this::record);
    });
  }

  /** One attempt: the delivery as it stands afterwards (delivered, due for a retry, or dead). */
  private Future<Delivery> attempt(Report publication, Delivery delivery) {
    int attempts = delivery.attempts() + 1;
    return calls.request(tag(), address, publication, spec.timeout()).transform(ar -> {
      Instant now = clock.now();
      observer.deliveryAttempted(spec.name(), ar.succeeded());
      if (ar.succeeded()) {
        return Future.succeededFuture(delivery.withStatus(DeliveryStatus.DELIVERED, attempts, null, null, now));
      }
      Throwable failure = ar.cause();
      String error = (failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage())
          + " (attempt " + attempts + " of " + settings.maxAttempts() + ")";
      if (!PluginCalls.retryable(failure) || attempts >= settings.maxAttempts()) {
        LOG.log(Level.WARNING, "delivery " + delivery.id() + " is a dead letter: " + error);
        observer.deadLettered(spec.name());
        return Future.succeededFuture(delivery.withStatus(DeliveryStatus.DEAD, attempts, null, error, now));
      }
      Instant next = now.plus(settings.backoff().delayBefore(attempts));
      return Future.succeededFuture(delivery.withStatus(DeliveryStatus.PENDING, attempts, next, error, now));
    });
  }

  /** Applies an attempt's outcome to the stored delivery (which must still be pending). */
  private Future<Void> record(Delivery after) {
    return switch (after.status()) {
      case DELIVERED -> outbox.markDelivered(after.id(), after.attempts(), after.updatedAt());
      case DEAD -> outbox.markDead(after.id(), after.attempts(), after.lastError(), after.updatedAt());
      case PENDING -> outbox.retryLater(after.id(), after.attempts(), after.nextAttemptAt(), after.lastError(),
          after.updatedAt());
    };
  }
}
