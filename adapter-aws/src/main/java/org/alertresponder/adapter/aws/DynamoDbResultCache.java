package org.alertresponder.adapter.aws;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.alertresponder.adapter.aws.internal.AwsFutures;
import org.alertresponder.adapter.aws.internal.TurnBatch;
import org.alertresponder.engine.spi.InspectionResult;
import org.alertresponder.engine.spi.ResultCache;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.alertresponder.adapter.aws.internal.Items.instant;
import static org.alertresponder.adapter.aws.internal.Items.n;
import static org.alertresponder.adapter.aws.internal.Items.nanos;
import static org.alertresponder.adapter.aws.internal.Items.number;
import static org.alertresponder.adapter.aws.internal.Items.s;
import static org.alertresponder.adapter.aws.internal.Items.string;

/**
 * Inspection results in the shared table, one item per key ({@code cache#<key>}), shared by every
 * instance. Expiry is checked on read against the engine's time; DynamoDB's time to live deletes the
 * item some time after it expired.
 */
public final class DynamoDbResultCache implements ResultCache {
  private final DynamoDbTable table;

  public DynamoDbResultCache(DynamoDbTable table) {
    this.table = table;
  }

  private static Map<String, AttributeValue> key(String key) {
    return Map.of(DynamoDbTable.PK, s("cache#" + key), DynamoDbTable.SK, s("cache"));
  }

  @Override
  public Future<Optional<InspectionResult>> get(String key, Instant now) {
    CompletableFuture<Map<String, AttributeValue>> found = new CompletableFuture<>();
    Context context = Vertx.currentContext();
    // The lookups of one turn of the event loop (a claim of several work items starts them all at once)
    // go out as one BatchGetItem: one request instead of one each.
    lookups.add(new Lookup(key, found));
    return AwsFutures.on(context, found).map(item -> {
      if (item == null || item.isEmpty() || number(item, "expires_at", Long.MIN_VALUE) <= nanos(now)) {
        return Optional.empty();
      }
      return Optional.of(InspectionResult.fromStoredJson(new JsonObject(string(item, "result"))));
    });
  }

  /** A lookup waiting for the next batch. */
  private record Lookup(String key, CompletableFuture<Map<String, AttributeValue>> found) {
  }

  private final TurnBatch<Lookup> lookups = new TurnBatch<>(this::read);

  /**
   * Reads a turn's lookups, a hundred keys a request (DynamoDB's limit), eventually consistent: a miss
   * only costs one more inspector call. Keys DynamoDB leaves unprocessed (throttling) count as misses.
   */
  private void read(List<Lookup> batch) {
    Map<String, List<Lookup>> byKey = new LinkedHashMap<>();
    for (Lookup lookup : batch) {
      byKey.computeIfAbsent("cache#" + lookup.key(), k -> new ArrayList<>()).add(lookup);
    }
    List<String> keys = new ArrayList<>(byKey.keySet());
    for (int from = 0; from < keys.size(); from += 100) {
      List<String> part = keys.subList(from, Math.min(keys.size(), from + 100));
      List<Map<String, AttributeValue>> requested = new ArrayList<>();
      for (String pk : part) {
        requested.add(Map.of(DynamoDbTable.PK, s(pk), DynamoDbTable.SK, s("cache")));
      }
      CompletableFuture<software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse> request;
      try {
        request = table.client().batchGetItem(b -> b.requestItems(Map.of(table.name(),
            KeysAndAttributes.builder().keys(requested).build())));
      } catch (RuntimeException e) {
        request = CompletableFuture.failedFuture(e);
      }
      request.whenComplete((response, failure) -> {
        if (failure != null) {
          part.forEach(pk -> byKey.get(pk).forEach(lookup -> lookup.found().completeExceptionally(failure)));
          return;
        }
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        for (Map<String, AttributeValue> item : response.responses().getOrDefault(table.name(), List.of())) {
          items.put(string(item, DynamoDbTable.PK), item);
        }
        part.forEach(pk -> byKey.get(pk).forEach(lookup -> lookup.found().complete(items.get(pk))));
      });
    }
  }

  @Override
  public Future<Void> put(String key, InspectionResult result, Instant expiresAt) {
    Map<String, AttributeValue> item = new HashMap<>(key(key));
    item.put("result", s(result.toStoredJson().encode()));
    item.put("expires_at", instant(expiresAt));
    // Time to live works in whole seconds and may lag; the exact expiry above is what reads honour.
    item.put(DynamoDbTable.TTL, n(expiresAt.getEpochSecond() + 1));
    return table.putBatched(item);
  }
}
