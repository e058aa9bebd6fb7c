package org.alertresponder.adapter.local;

import io.vertx.core.Future;
import org.alertresponder.engine.api.Delivery;
import org.alertresponder.engine.api.DeliveryStatus;
import org.alertresponder.engine.api.Page;
import org.alertresponder.engine.spi.Outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The outbox in memory. Delivered and dead deliveries are kept, so enqueueing the same publication
 * again is a no-op; dead letters are listed by id (report ids are time-ordered, so oldest first).
 */
public final class InMemoryOutbox implements Outbox {
  private final Map<String, Delivery> deliveries = new HashMap<>();
  private final Map<String, LeaseQueue<String>> pendingByEmitter = new HashMap<>();
  private final TreeMap<String, Delivery> dead = new TreeMap<>();

  private LeaseQueue<String> queueOf(String emitter) {
    return pendingByEmitter.computeIfAbsent(emitter, e -> new LeaseQueue<>());
  }

  @Override
  public synchronized Future<Boolean> enqueue(Delivery delivery) {
    if (deliveries.containsKey(delivery.id())) {
      return Future.succeededFuture(false);
    }
    deliveries.put(delivery.id(), delivery);
    // A delivery may arrive already attempted: delivered (only kept), or dead (listed with the dead letters).
    switch (delivery.status()) {
      case PENDING -> queueOf(delivery.emitter()).add(delivery.id(), delivery.id(), delivery.nextAttemptAt());
      case DEAD -> dead.put(delivery.id(), delivery);
      case DELIVERED -> { }
    }
    return Future.succeededFuture(true);
  }

  @Override
  public synchronized Future<List<Delivery>> claimDue(String emitter, Instant now, int max, Duration lease) {
    List<Delivery> out = new ArrayList<>();
    for (LeaseQueue.Claimed<String> claimed : queueOf(emitter).claim(now, max, lease)) {
      out.add(deliveries.get(claimed.value()));
    }
    return Future.succeededFuture(out);
  }

  @Override
  public synchronized Future<Void> markDelivered(String id, int attempts, Instant now) {
    Delivery delivery = deliveries.get(id);
    if (delivery != null && delivery.status() == DeliveryStatus.PENDING) {
      deliveries.put(id, delivery.withStatus(DeliveryStatus.DELIVERED, attempts, null,
          delivery.lastError(), now));
      queueOf(delivery.emitter()).remove(id);
    }
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> retryLater(String id, int attempts, Instant nextAttemptAt, String error,
      Instant now) {
    Delivery delivery = deliveries.get(id);
    if (delivery != null && delivery.status() == DeliveryStatus.PENDING) {
      deliveries.put(id, delivery.withStatus(DeliveryStatus.PENDING, attempts, nextAttemptAt, error, now));
      queueOf(delivery.emitter()).release(id, nextAttemptAt, null);
    }
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> markDead(String id, int attempts, String error, Instant now) {
    Delivery delivery = deliveries.get(id);
    if (delivery != null && delivery.status() == DeliveryStatus.PENDING) {
      Delivery deadLetter = delivery.withStatus(DeliveryStatus.DEAD, attempts, null, error, now);
      deliveries.put(id, deadLetter);
      dead.put(id, deadLetter);
      queueOf(delivery.emitter()).remove(id);
    }
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Page<Delivery>> deadLetters(String cursor, int limit) {
    Map<String, Delivery> tail = cursor == null ? dead : dead.tailMap(cursor, false);
    List<Delivery> items = new ArrayList<>(Math.min(limit, tail.size()));
    String next = null;
    for (Delivery delivery : tail.values()) {
      if (items.size() == limit) {
        next = items.get(items.size() - 1).id();
        break;
      }
      items.add(delivery);
    }
    return Future.succeededFuture(new Page<>(items, next));
  }

  @Override
  public synchronized Future<Optional<Delivery>> replay(String id, Instant now) {
    Delivery deadLetter = dead.remove(id);
    if (deadLetter == null) {
      return Future.succeededFuture(Optional.empty());
    }
    Delivery replayed = deadLetter.withStatus(DeliveryStatus.PENDING, 0, now, deadLetter.lastError(), now);
    deliveries.put(id, replayed);
    queueOf(replayed.emitter()).add(id, id, now);
    return Future.succeededFuture(Optional.of(replayed));
  }

  @Override
  public synchronized Future<Optional<Delivery>> get(String id) {
    return Future.succeededFuture(Optional.ofNullable(deliveries.get(id)));
  }

  @Override
  public synchronized Future<Optional<Instant>> nextDue(String emitter) {
    return Future.succeededFuture(queueOf(emitter).nextVisible());
  }

  @Override
  public synchronized Future<Long> pending(String emitter) {
    return Future.succeededFuture(queueOf(emitter).size());
  }
}
