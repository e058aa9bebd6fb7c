package org.alertresponder.adapter.local;

import io.vertx.core.Future;
import org.alertresponder.engine.spi.TimerEntry;
import org.alertresponder.engine.spi.TimerQueue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Timers in memory: at-least-once with leases, lost with the process. */
public final class InMemoryTimerQueue implements TimerQueue {
  private final LeaseQueue<TimerEntry> queue = new LeaseQueue<>();

  @Override
  public Future<Boolean> schedule(TimerEntry entry) {
    return Future.succeededFuture(queue.add(entry.id(), entry, entry.dueAt()));
  }

  @Override
  public Future<List<TimerEntry>> claimDue(Instant now, int max, Duration lease) {
    return Future.succeededFuture(queue.claim(now, max, lease).stream()
        .map(claimed -> claimed.value().withDeliveries(claimed.deliveries()))
        .toList());
  }

  @Override
  public Future<Void> complete(String id) {
    queue.remove(id);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> release(String id, Instant dueAt) {
    queue.release(id, dueAt, null);
    return Future.succeededFuture();
  }

  @Override
  public Future<Optional<Instant>> nextDue() {
    return Future.succeededFuture(queue.nextVisible());
  }

  @Override
  public Future<Long> size() {
    return Future.succeededFuture(queue.size());
  }
}
