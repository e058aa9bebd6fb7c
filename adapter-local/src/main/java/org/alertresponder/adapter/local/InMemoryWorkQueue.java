package org.alertresponder.adapter.local;

import io.vertx.core.Future;
import org.alertresponder.engine.spi.WorkItem;
import org.alertresponder.engine.spi.WorkQueue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Named work queues in memory: at-least-once with leases, lost with the process. */
public final class InMemoryWorkQueue implements WorkQueue {
  private final Map<String, LeaseQueue<WorkItem>> queues = new ConcurrentHashMap<>();

  private LeaseQueue<WorkItem> queue(String name) {
    return queues.computeIfAbsent(name, n -> new LeaseQueue<>());
  }

  @Override
  public Future<Boolean> enqueue(String queue, WorkItem item) {
    // Never-claimed items are visible from the start of time, so they sort before expired leases.
    return Future.succeededFuture(queue(queue).add(item.id(), item, Instant.MIN));
  }

  @Override
  public Future<List<WorkItem>> claim(String queue, Instant now, int max, Duration lease) {
    return Future.succeededFuture(queue(queue).claim(now, max, lease).stream()
        .map(claimed -> claimed.value().withDeliveries(claimed.deliveries()))
        .toList());
  }

  @Override
  public Future<Void> complete(String queue, String id) {
    queue(queue).remove(id);
    return Future.succeededFuture();
  }

  @Override
  public Future<Optional<Instant>> nextVisible(String queue, Instant now) {
    return Future.succeededFuture(queue(queue).nextVisible().map(at -> at.isBefore(now) ? now : at));
  }

  @Override
  public Future<Long> size(String queue) {
    return Future.succeededFuture(queue(queue).size());
  }
}
