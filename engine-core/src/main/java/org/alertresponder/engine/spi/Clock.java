package org.alertresponder.engine.spi;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.time.Instant;

/**
 * The engine's only source of time. Every delay, timeout, backoff, lease and rate limit reads it, so a
 * test that injects a manual clock controls time completely and never sleeps.
 */
public interface Clock {
  Instant now();

  /**
   * Runs {@code task} once, {@code delay} from now in this clock's time, on the Vert.x context of the
   * caller (callers are always on one).
   */
  Cancellable schedule(Duration delay, Runnable task);

  /** Something scheduled that can be called off. Cancelling twice, or after it ran, does nothing. */
  interface Cancellable {
    void cancel();
  }

  /** Wall-clock time, with Vert.x timers for scheduling. */
  static Clock system() {
    return SystemClock.INSTANCE;
  }

  /** Wall-clock implementation. */
  final class SystemClock implements Clock {
    static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {
    }

    @Override
    public Instant now() {
      return Instant.now();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
      Context context = Vertx.currentContext();
      if (context == null) {
        throw new IllegalStateException("Clock.schedule must be called on a Vert.x context");
      }
      long millis = Math.max(1, delay.toMillis());
      Vertx vertx = context.owner();
      long id = vertx.setTimer(millis, ignored -> task.run());
      return () -> vertx.cancelTimer(id);
    }
  }
}
