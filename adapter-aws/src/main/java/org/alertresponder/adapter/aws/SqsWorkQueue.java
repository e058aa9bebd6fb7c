package org.alertresponder.adapter.aws;

import io.vertx.core.Future;
import org.alertresponder.adapter.aws.internal.AwsFutures;
import org.alertresponder.adapter.aws.internal.SqsLeasedQueue;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.engine.spi.WorkItem;
import org.alertresponder.engine.spi.WorkQueue;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Named work queues as SQS queues, one per name ({@code <prefix><name>}, one per inspector), shared by
 * every instance: each instance claims only what it can start, so the rest waits in SQS, not in memory.
 *
 * <p>Inspectors come and go with the configuration, so their queues are created on first use
 * (CreateQueue is idempotent: it returns the URL of a queue that exists), with a redrive policy to the
 * dead-letter queue when one is given. Like {@link SqsTimerQueue}, enqueueing does not deduplicate by id:
 * an item enqueued twice may run twice.
 */
public final class SqsWorkQueue implements WorkQueue {
  private final SqsAsyncClient client;
  private final String prefix;
  private final Clock clock;
  private final Function<String, Future<String>> resolveUrl;
  private final Map<String, SqsLeasedQueue> queues = new ConcurrentHashMap<>();

  /**
   * @param deadLetterArn     the dead-letter queue of the work queues, or null
   * @param maxReceives       receives before SQS moves an item to the dead-letter queue
   */
  public SqsWorkQueue(SqsAsyncClient client, String prefix, Clock clock, String deadLetterArn, int maxReceives) {
    this.client = client;
    this.prefix = prefix;
    this.clock = clock;
    // Look the queue up first: CreateQueue fails when an existing queue's attributes differ (an operator
    // changed its redrive policy, a deploy changed max-receives), which must not stop an inspector.
    this.resolveUrl = name -> AwsFutures.call(() -> client.getQueueUrl(b -> b.queueName(name)))
        .map(found -> found.queueUrl())
        .recover(failure -> failure instanceof QueueDoesNotExistException
            ? createQueue(name, deadLetterArn, maxReceives) : Future.failedFuture(failure));
  }

  private Future<String> createQueue(String name, String deadLetterArn, int maxReceives) {
    Map<QueueAttributeName, String> attributes = new java.util.HashMap<>();
    if (deadLetterArn != null) {
      attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + deadLetterArn
          + "\",\"maxReceiveCount\":\"" + maxReceives + "\"}");
    }
    return AwsFutures.call(() -> client.createQueue(b -> b.queueName(name).attributes(attributes)))
        .map(r -> r.queueUrl());
  }

  /**
   * The queue of a name. Its URL is resolved once; a resolved queue is returned as a plain succeeded
   * future, so that what follows runs on the caller's context (a shared cached future would carry the
   * context of whoever resolved it first).
   */
  private Future<SqsLeasedQueue> queue(String name) {
    SqsLeasedQueue known = queues.get(name);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    return resolveUrl.apply(prefix + name).map(url -> queues.computeIfAbsent(name,
        key -> new SqsLeasedQueue(client, url, clock)));
  }

  @Override
  public Future<Boolean> enqueue(String queue, WorkItem item) {
    return queue(queue).compose(q -> q.send(item.id(), clock.now(),
        new io.vertx.core.json.JsonObject().put("payload", item.payload().copy()))).map(true);
  }

  @Override
  public Future<List<WorkItem>> claim(String queue, Instant now, int max, Duration lease) {
    return queue(queue).compose(q -> q.receive(now, max, lease)).map(received -> {
      List<WorkItem> items = new ArrayList<>(received.size());
      for (SqsLeasedQueue.Received message : received) {
        items.add(new WorkItem(message.id(), message.body().getJsonObject("payload"), message.receiveCount()));
      }
      return items;
    });
  }

  @Override
  public Future<Void> complete(String queue, String id) {
    return queue(queue).compose(q -> q.delete(id));
  }

  @Override
  public Future<Optional<Instant>> nextVisible(String queue, Instant now) {
    return queue(queue).map(SqsLeasedQueue::nextVisible);
  }

  @Override
  public Future<Long> size(String queue) {
    return queue(queue).compose(SqsLeasedQueue::size);
  }
}
