package org.alertresponder.adapter.aws;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.alertresponder.adapter.aws.internal.SqsLeasedQueue;
import org.alertresponder.engine.spi.TimerEntry;
import org.alertresponder.engine.spi.TimerQueue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Durable timers as SQS messages, shared by every instance: a timer is a message delayed until it is
 * due (longer waits are sent again with the rest), claiming leases it with the visibility timeout, and
 * SQS's redrive policy moves a timer that keeps failing to the dead-letter queue.
 *
 * <p>Unlike a table, SQS does not deduplicate by id: scheduling the same timer twice may fire it twice,
 * which the engine's handlers tolerate (they are idempotent). {@link #schedule} therefore always answers
 * true, and {@link #size} is SQS's approximate count.
 */
public final class SqsTimerQueue implements TimerQueue {
  private final SqsLeasedQueue queue;

  public SqsTimerQueue(SqsLeasedQueue queue) {
    this.queue = queue;
  }

  @Override
  public Future<Boolean> schedule(TimerEntry entry) {
    JsonObject body = new JsonObject().put("kind", entry.kind()).put("payload", entry.payload().copy());
    return queue.send(entry.id(), entry.dueAt(), body).map(true);
  }

  @Override
  public Future<List<TimerEntry>> claimDue(Instant now, int max, Duration lease) {
    return queue.receive(now, max, lease).map(received -> {
      List<TimerEntry> entries = new ArrayList<>(received.size());
      for (SqsLeasedQueue.Received message : received) {
        entries.add(new TimerEntry(message.id(), message.body().getString("kind"), message.dueAt(),
            message.body().getJsonObject("payload"), message.receiveCount()));
      }
      return entries;
    });
  }

  @Override
  public Future<Void> complete(String id) {
    return queue.delete(id);
  }

  @Override
  public Future<Void> release(String id, Instant dueAt) {
    return queue.release(id, dueAt);
  }

  @Override
  public Future<Optional<Instant>> nextDue() {
    return Future.succeededFuture(queue.nextVisible());
  }

  @Override
  public Future<Long> size() {
    return queue.size();
  }
}
