package org.alertresponder.adapter.aws.internal;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.alertresponder.adapter.aws.DynamoDbTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Unconditional puts into one table, the puts of a few milliseconds sent together as BatchWriteItem
 * requests of up to 25 items: one request instead of one per item (billed capacity is the same). Only for
 * writes that need no condition and no answer, such as an inspection outcome or a cached result: a
 * BatchWriteItem takes neither.
 */
public final class BatchedPuts {
  /** DynamoDB's limit of items per BatchWriteItem. */
  private static final int MAX_ITEMS = 25;
  /**
   * How long the first put of a batch waits for others: inspection outcomes and cached results of one
   * claim arrive within milliseconds of each other, each in its own turn of the event loop.
   */
  private static final Duration LINGER = Duration.ofMillis(5);
  /** Rounds of unprocessed items (throttling) before the puts fail and their callers retry. */
  private static final int MAX_ROUNDS = 10;

  private final DynamoDbAsyncClient client;
  private final String table;
  private final TurnBatch<Put> waiting = new TurnBatch<>(this::send, LINGER);

  public BatchedPuts(DynamoDbAsyncClient client, String table) {
    this.client = client;
    this.table = table;
  }

  /** A put waiting for its batch. */
  private record Put(Map<String, AttributeValue> item, CompletableFuture<Void> done) {
  }

  /**
   * Puts the item (replacing any item with its key), with the other puts of this turn; completes on the
   * caller's context once DynamoDB has stored it.
   */
  public Future<Void> put(Map<String, AttributeValue> item) {
    Context context = Vertx.currentContext();
    CompletableFuture<Void> done = new CompletableFuture<>();
    waiting.add(new Put(Map.copyOf(item), done));
    return AwsFutures.on(context, done);
  }

  private void send(List<Put> batch) {
    // A batch may not hold two puts of one key: the last one wins, as it would have one request each.
    Map<Map<String, AttributeValue>, List<Put>> byKey = new LinkedHashMap<>();
    for (Put put : batch) {
      byKey.computeIfAbsent(Map.of(DynamoDbTable.PK, put.item().get(DynamoDbTable.PK), DynamoDbTable.SK,
          put.item().get(DynamoDbTable.SK)), k -> new ArrayList<>())
          .add(put);
    }
    List<List<Put>> groups = new ArrayList<>(byKey.values());
    for (int from = 0; from < groups.size(); from += MAX_ITEMS) {
      List<List<Put>> part = groups.subList(from, Math.min(groups.size(), from + MAX_ITEMS));
      List<WriteRequest> requests = new ArrayList<>(part.size());
      for (List<Put> sameKey : part) {
        Map<String, AttributeValue> last = sameKey.get(sameKey.size() - 1).item();
        requests.add(WriteRequest.builder().putRequest(PutRequest.builder().item(last).build()).build());
      }
      write(requests, 0).whenComplete((v, failure) -> part.forEach(sameKey -> sameKey.forEach(put -> {
        if (failure != null) {
          put.done().completeExceptionally(failure);
        } else {
          put.done().complete(null);
        }
      })));
    }
  }

  /** Writes the requests, asking again for those DynamoDB left unprocessed, a little later each round. */
  private CompletableFuture<Void> write(List<WriteRequest> requests, int round) {
    CompletableFuture<BatchWriteItemResponse> response;
    try {
      response = client.batchWriteItem(b -> b.requestItems(Map.of(table, requests)));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return response.thenCompose(answer -> {
      List<WriteRequest> left = answer.unprocessedItems().getOrDefault(table, List.of());
      if (left.isEmpty()) {
        return CompletableFuture.completedFuture(null);
      }
      if (round + 1 >= MAX_ROUNDS) {
        return CompletableFuture.failedFuture(new IllegalStateException(
            "DynamoDB left items unprocessed " + MAX_ROUNDS + " times in a row"));
      }
      Duration wait = Duration.ofMillis(25L << round);
      return CompletableFuture.supplyAsync(() -> null,
              CompletableFuture.delayedExecutor(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
          .thenCompose(v -> write(left, round + 1));
    });
  }
}
