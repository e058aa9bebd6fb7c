package org.alertresponder.engine.timer;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.alertresponder.engine.api.EngineConfig;
import org.alertresponder.engine.bus.Addresses;
import org.alertresponder.engine.bus.StageBus;
import org.alertresponder.engine.internal.ActivityTracker;
import org.alertresponder.engine.internal.Pump;
import org.alertresponder.engine.internal.Wakeups;
import org.alertresponder.engine.spi.Backoff;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.engine.spi.TimerEntry;
import org.alertresponder.engine.spi.TimerQueue;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;

/**
 * Fires durable timers: claims the due ones, sends each to its stage, and completes it once the stage
 * has replied. A stage that fails gets the timer back after a backoff; a process that dies leaves it
 * leased until the lease ends, then it fires again (handlers are idempotent).
 */
public final class TimerVerticle extends VerticleBase {
  private static final System.Logger LOG = System.getLogger(TimerVerticle.class.getName());
  private static final Backoff RETRY = Backoff.of(Duration.ofSeconds(1), Duration.ofMinutes(5));

  private final TimerQueue timers;
  private final Clock clock;
  private final ActivityTracker tracker;
  private final Wakeups wakeups;
  private final EngineConfig config;
  private final StageBus stages;
  private Pump pump;

  public TimerVerticle(TimerQueue timers, Clock clock, ActivityTracker tracker, Wakeups wakeups, EngineConfig config,
                       StageBus stages) {
    this.stages = stages;
    this.timers = timers;
    this.clock = clock;
    this.tracker = tracker;
    this.wakeups = wakeups;
    this.config = config;
  }

  @Override
  public Future<?> start() {
    pump = new Pump(ActivityTracker.ENGINE, context, clock, tracker, config.timers().pollInterval(), this::round);
    wakeups.register(Wakeups.TIMERS, pump);
    pump.start();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    wakeups.unregister(Wakeups.TIMERS);
    pump.stop();
    return Future.succeededFuture();
  }

  private Future<Pump.RoundResult> round() {
    Instant now = clock.now();
    return timers.claimDue(now, config.timers().batchSize(), config.timerLease()).compose(due -> {
      for (TimerEntry entry : due) {
        fire(entry);
      }
      if (!due.isEmpty()) {
        return Future.succeededFuture(Pump.RoundResult.claimed(due.size()));
      }
      return timers.nextDue().map(next -> Pump.RoundResult.idleUntil(next.orElse(null)));
    });
  }

  /**
   * Sends the timer to its stage. The stage's work is tracked by the stage (handed over with the
   * message); here only the completion of the timer is.
   */
  private void fire(TimerEntry entry) {
    Object message;
    String address;
    String tag;
    try {
      switch (entry.kind()) {
        case TimerKinds.INSPECT_ALERT -> {
          message = InspectAlertTimer.from(entry);
          address = Addresses.INSPECT_ALERT;
          tag = ActivityTracker.ENGINE;
        }
        case TimerKinds.REVIEW -> {
          message = ReviewTimer.from(entry);
          address = Addresses.REVIEW;
          tag = ActivityTracker.REVIEWER;
        }
        default -> throw new IllegalArgumentException("unknown timer kind " + entry.kind());
      }
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "dropping unreadable timer " + entry.id() + ": " + e.getMessage());
      tracker.track(ActivityTracker.ENGINE, () -> timers.complete(entry.id()));
      return;
    }
    stages.request(address, tag, message, config.timerLease().toMillis()).onComplete(ar ->
        tracker.track(ActivityTracker.ENGINE, () -> {
          if (ar.succeeded()) {
            return timers.complete(entry.id());
          }
          Duration wait = RETRY.delayBefore(entry.deliveries());
          LOG.log(Level.WARNING, "timer " + entry.id() + " failed (delivery " + entry.deliveries() + "); retrying in "
              + wait.toSeconds() + "s: " + ar.cause().getMessage());
          return timers.release(entry.id(), clock.now().plus(wait)).andThen(v -> pump.wake());
        }));
  }
}
