package org.alertresponder.adapter.aws.internal;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.spi.Clock;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One SQS queue used as a leased queue of JSON messages with ids: what {@code SqsTimerQueue} and
 * {@code SqsWorkQueue} share.
 *
 * <p>A message is sent with a delay that makes it visible when it is due (SQS allows up to 15 minutes;
 * a message due later is received early and sent again with the rest of its delay). Receiving leases it
 * with the visibility timeout; deleting completes it; a lease that runs out makes it visible again, which
 * is SQS's own redelivery. SQS works in whole seconds, so a message becomes visible up to a second after
 * its due instant, never before.
 *
 * <p>SQS cannot say when its next message becomes visible. This instance keeps a hint of the messages it
 * sent and leased, so that its own work wakes on time; messages other instances sent are found by the
 * engine's periodic poll.
 */
public final class SqsLeasedQueue {
  /** SQS's longest message delay. */
  static final long MAX_DELAY_SECONDS = 900;
  /** SQS's longest visibility timeout. */
  static final long MAX_VISIBILITY_SECONDS = 43_200;
  /** SQS's largest message. */
  static final int MAX_MESSAGE_BYTES = 262_144;
  /** The longest this instance goes without looking at the queue (on the engine's clock). */
  private static final Duration PROBE = Duration.ofMinutes(1);
  /** Hints kept at most; beyond this, the latest are forgotten and found by polling. */
  private static final int MAX_HINTS = 100_000;

  private final SqsAsyncClient client;
  private final String url;
  private final Clock clock;
  /**
   * How often this instance hid a message again because it showed up before it was due (a skewed clock):
   * those receives are not deliveries, so they are taken off SQS's receive count.
   */
  private final Map<String, Integer> earlyReceives = new ConcurrentHashMap<>();
  /**
   * Receipt handles of the messages this instance holds leased, by message id. SQS does not deduplicate,
   * so one id may be held as several messages; completing it deletes them all.
   */
  private final Map<String, List<String>> leased = new ConcurrentHashMap<>();
  private final Map<String, Hint> hintsById = new ConcurrentHashMap<>();
  private final ConcurrentSkipListSet<Hint> hints = new ConcurrentSkipListSet<>();

  /** When a message this instance knows of becomes visible. */
  private record Hint(Instant at, String id) implements Comparable<Hint> {
    @Override
    public int compareTo(Hint other) {
      int byTime = at.compareTo(other.at);
      return byTime != 0 ? byTime : id.compareTo(other.id);
    }
  }

  /** A received message. */
  public record Received(String id, Instant dueAt, JsonObject body, int receiveCount) {
  }

  public SqsLeasedQueue(SqsAsyncClient client, String url, Clock clock) {
    this.client = client;
    this.url = url;
    this.clock = clock;
  }

  public String url() {
    return url;
  }

  /**
   * Sends a message due at {@code dueAt}. The body gets the id and the due instant.
   *
   * @throws IllegalArgumentException (as a failed future) when the message is larger than SQS allows
   */
  public Future<Void> send(String id, Instant dueAt, JsonObject body) {
    String text = body.copy().put("id", id).put("due_at", dueAt.toString()).encode();
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
      return Future.failedFuture(new IllegalArgumentException("message " + id + " is larger than SQS's "
          + MAX_MESSAGE_BYTES + " bytes"));
    }
    Instant now = clock.now();
    long delay = Math.min(MAX_DELAY_SECONDS, secondsUntil(now, dueAt));
    CompletableFuture<Void> sent = new CompletableFuture<>();
    io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
    // Messages sent in the same turn of the event loop (an alert's two timers, a report's work items)
    // leave in one SendMessageBatch: one request instead of one each.
    outgoing.add(new Outgoing(text, (int) delay, sent));
    return AwsFutures.on(context, sent).andThen(ar -> {
      if (ar.succeeded()) {
        hint(id, now.plusSeconds(delay));
      }
    });
  }

  /** A message waiting for the next batch. */
  private record Outgoing(String body, int delaySeconds, CompletableFuture<Void> sent) {
  }

  private final TurnBatch<Outgoing> outgoing = new TurnBatch<>(this::sendBatch);

  /** Sends a turn's messages, ten messages a request (SQS's batch limit). */
  private void sendBatch(List<Outgoing> batch) {
    // SQS limits a batch to ten messages and to 256 KB in all.
    List<List<Outgoing>> parts = new ArrayList<>();
    List<Outgoing> current = new ArrayList<>();
    int bytes = 0;
    for (Outgoing message : batch) {
      int size = message.body().getBytes(StandardCharsets.UTF_8).length;
      if (!current.isEmpty() && (current.size() == 10 || bytes + size > MAX_MESSAGE_BYTES)) {
        parts.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(message);
      bytes += size;
    }
    if (!current.isEmpty()) {
      parts.add(current);
    }
    for (List<Outgoing> part : parts) {
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>(part.size());
      for (int i = 0; i < part.size(); i++) {
        entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(part.get(i).body())
            .delaySeconds(part.get(i).delaySeconds()).build());
      }
      settle(() -> client.sendMessageBatch(b -> b.queueUrl(url).entries(entries)),
          response -> response.successful().stream().map(SendMessageBatchResultEntry::id).toList(),
          SendMessageBatchResponse::failed, part.stream().map(Outgoing::sent).toList(),
          "SQS refused a message for " + url);
    }
  }

  /**
   * Leases up to {@code max} (at most 10) visible messages that are due at {@code now}, earliest due
   * first. A visible message that is not due yet is hidden again until it is (or sent again, if it is due
   * beyond SQS's longest delay).
   */
  public Future<List<Received>> receive(Instant now, int max, Duration lease) {
    int count = Math.max(1, Math.min(10, max));
    int visibility = (int) Math.min(MAX_VISIBILITY_SECONDS, Math.max(1, ceilSeconds(lease)));
    return AwsFutures.call(() -> client.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(count)
            .visibilityTimeout(visibility).waitTimeSeconds(0)
            .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)))
        .compose(response -> {
          List<Received> due = new ArrayList<>();
          List<Future<Void>> deferred = new ArrayList<>();
          for (Message message : response.messages()) {
            JsonObject body = new JsonObject(message.body());
            String id = body.getString("id");
            Instant dueAt = Instant.parse(body.getString("due_at"));
            if (dueAt.isAfter(now)) {
              deferred.add(defer(message, id, dueAt, body, now));
              continue;
            }
            boolean copy = leased.containsKey(id) && due.stream().anyMatch(r -> r.id().equals(id));
            leased.computeIfAbsent(id, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                .add(message.receiptHandle());
            if (copy) {
              // A second copy in the same receive: held with the first, not handed out twice.
              continue;
            }
            hint(id, now.plusSeconds(visibility));
            String receives = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
            body.remove("id");
            body.remove("due_at");
            int deliveries = (receives == null ? 1 : Integer.parseInt(receives)) - earlyReceives.getOrDefault(id, 0);
            due.add(new Received(id, dueAt, body, Math.max(1, deliveries)));
          }
          if (response.messages().isEmpty()) {
            forgetHintsUntil(now);
          }
          due.sort((a, b) -> a.dueAt().compareTo(b.dueAt()));
          return Future.all(deferred).map(due);
        });
  }

  /**
   * Hides a message received before it is due until it is, or sends it again for a longer wait. SQS
   * counts in whole seconds: a message due in less than a second is made visible again at once, and
   * this instance looks for it again exactly when it is due.
   */
  private Future<Void> defer(Message message, String id, Instant dueAt, JsonObject body, Instant now) {
    Duration left = Duration.between(now, dueAt);
    if (left.getSeconds() >= MAX_DELAY_SECONDS) {
      body.remove("id");
      body.remove("due_at");
      return send(id, dueAt, body).compose(v -> AwsFutures.call(() -> client.deleteMessage(b -> b.queueUrl(url)
          .receiptHandle(message.receiptHandle())))).mapEmpty();
    }
    if (earlyReceives.size() >= MAX_HINTS) {
      earlyReceives.clear();
    }
    earlyReceives.merge(id, 1, Integer::sum);
    int hidden = left.compareTo(Duration.ofSeconds(1)) < 0 ? 0 : (int) ceilSeconds(left);
    hint(id, hidden == 0 ? dueAt : now.plusSeconds(hidden));
    return AwsFutures.call(() -> client.changeMessageVisibility(b -> b.queueUrl(url)
        .receiptHandle(message.receiptHandle()).visibilityTimeout(hidden))).mapEmpty();
  }

  /** Deletes a message this instance holds leased; an unknown id does nothing. */
  public Future<Void> delete(String id) {
    earlyReceives.remove(id);
    List<String> handles = leased.remove(id);
    forgetHint(id);
    if (handles == null) {
      return Future.succeededFuture();
    }
    io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
    List<Future<Void>> deletes = new ArrayList<>();
    for (String handle : handles) {
      // Items finished in the same turn of the event loop (a claim's worth, answered together) are
      // deleted by one DeleteMessageBatch.
      CompletableFuture<Void> deleted = new CompletableFuture<>();
      deletions.add(new Deletion(handle, deleted));
      deletes.add(AwsFutures.on(context, deleted));
    }
    return Future.all(deletes).mapEmpty();
  }

  /** A deletion waiting for the next batch. */
  private record Deletion(String receiptHandle, CompletableFuture<Void> deleted) {
  }

  private final TurnBatch<Deletion> deletions = new TurnBatch<>(this::deleteBatch);

  /** Deletes a turn's messages, ten a request (SQS's batch limit). */
  private void deleteBatch(List<Deletion> batch) {
    for (int from = 0; from < batch.size(); from += 10) {
      List<Deletion> part = batch.subList(from, Math.min(batch.size(), from + 10));
      List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(part.size());
      for (int i = 0; i < part.size(); i++) {
        entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
            .receiptHandle(part.get(i).receiptHandle()).build());
      }
      settle(() -> client.deleteMessageBatch(b -> b.queueUrl(url).entries(entries)),
          response -> response.successful().stream().map(DeleteMessageBatchResultEntry::id).toList(),
          DeleteMessageBatchResponse::failed, part.stream().map(Deletion::deleted).toList(),
          "SQS refused to delete a message of " + url);
    }
  }

  /**
   * Sends one batch request and completes each entry's future as SQS answered it: the entries' ids are
   * their indexes in {@code done}; a failed request fails them all.
   *
   * @param refusal what an entry SQS refused fails with, before SQS's code and message
   */
  private static <R> void settle(Supplier<CompletableFuture<R>> request, Function<R, List<String>> succeeded,
                                 Function<R, List<BatchResultErrorEntry>> failed, List<CompletableFuture<Void>> done,
                                 String refusal) {
    CompletableFuture<R> sent;
    try {
      sent = request.get();
    } catch (RuntimeException e) {
      // The SDK validates some requests before it returns a future.
      sent = CompletableFuture.failedFuture(e);
    }
    sent.whenComplete((response, failure) -> {
      if (failure != null) {
        done.forEach(entry -> entry.completeExceptionally(failure));
        return;
      }
      succeeded.apply(response).forEach(id -> done.get(Integer.parseInt(id)).complete(null));
      failed.apply(response).forEach(refused -> done.get(Integer.parseInt(refused.id())).completeExceptionally(
          new IllegalStateException(refusal + ": " + refused.code() + " " + refused.message())));
    });
  }

  /** Makes a message this instance holds leased visible again at {@code visibleAt}. */
  public Future<Void> release(String id, Instant visibleAt) {
    List<String> handles = leased.remove(id);
    if (handles == null) {
      return Future.succeededFuture();
    }
    Instant now = clock.now();
    int seconds = (int) Math.min(MAX_VISIBILITY_SECONDS, secondsUntil(now, visibleAt));
    List<Future<Void>> changes = new ArrayList<>();
    for (String handle : handles) {
      changes.add(AwsFutures.call(() -> client.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(handle)
          .visibilityTimeout(seconds))).mapEmpty());
    }
    return Future.all(changes).andThen(ar -> hint(id, now.plusSeconds(seconds))).mapEmpty();
  }

  /**
   * When to look again: when the next message this instance knows of becomes visible, and at the latest
   * a minute from now, so that messages only other instances (or an earlier run) know of are found even
   * where the engine does not poll.
   */
  public Optional<Instant> nextVisible() {
    Instant probe = clock.now().plus(PROBE);
    Hint first = hints.isEmpty() ? null : hints.first();
    return Optional.of(first == null || first.at().isAfter(probe) ? probe : first.at());
  }

  /** Messages waiting, delayed or leased (SQS's approximate counts). */
  public Future<Long> size() {
    return AwsFutures.call(() -> client.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)))
        .map(response -> {
          long total = 0;
          for (String value : response.attributesAsStrings().values()) {
            total += Long.parseLong(value);
          }
          return total;
        });
  }

  private void hint(String id, Instant at) {
    Hint next = new Hint(at, id);
    Hint previous = hintsById.put(id, next);
    if (previous != null) {
      hints.remove(previous);
    }
    hints.add(next);
    while (hints.size() > MAX_HINTS) {
      Hint last = hints.pollLast();
      if (last != null) {
        hintsById.remove(last.id(), last);
      }
    }
  }

  private void forgetHint(String id) {
    Hint previous = hintsById.remove(id);
    if (previous != null) {
      hints.remove(previous);
    }
  }

  /**
   * Nothing was visible: the hinted messages due by now were taken by another instance (or SQS is a
   * little late, and the periodic poll finds them). Forgetting them keeps this instance from polling in
   * a tight loop.
   */
  private void forgetHintsUntil(Instant now) {
    while (!hints.isEmpty()) {
      Hint first = hints.first();
      if (first.at().isAfter(now)) {
        return;
      }
      if (hints.remove(first)) {
        hintsById.remove(first.id(), first);
      }
    }
  }

  private static long secondsUntil(Instant now, Instant at) {
    return Math.max(0, ceilSeconds(Duration.between(now, at)));
  }

  private static long ceilSeconds(Duration duration) {
    long seconds = duration.getSeconds();
    return duration.getNano() > 0 ? seconds + 1 : seconds;
  }
}
