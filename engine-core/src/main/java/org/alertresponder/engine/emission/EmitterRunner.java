package org.alertresponder.engine.emission;

import io.vertx.core.Future;
import org.alertresponder.engine.api.Delivery;
import org.alertresponder.engine.api.EngineConfig;
import org.alertresponder.engine.api.ReportCodec;
import org.alertresponder.engine.bus.Addresses;
import org.alertresponder.engine.internal.ActivityTracker;
import org.alertresponder.engine.internal.PluginCalls;
import org.alertresponder.engine.internal.Pump;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.engine.spi.EmitterSpec;
import org.alertresponder.engine.spi.Outbox;
import org.alertresponder.engine.spi.ReportRepository;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;

/**
 * Delivers one emitter's due deliveries: one attempt each (with the emitter's timeout); a failure is
 * retried later with exponential backoff — the schedule lives in the outbox, so it survives a restart —
 * until {@code emission.max-attempts}, or at once for a permanent failure, after which the delivery is
 * a dead letter.
 *
 * <p>Confined to the emission verticle's context.
 */
public final class EmitterRunner {
  private static final System.Logger LOG = System.getLogger(EmitterRunner.class.getName());

  private final EmitterSpec spec;
  private final ReportRepository reports;
  private final Outbox outbox;
  private final Clock clock;
  private final PluginCalls calls;
  private final ActivityTracker tracker;
  private final EngineConfig.Emission settings;
  private final int batchSize;
  private final String tag;
  private final String address;
  private final Duration lease;
  private int inFlight;
  private Pump pump;

  public EmitterRunner(EmitterSpec spec, ReportRepository reports, Outbox outbox, Clock clock, PluginCalls calls,
                       ActivityTracker tracker, EngineConfig config) {
    this.spec = spec;
    this.reports = reports;
    this.outbox = outbox;
    this.clock = clock;
    this.calls = calls;
    this.tracker = tracker;
    this.settings = config.emission();
    this.batchSize = config.timers().batchSize();
    this.tag = ActivityTracker.emitter(spec.name());
    this.address = Addresses.emitter(spec.name());
    this.lease = spec.timeout().plusMinutes(1);
  }

  public String name() {
    return spec.name();
  }

  public String tag() {
    return tag;
  }

  public void attach(Pump value) {
    this.pump = value;
  }

  public Future<Pump.RoundResult> round() {
    int capacity = Math.min(spec.concurrency() - inFlight, batchSize);
    if (capacity <= 0) {
      return Future.succeededFuture(Pump.RoundResult.idleUntil(null));
    }
    return outbox.claimDue(spec.name(), clock.now(), capacity, lease).compose(deliveries -> {
      for (Delivery delivery : deliveries) {
        inFlight++;
        tracker.track(tag, () -> deliver(delivery)).onComplete(ar -> {
          inFlight--;
          if (ar.failed()) {
            LOG.log(Level.WARNING, "delivery " + delivery.id() + " could not be recorded; it will be retried "
                + "when its lease ends", ar.cause());
          }
          pump.wake();
        });
      }
      if (!deliveries.isEmpty()) {
        return Future.succeededFuture(Pump.RoundResult.claimed(deliveries.size()));
      }
      return outbox.nextDue(spec.name()).map(next -> Pump.RoundResult.idleUntil(next.orElse(null)));
    });
  }

  private Future<Void> deliver(Delivery delivery) {
    return reports.publication(delivery.reportId(), delivery.version()).compose(found -> {
      int attempts = delivery.attempts() + 1;
      if (found.isEmpty()) {
        return outbox.markDead(delivery.id(), attempts, "publication " + delivery.reportId() + " v"
            + delivery.version() + " no longer exists", clock.now());
      }
      return calls.request(tag, address, ReportCodec.encode(found.get()), spec.timeout()).transform(ar -> {
        Instant now = clock.now();
        if (ar.succeeded()) {
          return outbox.markDelivered(delivery.id(), attempts, now);
        }
        Throwable failure = ar.cause();
        String error = (failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage())
            + " (attempt " + attempts + " of " + settings.maxAttempts() + ")";
        if (!PluginCalls.retryable(failure) || attempts >= settings.maxAttempts()) {
          LOG.log(Level.WARNING, "delivery " + delivery.id() + " is a dead letter: " + error);
          return outbox.markDead(delivery.id(), attempts, error, now);
        }
        Instant next = now.plus(settings.backoff().delayBefore(attempts));
        return outbox.retryLater(delivery.id(), attempts, next, error, now);
      });
    });
  }
}
