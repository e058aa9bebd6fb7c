package org.alertresponder.engine.spi;

import io.vertx.core.Future;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable named queues of work shared by every engine instance, delivered at least once.
 *
 * <p>Claims lease items as {@link TimerQueue} does. Workers claim only as much as they can start, so
 * work that waits for a concurrency slot or a rate-limit permit waits here, durably, rather than in
 * memory.
 */
public interface WorkQueue {
  /** Adds the item unless an item with its id is waiting or leased in that queue; true when added. */
  Future<Boolean> enqueue(String queue, WorkItem item);

  /** Leases up to {@code max} items (oldest first), including items whose lease expired. */
  Future<List<WorkItem>> claim(String queue, Instant now, int max, Duration lease);

  /** Removes a finished item. Completing an unknown id does nothing. */
  Future<Void> complete(String queue, String id);

  /** When a leased item of the queue becomes claimable again, if any is leased; waiting items are claimable now. */
  Future<Optional<Instant>> nextVisible(String queue, Instant now);

  /** Items waiting or leased in the queue. */
  Future<Long> size(String queue);
}
