package org.alertresponder.adapter.aws;

import io.vertx.core.Future;
import org.alertresponder.adapter.aws.internal.AwsFutures;
import org.alertresponder.engine.api.Delivery;
import org.alertresponder.engine.api.DeliveryStatus;
import org.alertresponder.engine.api.Page;
import org.alertresponder.engine.spi.Outbox;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.alertresponder.adapter.aws.DynamoDbTable.PK;
import static org.alertresponder.adapter.aws.DynamoDbTable.QUEUE_INDEX;
import static org.alertresponder.adapter.aws.DynamoDbTable.QUEUE_PK;
import static org.alertresponder.adapter.aws.DynamoDbTable.QUEUE_SK;
import static org.alertresponder.adapter.aws.DynamoDbTable.SK;
import static org.alertresponder.adapter.aws.internal.Items.fromNanos;
import static org.alertresponder.adapter.aws.internal.Items.instant;
import static org.alertresponder.adapter.aws.internal.Items.n;
import static org.alertresponder.adapter.aws.internal.Items.nanos;
import static org.alertresponder.adapter.aws.internal.Items.number;
import static org.alertresponder.adapter.aws.internal.Items.s;
import static org.alertresponder.adapter.aws.internal.Items.string;

/**
 * Deliveries in the shared table, one item each ({@code delivery#<id>}), shared by every instance.
 *
 * <p>A sparse index orders the work: a pending delivery sits under {@code due#<emitter>} by the instant
 * it becomes claimable (its next attempt, or the end of its lease); a dead one under {@code dead} by id;
 * a delivered one leaves the index. A claim reads the index and then moves the delivery's place
 * conditionally on the place it read, so two instances never lease one delivery at once, and a stale
 * index read only costs a failed condition.
 */
public final class DynamoDbOutbox implements Outbox {
  private static final String DEAD = "dead";

  private final DynamoDbTable table;
  private final DynamoDbAsyncClient client;
  private final Duration keepFor;

  /** @param keepFor how long a delivery is kept after its creation (DynamoDB's time to live) */
  public DynamoDbOutbox(DynamoDbTable table, Duration keepFor) {
    this.table = table;
    this.client = table.client();
    this.keepFor = keepFor;
  }

  private static Map<String, AttributeValue> key(String id) {
    return Map.of(PK, s("delivery#" + id), SK, s("delivery"));
  }

  private static String dueQueue(String emitter) {
    return "due#" + emitter;
  }

  /** The place of a pending delivery in its emitter's queue: ordered by time, then id. */
  private static String place(Instant visibleAt, String id) {
    return String.format("%020d#%s", nanos(visibleAt), id);
  }

  @Override
  public Future<Boolean> enqueue(Delivery delivery) {
    Map<String, AttributeValue> item = new HashMap<>(key(delivery.id()));
    item.put("id", s(delivery.id()));
    item.put("emitter", s(delivery.emitter()));
    item.put("report_id", s(delivery.reportId()));
    item.put("version", n(delivery.version()));
    item.put("status", s(delivery.status().wireName()));
    item.put("attempts", n(delivery.attempts()));
    item.put("created_at", instant(delivery.createdAt()));
    item.put("updated_at", instant(delivery.updatedAt()));
    item.put("due_queue", s(dueQueue(delivery.emitter())));
    if (delivery.nextAttemptAt() != null) {
      item.put("next_attempt_at", instant(delivery.nextAttemptAt()));
    }
    if (delivery.lastError() != null) {
      item.put("last_error", s(delivery.lastError()));
    }
    if (delivery.status() == DeliveryStatus.PENDING) {
      item.put(QUEUE_PK, s(dueQueue(delivery.emitter())));
      item.put(QUEUE_SK, s(place(delivery.nextAttemptAt() == null ? delivery.createdAt() : delivery.nextAttemptAt(),
          delivery.id())));
    } else if (delivery.status() == DeliveryStatus.DEAD) {
      item.put(QUEUE_PK, s(DEAD));
      item.put(QUEUE_SK, s(delivery.id()));
    }
    item.put(DynamoDbTable.TTL, n(delivery.createdAt().plus(keepFor).getEpochSecond()));
    return conditional(AwsFutures.call(() -> client.putItem(b -> b.tableName(table.name()).item(item)
        .conditionExpression("attribute_not_exists(pk)"))));
  }

  @Override
  public Future<List<Delivery>> claimDue(String emitter, Instant now, int max, Duration lease) {
    String upper = String.format("%020d", nanos(now) + 1);
    String leasedUntil = nanosPlace(now.plus(lease));
    return AwsFutures.call(() -> client.query(b -> b.tableName(table.name()).indexName(QUEUE_INDEX)
            .keyConditionExpression("queue_pk = :queue AND queue_sk < :upper")
            .expressionAttributeValues(Map.of(":queue", s(dueQueue(emitter)), ":upper", s(upper)))
            .limit(max)))
        .compose(response -> {
          List<Future<Delivery>> claims = new ArrayList<>();
          for (Map<String, AttributeValue> item : response.items()) {
            String id = string(item, "id");
            String seen = string(item, QUEUE_SK);
            claims.add(AwsFutures.call(() -> client.updateItem(b -> b.tableName(table.name()).key(key(id))
                    .updateExpression("SET queue_sk = :leased")
                    .conditionExpression("queue_sk = :seen AND #status = :pending")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":leased", s(leasedUntil + "#" + id), ":seen", s(seen),
                        ":pending", s(DeliveryStatus.PENDING.wireName())))
                    .returnValues(ReturnValue.ALL_NEW)))
                .map(updated -> decode(updated.attributes()))
                .recover(failure -> failure instanceof ConditionalCheckFailedException
                    // Another instance claimed or changed it since the index was read.
                    ? Future.succeededFuture(null) : Future.failedFuture(failure)));
          }
          return Future.all(claims).map(all -> {
            List<Delivery> claimed = new ArrayList<>();
            for (int i = 0; i < claims.size(); i++) {
              Delivery delivery = all.resultAt(i);
              if (delivery != null) {
                claimed.add(delivery);
              }
            }
            return claimed;
          });
        });
  }

  private static String nanosPlace(Instant at) {
    return String.format("%020d", nanos(at));
  }

  @Override
  public Future<Void> markDelivered(String id, int attempts, Instant now) {
    return changePending(id, "SET #status = :status, attempts = :attempts, updated_at = :now "
        + "REMOVE next_attempt_at, queue_pk, queue_sk", Map.of(":status", s(DeliveryStatus.DELIVERED.wireName()),
        ":attempts", n(attempts), ":now", instant(now)));
  }

  @Override
  public Future<Void> retryLater(String id, int attempts, Instant nextAttemptAt, String error, Instant now) {
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":attempts", n(attempts), ":next",
        instant(nextAttemptAt), ":now", instant(now), ":place", s(place(nextAttemptAt, id))));
    String expression = "SET attempts = :attempts, next_attempt_at = :next, updated_at = :now, queue_sk = :place";
    if (error != null) {
      expression += ", last_error = :error";
      values.put(":error", s(error));
    }
    return changePending(id, expression, values);
  }

  @Override
  public Future<Void> markDead(String id, int attempts, String error, Instant now) {
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":status", s(DeliveryStatus.DEAD.wireName()),
        ":attempts", n(attempts), ":now", instant(now), ":dead", s(DEAD), ":id", s(id)));
    String expression = "SET #status = :status, attempts = :attempts, updated_at = :now, queue_pk = :dead, "
        + "queue_sk = :id";
    if (error != null) {
      expression += ", last_error = :error";
      values.put(":error", s(error));
    }
    return changePending(id, expression + " REMOVE next_attempt_at", values);
  }

  /** Applies an update to a pending delivery; a delivery in another state (or none) is left alone. */
  private Future<Void> changePending(String id, String expression, Map<String, AttributeValue> values) {
    Map<String, AttributeValue> all = new HashMap<>(values);
    all.put(":pending", s(DeliveryStatus.PENDING.wireName()));
    return conditional(AwsFutures.call(() -> client.updateItem(b -> b.tableName(table.name()).key(key(id))
        .updateExpression(expression)
        .conditionExpression("#status = :pending")
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(all)))).mapEmpty();
  }

  @Override
  public Future<Page<Delivery>> deadLetters(String cursor, int limit) {
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":dead", s(DEAD)));
    String condition = "queue_pk = :dead";
    if (cursor != null) {
      condition += " AND queue_sk > :cursor";
      values.put(":cursor", s(cursor));
    }
    QueryRequest request = QueryRequest.builder().tableName(table.name()).indexName(QUEUE_INDEX)
        .keyConditionExpression(condition).expressionAttributeValues(values).limit(limit + 1).build();
    return AwsFutures.call(() -> client.query(request)).map(response -> {
      List<Delivery> items = new ArrayList<>();
      for (Map<String, AttributeValue> item : response.items()) {
        items.add(decode(item));
      }
      String next = null;
      if (items.size() > limit) {
        items.remove(items.size() - 1);
        next = items.get(items.size() - 1).id();
      }
      return new Page<>(items, next);
    });
  }

  @Override
  public Future<Optional<Delivery>> replay(String id, Instant now) {
    return AwsFutures.call(() -> client.updateItem(b -> b.tableName(table.name()).key(key(id))
            .updateExpression("SET #status = :pending, attempts = :zero, next_attempt_at = :now, updated_at = :now, "
                + "queue_pk = due_queue, queue_sk = :place")
            .conditionExpression("#status = :dead")
            .expressionAttributeNames(Map.of("#status", "status"))
            .expressionAttributeValues(Map.of(":pending", s(DeliveryStatus.PENDING.wireName()), ":zero", n(0),
                ":now", instant(now), ":place", s(place(now, id)), ":dead", s(DeliveryStatus.DEAD.wireName())))
            .returnValues(ReturnValue.ALL_NEW)))
        .map(updated -> Optional.of(decode(updated.attributes())))
        .recover(failure -> failure instanceof ConditionalCheckFailedException
            ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(failure));
  }

  @Override
  public Future<Optional<Delivery>> get(String id) {
    return AwsFutures.call(() -> client.getItem(b -> b.tableName(table.name()).key(key(id)).consistentRead(true)))
        .map(found -> found.hasItem() && !found.item().isEmpty() ? Optional.of(decode(found.item()))
            : Optional.empty());
  }

  @Override
  public Future<Optional<Instant>> nextDue(String emitter) {
    return AwsFutures.call(() -> client.query(b -> b.tableName(table.name()).indexName(QUEUE_INDEX)
            .keyConditionExpression("queue_pk = :queue")
            .expressionAttributeValues(Map.of(":queue", s(dueQueue(emitter))))
            .limit(1)))
        .map(response -> response.items().isEmpty() ? Optional.empty()
            : Optional.of(fromNanos(Long.parseLong(string(response.items().get(0), QUEUE_SK).substring(0, 20)))));
  }

  @Override
  public Future<Long> pending(String emitter) {
    return countPending(emitter, null, 0);
  }

  private Future<Long> countPending(String emitter, Map<String, AttributeValue> start, long counted) {
    QueryRequest.Builder request = QueryRequest.builder().tableName(table.name()).indexName(QUEUE_INDEX)
        .keyConditionExpression("queue_pk = :queue")
        .expressionAttributeValues(Map.of(":queue", s(dueQueue(emitter))))
        .select(Select.COUNT);
    if (start != null) {
      request.exclusiveStartKey(start);
    }
    QueryRequest built = request.build();
    return AwsFutures.call(() -> client.query(built)).compose(response -> {
      long total = counted + response.count();
      if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
        return Future.succeededFuture(total);
      }
      return countPending(emitter, response.lastEvaluatedKey(), total);
    });
  }

  private static Delivery decode(Map<String, AttributeValue> item) {
    AttributeValue next = item.get("next_attempt_at");
    return new Delivery(string(item, "id"), string(item, "emitter"), string(item, "report_id"),
        (int) number(item, "version", 0), DeliveryStatus.fromWire(string(item, "status")),
        (int) number(item, "attempts", 0), next == null ? null : fromNanos(Long.parseLong(next.n())),
        string(item, "last_error"), fromNanos(number(item, "created_at", 0)),
        fromNanos(number(item, "updated_at", 0)));
  }

  private static Future<Boolean> conditional(Future<?> write) {
    return write.map(true).recover(failure -> failure instanceof ConditionalCheckFailedException
        ? Future.succeededFuture(false) : Future.failedFuture(failure));
  }
}
