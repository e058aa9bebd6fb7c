package org.alertresponder.tck;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.alertresponder.engine.spi.Clock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * A clock that moves only when told to. Scheduled tasks run, in time order, on the Vert.x context that
 * scheduled them, when the clock is advanced past their time. Thread-safe.
 */
public final class ManualClock implements Clock {
  private record Task(Instant at, long sequence, Context context, Runnable runnable, boolean[] cancelled) {
  }

  private final PriorityQueue<Task> tasks = new PriorityQueue<>(
      Comparator.comparing(Task::at).thenComparingLong(Task::sequence));
  private Instant now;
  private long sequence;

  public ManualClock(Instant start) {
    this.now = start;
  }

  /** A clock at 2026-11-27T10:00:00Z. */
  public static ManualClock atDefaultStart() {
    return new ManualClock(Instant.parse("2026-11-27T10:00:00Z"));
  }

  @Override
  public synchronized Instant now() {
    return now;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    Context context = Vertx.currentContext();
    if (context == null) {
      throw new IllegalStateException("ManualClock.schedule must be called on a Vert.x context");
    }
    boolean[] cancelled = {false};
    synchronized (this) {
      Duration wait = delay.isNegative() ? Duration.ZERO : delay;
      tasks.add(new Task(now.plus(wait), sequence++, context, task, cancelled));
    }
    return () -> {
      synchronized (ManualClock.this) {
        cancelled[0] = true;
      }
    };
  }

  /** When the earliest pending task is due, if any. */
  public synchronized Optional<Instant> nextTaskAt() {
    dropCancelled();
    return tasks.isEmpty() ? Optional.empty() : Optional.of(tasks.peek().at());
  }

  /**
   * Moves the clock to {@code to} (never backwards) and runs every task due by then. Tasks due at
   * different instants run in time order with the clock set to each one's instant.
   *
   * @return completes once every task it started has run on its context
   */
  public Future<Void> advanceTo(Instant to) {
    List<Task> due = new ArrayList<>();
    synchronized (this) {
      dropCancelled();
      while (!tasks.isEmpty() && !tasks.peek().at().isAfter(to)) {
        due.add(tasks.poll());
      }
    }
    Future<Void> chain = Future.succeededFuture();
    for (Task task : due) {
      chain = chain.compose(v -> run(task));
    }
    return chain.andThen(ar -> {
      synchronized (this) {
        if (to.isAfter(now)) {
          now = to;
        }
      }
    });
  }

  /** Moves the clock forward without running anything (tasks due meanwhile run at the next advance). */
  public synchronized void set(Instant to) {
    if (to.isAfter(now)) {
      now = to;
    }
  }

  private Future<Void> run(Task task) {
    synchronized (this) {
      if (task.at().isAfter(now)) {
        now = task.at();
      }
      if (task.cancelled()[0]) {
        return Future.succeededFuture();
      }
    }
    Promise<Void> done = Promise.promise();
    task.context().runOnContext(v -> {
      try {
        task.runnable().run();
      } finally {
        done.complete();
      }
    });
    return done.future();
  }

  private void dropCancelled() {
    while (!tasks.isEmpty() && tasks.peek().cancelled()[0]) {
      tasks.poll();
    }
  }
}
