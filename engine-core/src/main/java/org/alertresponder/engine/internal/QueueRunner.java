package org.alertresponder.engine.internal;

import io.vertx.core.Future;
import org.alertresponder.engine.spi.Clock;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

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
  private volatile Pump pump;
  private final Queue<Offered<T>> offered = new ConcurrentLinkedQueue<>();

  /** An item handed over without a claim, to be started no later than {@code startBy}. */
  private record Offered<T>(T item, Instant startBy) {
  }

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

  /** Called for each claimed item before it starts (to take its rate-limit permit). */
  protected void starting(T item, Instant now) {
  }

  /** A short name of the item for logs. */
  protected abstract String describe(T item);

  /** Whether an item handed over now would likely start at once (a hint: it is read from another thread). */
  public final boolean hasCapacity() {
    return inFlight < concurrency;
  }

  /**
   * Hands over an item this instance already holds in the durable queue, unclaimable by others until
   * some time after {@code startBy}, so that it starts without a claim (which costs the store a query and
   * a write). Started by the next round if the limits allow it by {@code startBy}; otherwise left to the
   * durable queue, which hands it out again when the hold ends. Safe from any thread.
   */
  public final void offer(T item, Instant startBy) {
    offered.add(new Offered<>(item, startBy));
    if (pump != null) {
      pump.wake();
    }
  }

  /** One claim round: items handed over first, then claimed ones. */
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
    int limit = Math.min(capacity, permits);
    List<T> handedOver = new ArrayList<>();
    while (handedOver.size() < limit) {
      Offered<T> next = offered.poll();
      if (next == null) {
        break;
      }
      // One that waited too long is left to the durable queue, which hands it out again when its hold ends.
      if (!now.isAfter(next.startBy())) {
        handedOver.add(next.item());
      }
    }
    if (!handedOver.isEmpty()) {
      handedOver.forEach(item -> start(item, now));
      return Future.succeededFuture(Pump.RoundResult.claimed(handedOver.size()));
    }
    return claim(now, limit).compose(items -> {
      items.forEach(item -> start(item, now));
      if (!items.isEmpty()) {
        return Future.succeededFuture(Pump.RoundResult.claimed(items.size()));
      }
      return nextDue(now).map(next -> Pump.RoundResult.idleUntil(next.orElse(null)));
    });
  }

  private void start(T item, Instant now) {
    starting(item, now);
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
