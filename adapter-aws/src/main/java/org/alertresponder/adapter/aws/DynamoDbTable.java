package org.alertresponder.adapter.aws;

import io.vertx.core.Future;
import org.alertresponder.adapter.aws.internal.AwsFutures;
import org.alertresponder.adapter.aws.internal.BatchedPuts;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one DynamoDB table every port shares (single-table design, see adapter-aws/README.md): its name,
 * its key and index names, and how to create it where no template did (tests, a developer's emulator).
 */
public final class DynamoDbTable {
  /** Partition key of every item. */
  public static final String PK = "pk";
  /** Sort key of every item. */
  public static final String SK = "sk";
  /** The index that lists report headers newest first, spread over {@link #LIST_SHARDS} partitions. */
  public static final String LIST_INDEX = "reports-by-id";
  public static final String LIST_PK = "list_pk";
  public static final String LIST_SK = "list_sk";
  /**
   * Report headers are spread over this many index partitions, so that creating reports is not limited
   * by one partition's write rate; a listing queries every shard and merges them.
   */
  public static final int LIST_SHARDS = 4;
  /**
   * The sparse index of deliveries: pending ones by emitter and the time they become claimable, dead
   * ones in id order. Delivered ones leave it.
   */
  public static final String QUEUE_INDEX = "deliveries-by-queue";
  public static final String QUEUE_PK = "queue_pk";
  public static final String QUEUE_SK = "queue_sk";
  /** The time-to-live attribute: seconds since the epoch, as DynamoDB's TTL expects. */
  public static final String TTL = "expires";

  private final DynamoDbAsyncClient client;
  private final String name;
  private final BatchedPuts puts;

  public DynamoDbTable(DynamoDbAsyncClient client, String name) {
    this.client = client;
    this.name = name;
    this.puts = new BatchedPuts(client, name);
  }

  /**
   * Puts an item without condition, in one BatchWriteItem with the other such puts of the next few
   * milliseconds (every port's, since they share the table). For writes that need no condition and no
   * answer.
   */
  public Future<Void> putBatched(Map<String, AttributeValue> item) {
    return puts.put(item);
  }

  /** Every item a query returns, following its pages. */
  public Future<List<Map<String, AttributeValue>>> queryAll(QueryRequest request) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    return queryPage(request, items).map(items);
  }

  private Future<Void> queryPage(QueryRequest request, List<Map<String, AttributeValue>> items) {
    return AwsFutures.call(() -> client.query(request)).compose((QueryResponse response) -> {
      items.addAll(response.items());
      if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
        return Future.succeededFuture();
      }
      return queryPage(request.toBuilder().exclusiveStartKey(response.lastEvaluatedKey()).build(), items);
    });
  }

  public DynamoDbAsyncClient client() {
    return client;
  }

  public String name() {
    return name;
  }

  /**
   * Creates the table (on demand, with its index) unless it exists. Production tables come from the
   * CloudFormation template in config/aws/, which also turns on time to live.
   */
  public Future<Void> createIfMissing() {
    return AwsFutures.call(() -> client.createTable(b -> b.tableName(name)
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .attributeDefinitions(
                AttributeDefinition.builder().attributeName(PK).attributeType(ScalarAttributeType.S).build(),
                AttributeDefinition.builder().attributeName(SK).attributeType(ScalarAttributeType.S).build(),
                AttributeDefinition.builder().attributeName(LIST_PK).attributeType(ScalarAttributeType.S).build(),
                AttributeDefinition.builder().attributeName(LIST_SK).attributeType(ScalarAttributeType.S).build(),
                AttributeDefinition.builder().attributeName(QUEUE_PK).attributeType(ScalarAttributeType.S).build(),
                AttributeDefinition.builder().attributeName(QUEUE_SK).attributeType(ScalarAttributeType.S).build())
            .keySchema(KeySchemaElement.builder().attributeName(PK).keyType(KeyType.HASH).build(),
                KeySchemaElement.builder().attributeName(SK).keyType(KeyType.RANGE).build())
            .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(LIST_INDEX)
                .keySchema(KeySchemaElement.builder().attributeName(LIST_PK).keyType(KeyType.HASH).build(),
                    KeySchemaElement.builder().attributeName(LIST_SK).keyType(KeyType.RANGE).build())
                .projection(Projection.builder().projectionType(ProjectionType.INCLUDE)
                    .nonKeyAttributes("status", "severity", "detector", "created_at").build())
                .build(),
                GlobalSecondaryIndex.builder().indexName(QUEUE_INDEX)
                .keySchema(KeySchemaElement.builder().attributeName(QUEUE_PK).keyType(KeyType.HASH).build(),
                    KeySchemaElement.builder().attributeName(QUEUE_SK).keyType(KeyType.RANGE).build())
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build())))
        .<Void>mapEmpty()
        .recover(failure -> failure instanceof ResourceInUseException ? Future.succeededFuture()
            : Future.failedFuture(failure))
        // A new table takes a moment to become active; requests before that fail with "not found".
        .compose(v -> AwsFutures.call(() -> client.waiter().waitUntilTableExists(b -> b.tableName(name),
            o -> o.maxAttempts(300).backoffStrategy(
                software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy.create(java.time.Duration.ofMillis(100))))))
        .mapEmpty();
  }
}
