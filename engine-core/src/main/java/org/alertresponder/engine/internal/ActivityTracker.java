package org.alertresponder.engine.internal;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Counts the engine's runnable work, by tag, so that a caller can wait until nothing is running.
 *
 * <p>Work that waits on the clock (a backoff, a rate-limit permit, a timer not yet due) is not running:
 * it ends its activity before waiting and begins again when the clock fires. Work that waits on a
 * plugin's answer is running. That is what lets a test with a manual clock advance time, then wait
 * until the engine has done everything that time made possible, without ever sleeping; and lets a
 * shutdown wait for in-flight work.
 *
 * <p>Tags: {@code engine} for stage work, {@code inspector:<name>}, {@code reviewer},
 * {@code emitter:<name>} for work on behalf of a plugin, and {@code call:<tag>} for a request to that
 * plugin in flight (see {@link #call(String)}).
 */
public final class ActivityTracker {
  public static final String ENGINE = "engine";
  public static final String REVIEWER = "reviewer";

  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final AtomicLong epoch = new AtomicLong();
  private final List<Waiter> waiters = new ArrayList<>();

  public static String inspector(String name) {
    return "inspector:" + name;
  }

  public static String emitter(String name) {
    return "emitter:" + name;
  }

  /** The tag of requests to a plugin in flight, for the plugin work tag {@code tag}. */
  public static String call(String tag) {
    return "call:" + tag;
  }

  /** Work of {@code tag} starts. */
  public void begin(String tag) {
    counts.computeIfAbsent(tag, t -> new AtomicInteger()).incrementAndGet();
    epoch.incrementAndGet();
  }

  /**
   * A pump's claim round of {@code tag} starts: running, but not new work in itself (the work it claims
   * begins on its own), so it leaves the {@link #epoch()} alone.
   */
  public void beginRound(String tag) {
    counts.computeIfAbsent(tag, t -> new AtomicInteger()).incrementAndGet();
  }

  public void end(String tag) {
    AtomicInteger count = counts.get(tag);
    while (true) {
      int current = count == null ? 0 : count.get();
      if (current <= 0) {
        // Checked before decrementing: one stray end must not leave the count negative for good.
        throw new IllegalStateException("activity " + tag + " ended more often than it began");
      }
      if (count.compareAndSet(current, current - 1)) {
        if (current == 1) {
          notifyWaiters();
        }
        return;
      }
    }
  }

  /**
   * Runs {@code work} as activity of {@code tag} until its future completes and the callbacks on the
   * returned future have run. Ending only after them matters when a callback hands the work on (a stage
   * replying to the stage that sent it work begins that stage's activity): the count then never drops to
   * zero in between, which a caller waiting for idleness would take for the end of all work.
   */
  public <T> Future<T> track(String tag, Supplier<Future<T>> work) {
    begin(tag);
    Future<T> future;
    try {
      future = work.get();
    } catch (RuntimeException e) {
      future = Future.failedFuture(e);
    }
    Promise<T> tracked = Promise.promise();
    future.onComplete(ar -> {
      try {
        tracked.handle(ar);
      } finally {
        end(tag);
      }
    });
    return tracked.future();
  }

  /**
   * Stops counting {@code tag}'s activity while {@code wait} (a clock wait) is pending, and counts it
   * again when it completes. Call from inside tracked work.
   */
  public <T> Future<T> pause(String tag, Future<T> wait) {
    end(tag);
    return wait.andThen(ignored -> begin(tag));
  }

  /**
   * Moves {@code tag}'s activity to {@link #call(String) call:tag} while {@code request} to the plugin is
   * in flight, and back when it completes. A caller waiting for the engine to be idle can then choose to
   * ignore calls a test plugin deliberately holds, without ignoring the engine's own work around them.
   */
  public <T> Future<T> calling(String tag, Supplier<Future<T>> request) {
    String callTag = call(tag);
    begin(callTag);
    Future<T> future;
    try {
      future = request.get();
    } catch (RuntimeException e) {
      future = Future.failedFuture(e);
    }
    // Only once the request is sent (and counted as sent) does the work stop counting: ending it
    // before, a caller waiting for idleness could find the engine idle and no request sent yet, and
    // conclude that nothing was going to reach the plugin.
    if (future.isComplete()) {
      end(callTag);
      return future;
    }
    end(tag);
    return future.andThen(ignored -> {
      begin(tag);
      end(callTag);
    });
  }

  /** Running work of exactly this tag. */
  public int count(String tag) {
    AtomicInteger count = counts.get(tag);
    return count == null ? 0 : count.get();
  }

  /** Incremented at every {@link #begin}; tells whether any work started between two reads. */
  public long epoch() {
    return epoch.get();
  }

  /** Running work, not counting the ignored tags. */
  public int busy(Set<String> ignored) {
    int total = 0;
    for (Map.Entry<String, AtomicInteger> entry : counts.entrySet()) {
      if (!ignored.contains(entry.getKey())) {
        total += entry.getValue().get();
      }
    }
    return total;
  }

  /** Completes (on no particular thread) once nothing but the ignored tags is running. */
  public Future<Void> whenIdle(Set<String> ignored) {
    Promise<Void> promise = Promise.promise();
    synchronized (waiters) {
      waiters.add(new Waiter(Set.copyOf(ignored), promise));
    }
    notifyWaiters();
    return promise.future();
  }

  private void notifyWaiters() {
    List<Promise<Void>> ready = new ArrayList<>();
    synchronized (waiters) {
      if (waiters.isEmpty()) {
        return;
      }
      for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
        Waiter waiter = it.next();
        if (busy(waiter.ignored) == 0) {
          ready.add(waiter.promise);
          it.remove();
        }
      }
    }
    ready.forEach(Promise::tryComplete);
  }

  private record Waiter(Set<String> ignored, Promise<Void> promise) {
  }
}
