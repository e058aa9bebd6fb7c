package org.alertresponder.engine.spi;

import io.vertx.core.Future;
import org.alertresponder.engine.api.Delivery;
import org.alertresponder.engine.api.Page;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable deliveries of publications to emitters, with retry state and a dead-letter list.
 *
 * <p>A delivery's id is {@code <report>:<version>:<emitter>}; enqueueing is idempotent on it and a
 * delivered or dead delivery is kept, so re-enqueueing after a crash never sends twice what was
 * already sent.
 */
public interface Outbox {
  /**
   * Adds a delivery unless one with its id exists in any state; true when added. It is stored in the
   * state given: a pending one is claimable from its next attempt on; one whose first attempt was made
   * before it was stored (by the instance that published it) may arrive delivered, which is only kept,
   * or dead, which is listed with the dead letters.
   */
  Future<Boolean> enqueue(Delivery delivery);

  /**
   * Leases up to {@code max} pending deliveries of one emitter whose next attempt is due at {@code now}
   * (oldest due first), including leased ones whose lease expired.
   */
  Future<List<Delivery>> claimDue(String emitter, Instant now, int max, Duration lease);

  /** Marks a pending delivery delivered after {@code attempts} calls. */
  Future<Void> markDelivered(String id, int attempts, Instant now);

  /**
   * Records a failed attempt and when to try again; the delivery stays pending. Like
   * {@link #markDelivered} and {@link #markDead}, it changes only a pending delivery.
   */
  Future<Void> retryLater(String id, int attempts, Instant nextAttemptAt, String error, Instant now);

  /** Moves a delivery to the dead letters. */
  Future<Void> markDead(String id, int attempts, String error, Instant now);

  /**
   * Dead letters in delivery-id order — report id (time-ordered), then version, then emitter — which is
   * oldest publication first; {@code limit} per page. The cursor is the last id of the previous page;
   * {@code nextCursor} is null when nothing follows (an adapter may instead end with an empty page).
   */
  Future<Page<Delivery>> deadLetters(String cursor, int limit);

  /**
   * Moves a dead letter back to pending, due at {@code now} with its attempts reset. Empty when no dead
   * letter has that id.
   */
  Future<Optional<Delivery>> replay(String id, Instant now);

  /** One delivery in any state. */
  Future<Optional<Delivery>> get(String id);

  /** When the emitter's next pending delivery is due (or a lease ends), if any is pending. */
  Future<Optional<Instant>> nextDue(String emitter);

  /** Pending deliveries of the emitter. */
  Future<Long> pending(String emitter);
}
