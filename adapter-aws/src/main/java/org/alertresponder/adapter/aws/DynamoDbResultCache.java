package org.alertresponder.adapter.aws;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.alertresponder.adapter.aws.internal.AwsFutures;
import org.alertresponder.engine.spi.InspectionResult;
import org.alertresponder.engine.spi.ResultCache;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

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
    // An eventually consistent read is enough: a miss only costs one more inspector call.
    return AwsFutures.call(() -> table.client().getItem(b -> b.tableName(table.name()).key(key(key))))
        .map(found -> {
          if (!found.hasItem() || found.item().isEmpty()
              || number(found.item(), "expires_at", Long.MIN_VALUE) <= nanos(now)) {
            return Optional.empty();
          }
          return Optional.of(InspectionResult.fromStoredJson(new JsonObject(string(found.item(), "result"))));
        });
  }

  @Override
  public Future<Void> put(String key, InspectionResult result, Instant expiresAt) {
    Map<String, AttributeValue> item = new HashMap<>(key(key));
    item.put("result", s(result.toStoredJson().encode()));
    item.put("expires_at", instant(expiresAt));
    // Time to live works in whole seconds and may lag; the exact expiry above is what reads honour.
    item.put(DynamoDbTable.TTL, n(expiresAt.getEpochSecond() + 1));
    return AwsFutures.call(() -> table.client().putItem(b -> b.tableName(table.name()).item(item))).mapEmpty();
  }
}
