package org.alertresponder.engine.timer;

import io.vertx.core.Future;
import org.alertresponder.engine.api.EngineConfig;
import org.alertresponder.engine.bus.Addresses;
import org.alertresponder.engine.bus.StageBus;
import org.alertresponder.engine.internal.ActivityTracker;
import org.alertresponder.engine.internal.QueueRunner;
import org.alertresponder.engine.internal.Wakeups;
import org.alertresponder.engine.spi.Backoff;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.engine.spi.EngineObserver;
import org.alertresponder.engine.spi.TimerEntry;
import org.alertresponder.engine.spi.TimerQueue;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Fires durable timers: claims the due ones (at most {@code timers.max-in-flight} at a time), sends each
 * to its stage, and completes it once the stage has replied. A stage that fails gets the timer back
 * after a backoff; a process that dies leaves it leased until the lease ends, then it fires again
 * (handlers are idempotent).
 */
public final class TimerRunner extends QueueRunner<TimerRunner.Claimed> {
  private static final System.Logger LOG = System.getLogger(TimerRunner.class.getName());
  private static final Backoff RETRY = Backoff.of(Duration.ofSeconds(1), Duration.ofMinutes(5));

  private final TimerQueue timers;
  private final EngineConfig config;
  private final StageBus stages;
  private final EngineObserver observer;

  /**
   * A claimed timer and when its lease ends, before which no other claim takes it: the stage it fires
   * may do work under that lease (and only then complete the timer) instead of queueing it.
   */
  public record Claimed(TimerEntry entry, Instant leasedUntil) {
  }

  public TimerRunner(TimerQueue timers, Clock clock, ActivityTracker tracker, EngineConfig config, StageBus stages,
                     EngineObserver observer) {
    super("timers", ActivityTracker.ENGINE, Wakeups.TIMERS, config.timers().maxInFlight(),
        config.timers().batchSize(), clock, tracker);
    this.timers = timers;
    this.config = config;
    this.stages = stages;
    this.observer = observer;
  }

  @Override
  protected Future<List<Claimed>> claim(Instant now, int max) {
    // The lease is counted from before the claim was asked for, so it ends no later than the store's.
    Instant leasedUntil = now.plus(config.timerLease());
    return timers.claimDue(now, max, config.timerLease())
        .map(entries -> entries.stream().map(entry -> new Claimed(entry, leasedUntil)).toList());
  }

  @Override
  protected Future<Optional<Instant>> nextDue(Instant now) {
    return timers.nextDue();
  }

  @Override
  protected String describe(Claimed claimed) {
    return "timer " + claimed.entry().id();
  }

  @Override
  protected Future<Void> process(Claimed claimed) {
    TimerEntry entry = claimed.entry();
    observer.timerFired(entry.kind(), Duration.between(entry.dueAt(), clock.now()));
    Object message;
    String address;
    String stageTag;
    try {
      switch (entry.kind()) {
        case TimerKinds.INSPECT_ALERT -> {
          message = InspectAlertTimer.from(entry).leasedUntil(claimed.leasedUntil());
          address = Addresses.INSPECT_ALERT;
          stageTag = ActivityTracker.ENGINE;
        }
        case TimerKinds.REVIEW -> {
          message = ReviewTimer.from(entry).leasedUntil(claimed.leasedUntil());
          address = Addresses.REVIEW;
          stageTag = ActivityTracker.REVIEWER;
        }
        default -> throw new IllegalArgumentException("unknown timer kind " + entry.kind());
      }
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "dropping unreadable timer " + entry.id() + ": " + e.getMessage());
      return timers.complete(entry.id());
    }
    // The stage tracks its own work (handed over with the message); waiting for its reply is not work
    // of this runner, which matters when the stage then waits on the clock.
    return stages.requestFrom(tag(), address, stageTag, message, config.timerLease().toMillis()).transform(ar -> {
      if (ar.succeeded()) {
        return timers.complete(entry.id());
      }
      Duration wait = RETRY.delayBefore(entry.deliveries());
      LOG.log(Level.WARNING, "timer " + entry.id() + " failed (delivery " + entry.deliveries() + "); retrying in "
          + wait.toSeconds() + "s: " + ar.cause().getMessage());
      return timers.release(entry.id(), clock.now().plus(wait));
    });
  }
}
