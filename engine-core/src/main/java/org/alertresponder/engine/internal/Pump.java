package org.alertresponder.engine.internal;

import io.vertx.core.Context;
import io.vertx.core.Future;
import org.alertresponder.engine.spi.Clock;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Drives one source of work (the timer queue, an inspector's work queue, an emitter's outbox): runs a
 * claim round whenever it is woken, again at once while rounds find work, and otherwise sleeps until
 * the time the last round asked for (on the engine's clock) or the next poll.
 *
 * <p>Rounds never overlap and always run on the owning verticle's context. A wake-up counts as
 * activity from the moment it is asked for, so a caller waiting for the engine to be idle never misses
 * a round that is about to start.
 */
public final class Pump {
  private static final System.Logger LOG = System.getLogger(Pump.class.getName());

  /** What a round did: how many items it claimed, and when to run again if it claimed none. */
  public record RoundResult(int claimed, Instant wakeAt) {
    public static RoundResult claimed(int n) {
      return new RoundResult(n, null);
    }

    public static RoundResult idleUntil(Instant wakeAt) {
      return new RoundResult(0, wakeAt);
    }
  }

  private final String tag;
  private final Context context;
  private final Clock clock;
  private final ActivityTracker tracker;
  private final Supplier<Future<RoundResult>> round;
  private final Duration pollInterval;
  private final AtomicBoolean wakePending = new AtomicBoolean();
  private boolean running;
  private boolean again;
  private boolean stopped;
  private Clock.Cancellable wakeUp;
  private Instant wakeUpAt;
  private long pollTimer = -1;

  public Pump(String tag, Context context, Clock clock, ActivityTracker tracker, Duration pollInterval,
              Supplier<Future<RoundResult>> round) {
    this.tag = tag;
    this.context = context;
    this.clock = clock;
    this.tracker = tracker;
    this.round = round;
    this.pollInterval = pollInterval;
  }

  /** Starts polling and runs a first round. Call on the owning context. */
  public void start() {
    if (!pollInterval.isZero()) {
      pollTimer = context.owner().setPeriodic(pollInterval.toMillis(), id -> wake());
    }
    wake();
  }

  /** Stops for good; a round in progress finishes. Call on the owning context. */
  public void stop() {
    stopped = true;
    if (pollTimer >= 0) {
      context.owner().cancelTimer(pollTimer);
    }
    cancelWakeUp();
  }

  /** Asks for a round soon. Safe from any thread; wake-ups that arrive together run one round. */
  public void wake() {
    if (stopped || !wakePending.compareAndSet(false, true)) {
      return;
    }
    tracker.beginRound(tag);
    context.runOnContext(v -> {
      wakePending.set(false);
      trigger();
      tracker.end(tag);
    });
  }

  private void trigger() {
    if (stopped) {
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    tracker.beginRound(tag);
    Future<RoundResult> result;
    try {
      result = round.get();
    } catch (Throwable e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(ar -> {
      try {
        running = false;
        if (ar.failed()) {
          LOG.log(Level.WARNING, "work round of " + tag + " failed; retrying in a second", ar.cause());
          scheduleWakeUp(clock.now().plusSeconds(1));
        } else if (ar.result().claimed() > 0 || again) {
          runAgain();
        } else if (ar.result().wakeAt() != null) {
          scheduleWakeUp(ar.result().wakeAt());
        }
      } finally {
        tracker.end(tag);
      }
    });
  }

  /**
   * The next round starts from the event loop, not from inside this one: with a store whose futures
   * complete at once, rounds would otherwise nest until the stack overflows under a backlog.
   */
  private void runAgain() {
    tracker.beginRound(tag);
    context.runOnContext(v -> {
      try {
        trigger();
      } finally {
        tracker.end(tag);
      }
    });
  }

  private void scheduleWakeUp(Instant at) {
    if (stopped) {
      return;
    }
    if (wakeUp != null && wakeUpAt != null && !at.isBefore(wakeUpAt) && wakeUpAt.isAfter(clock.now())) {
      return;
    }
    cancelWakeUp();
    Duration delay = Duration.between(clock.now(), at);
    wakeUpAt = at;
    wakeUp = clock.schedule(delay.isNegative() ? Duration.ZERO : delay, () -> {
      wakeUp = null;
      wakeUpAt = null;
      wake();
    });
  }

  private void cancelWakeUp() {
    if (wakeUp != null) {
      wakeUp.cancel();
      wakeUp = null;
      wakeUpAt = null;
    }
  }
}
