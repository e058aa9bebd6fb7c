package org.alertresponder.engine.spi;

import io.vertx.core.Future;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable timers that fire at least once.
 *
 * <p>A claimed timer is leased: invisible to other claims until {@code now + lease}; completing it
 * removes it, and a timer whose lease runs out is claimable again (the handler died). Handlers are
 * idempotent, so a timer firing twice is harmless. Time is always passed in by the engine, never read
 * from a clock by the store. A store may keep instants to the microsecond; finer parts may be dropped.
 */
public interface TimerQueue {
  /** Adds the timer unless one with its id exists; true when added. */
  Future<Boolean> schedule(TimerEntry entry);

  /**
   * Leases up to {@code max} timers due at {@code now} (or whose lease expired), earliest first, each with
   * its delivery count incremented.
   */
  Future<List<TimerEntry>> claimDue(Instant now, int max, Duration lease);

  /** Removes a fired timer. Completing an unknown id does nothing. */
  Future<Void> complete(String id);

  /**
   * Returns a claimed timer to the queue, claimable again at {@code dueAt} (a retry after a failed
   * handler). The entry keeps its original {@link TimerEntry#dueAt()}.
   */
  Future<Void> release(String id, Instant dueAt);

  /** When the next timer becomes claimable (due, or its lease ends), if any. */
  Future<Optional<Instant>> nextDue();

  /** Timers waiting or in flight, for metrics and back-pressure. */
  Future<Long> size();
}
