package org.alertresponder.engine.internal;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.alertresponder.engine.spi.Clock;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs one durable queue of work for one plugin (an inspector's work queue, an emitter's outbox): each
 * round claims only as many items as the limits allow right now, starts them, and says when to look
 * again. Work beyond the limits stays in the durable queue, not in memory. Confined to one context.
 *
 * @param <T> the claimed item
 */
public abstract class QueueRunner<T> {
  private static final System.Logger LOG = System.getLogger(QueueRunner.class.getName());

  private final String name;
  private final String tag;
  private final String wakeupName;
  private final int concurrency;
  private final int batchSize;
  protected final Clock clock;
  protected final ActivityTracker tracker;
  /** Items started and not finished; written on the runner's context only, read from anywhere. */
  private volatile int inFlight;
  /** Whether a claim is waiting for the queue's answer. */
  private boolean claiming;
  /**
   * Decisions between running an item at once and queueing it, put off until the claim in progress has
   * answered: the items it brings count first, so that nothing started meanwhile overshoots the limits.
   */
  private final List<Runnable> afterClaim = new ArrayList<>();
  private volatile Pump pump;

  protected QueueRunner(String name, String tag, String wakeupName, int concurrency, int batchSize, Clock clock,
                        ActivityTracker tracker) {
    this.name = name;
    this.tag = tag;
    this.wakeupName = wakeupName;
    this.concurrency = concurrency;
    this.batchSize = batchSize;
    this.clock = clock;
    this.tracker = tracker;
  }

  /** The plugin's name. */
  public final String name() {
    return name;
  }

  /** The activity tag its work is tracked under. */
  public final String tag() {
    return tag;
  }

  /** The name its pump is woken by (see {@link Wakeups}). */
  public final String wakeupName() {
    return wakeupName;
  }

  final void attach(Pump value) {
    this.pump = value;
  }

  /** Leases up to {@code max} items that are due at {@code now}. */
  protected abstract Future<List<T>> claim(Instant now, int max);

  /** Does the work of one item; a failure leaves it leased, to be claimed again when the lease ends. */
  protected abstract Future<Void> process(T item);

  /** When a queued item becomes claimable, if none is now. */
  protected abstract Future<Optional<Instant>> nextDue(Instant now);

  /** Items the rate limit allows to start now; unlimited unless overridden. */
  protected int permits(Instant now) {
    return Integer.MAX_VALUE;
  }

  /** When {@link #permits} will allow one more item; only asked when it allowed none. */
  protected Instant nextPermitAt(Instant now) {
    return null;
  }

  /** Called for each item before it starts, claimed or run unqueued (to take its rate-limit permit). */
  protected void starting(Instant now) {
  }

  /** A short name of the item for logs. */
  protected abstract String describe(T item);

  /**
   * Runs an item that is not in this runner's durable queue at once, as one of its items (it counts
   * against the concurrency limit and takes a rate-limit permit), if the limits allow one more; otherwise
   * puts it in the queue with {@code queue}. The caller holds the item durably some other way meanwhile,
   * typically under the lease of the timer that started it, which saves the queue's send, claim and
   * completion. While a claim is waiting for the queue's answer, the choice waits for it too. Call on the
   * runner's context.
   *
   * @return completes once the item has run ({@code work}) or is queued ({@code queue})
   */
  protected final Future<Void> runUnqueuedOrQueue(Supplier<Future<Void>> work, Supplier<Future<Void>> queue) {
    if (!claiming) {
      return runOrQueue(work, queue);
    }
    // The wait for the claim is this runner's work: counted until the choice has begun its own.
    tracker.begin(tag);
    Promise<Void> done = Promise.promise();
    afterClaim.add(() -> {
      Future<Void> chosen = runOrQueue(work, queue);
      tracker.end(tag);
      chosen.onComplete(done);
    });
    return done.future();
  }

  private Future<Void> runOrQueue(Supplier<Future<Void>> work, Supplier<Future<Void>> queue) {
    Instant now = clock.now();
    if (inFlight >= concurrency || permits(now) <= 0) {
      return tracker.track(tag, queue);
    }
    starting(now);
    inFlight++;
    return tracker.track(tag, work).andThen(ar -> {
      inFlight--;
      if (pump != null) {
        pump.wake();
      }
    });
  }

  /** Wakes this runner's pump for a round: work was queued. */
  protected final void wake() {
    if (pump != null) {
      pump.wake();
    }
  }

  /** One claim round: as many items as the limits allow right now. */
  public final Future<Pump.RoundResult> round() {
    Instant now = clock.now();
    int capacity = Math.min(concurrency - inFlight, batchSize);
    if (capacity <= 0) {
      // A finishing item wakes the pump again.
      return Future.succeededFuture(Pump.RoundResult.idleUntil(null));
    }
    int permits = permits(now);
    if (permits <= 0) {
      return Future.succeededFuture(Pump.RoundResult.idleUntil(nextPermitAt(now)));
    }
    claiming = true;
    return claim(now, Math.min(capacity, permits)).andThen(ar -> {
      claiming = false;
      if (ar.succeeded()) {
        ar.result().forEach(item -> start(item, now));
      }
      List<Runnable> waiting = new ArrayList<>(afterClaim);
      afterClaim.clear();
      waiting.forEach(Runnable::run);
    }).compose(items -> {
      if (!items.isEmpty()) {
        return Future.succeededFuture(Pump.RoundResult.claimed(items.size()));
      }
      return nextDue(now).map(next -> Pump.RoundResult.idleUntil(next.orElse(null)));
    });
  }

  private void start(T item, Instant now) {
    starting(now);
    inFlight++;
    tracker.track(tag, () -> process(item)).onComplete(ar -> {
      inFlight--;
      if (ar.failed()) {
        LOG.log(Level.WARNING, describe(item) + " for " + name + " could not be recorded; it will be retried "
            + "when its lease ends", ar.cause());
      }
      pump.wake();
    });
  }
}
