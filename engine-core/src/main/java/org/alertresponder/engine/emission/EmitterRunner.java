package org.alertresponder.engine.emission;

import io.vertx.core.Future;
import org.alertresponder.engine.api.Delivery;
import org.alertresponder.engine.api.EngineConfig;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportCodec;
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

/**
 * Delivers one emitter's due deliveries: one attempt each (with the emitter's timeout); a failure is
 * retried later with exponential backoff — the schedule lives in the outbox, so it survives a restart —
 * until {@code emission.max-attempts}, or at once for a permanent failure, after which the delivery is
 * a dead letter.
 *
 * <p>Confined to the emission verticle's context.
 */
public final class EmitterRunner extends QueueRunner<Delivery> {
  private static final System.Logger LOG = System.getLogger(EmitterRunner.class.getName());

  private final EmitterSpec spec;
  private final ReportRepository reports;
  private final Outbox outbox;
  private final PluginCalls calls;
  private final EngineConfig.Emission settings;
  private final String address;
  private final Duration lease;
  private final EngineObserver observer;
  private final RecentPublications recent;
  /** What a lease adds to the emitter's timeout, for recording the attempt's outcome. */
  private static final Duration LEASE_MARGIN = Duration.ofSeconds(10);
  /** How soon a held delivery must start for its hold to cover the attempt (half the margin). */
  private static final Duration START_HELD_WITHIN = LEASE_MARGIN.dividedBy(2);

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
    // Long enough for the attempt to time out and be recorded; a process that died mid-attempt is
    // retried soon after.
    this.lease = spec.timeout().plus(LEASE_MARGIN);
    this.observer = observer;
    this.recent = recent;
  }

  /**
   * A delivery of a publication, held for this runner to attempt at once: due only when the lease of an
   * attempt would end (see {@link Delivery#held}).
   */
  public Delivery held(String reportId, int version, Instant now) {
    return Delivery.held(spec.name(), reportId, version, now, now.plus(lease));
  }

  /**
   * Attempts a delivery made by {@link #held} (and stored) without claiming it, if the attempt can start
   * within {@link #START_HELD_WITHIN}: the hold covers the attempt's timeout and that margin.
   */
  public void offer(Delivery held) {
    offer(held, held.createdAt().plus(START_HELD_WITHIN));
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

  @Override
  protected Future<Void> process(Delivery delivery) {
    return deliver(delivery);
  }

  private Future<Void> deliver(Delivery delivery) {
    Optional<Report> published = recent.get(delivery.reportId(), delivery.version());
    Future<Optional<Report>> publication = published.isPresent() ? Future.succeededFuture(published)
        : reports.publication(delivery.reportId(), delivery.version());
    return publication.compose(found -> {
      int attempts = delivery.attempts() + 1;
      if (found.isEmpty()) {
        return outbox.markDead(delivery.id(), attempts, "publication " + delivery.reportId() + " v"
            + delivery.version() + " no longer exists", clock.now());
      }
      return calls.request(tag(), address, ReportCodec.encode(found.get()), spec.timeout()).transform(ar -> {
        Instant now = clock.now();
        observer.deliveryAttempted(spec.name(), ar.succeeded());
        if (ar.succeeded()) {
          return outbox.markDelivered(delivery.id(), attempts, now);
        }
        Throwable failure = ar.cause();
        String error = (failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage())
            + " (attempt " + attempts + " of " + settings.maxAttempts() + ")";
        if (!PluginCalls.retryable(failure) || attempts >= settings.maxAttempts()) {
          LOG.log(Level.WARNING, "delivery " + delivery.id() + " is a dead letter: " + error);
          observer.deadLettered(spec.name());
          return outbox.markDead(delivery.id(), attempts, error, now);
        }
        Instant next = now.plus(settings.backoff().delayBefore(attempts));
        return outbox.retryLater(delivery.id(), attempts, next, error, now);
      });
    });
  }
}
