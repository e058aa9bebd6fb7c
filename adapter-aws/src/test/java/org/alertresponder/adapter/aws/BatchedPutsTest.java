package org.alertresponder.adapter.aws;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Unconditional puts made together leave as few BatchWriteItem requests as DynamoDB's limits allow. */
class BatchedPutsTest {
  private final AwsRequestCounter counter = new AwsRequestCounter();
  private DynamoDbAsyncClient client;
  private DynamoDbTable table;
  private Vertx vertx;

  @BeforeEach
  void table() throws Exception {
    client = Dynalite.newClient(counter);
    table = new DynamoDbTable(client, "batched-" + UUID.randomUUID());
    table.createIfMissing().await(60, TimeUnit.SECONDS);
    vertx = Vertx.vertx();
    counter.reset();
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
    client.deleteTable(b -> b.tableName(table.name())).join();
    client.close();
  }

  private static Map<String, AttributeValue> item(String pk, String value) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(DynamoDbTable.PK, AttributeValue.fromS(pk));
    item.put(DynamoDbTable.SK, AttributeValue.fromS("item"));
    item.put("value", AttributeValue.fromS(value));
    return item;
  }

  /** Runs the puts on an event loop, all in one turn, and waits for every one of them. */
  private void putAll(List<Map<String, AttributeValue>> items) throws Exception {
    Promise<Void> done = Promise.promise();
    vertx.runOnContext(v -> {
      List<Future<Void>> puts = new ArrayList<>();
      for (Map<String, AttributeValue> item : items) {
        puts.add(table.putBatched(item));
      }
      Future.all(puts).<Void>mapEmpty().onComplete(done);
    });
    done.future().await(30, TimeUnit.SECONDS);
  }

  private String valueOf(String pk) {
    return client.getItem(b -> b.tableName(table.name()).consistentRead(true)
            .key(Map.of(DynamoDbTable.PK, AttributeValue.fromS(pk), DynamoDbTable.SK, AttributeValue.fromS("item"))))
        .join().item().get("value").s();
  }

  private long batchWrites() {
    return counter.snapshot().getOrDefault(new AwsRequestCounter.Operation("DynamoDb", "BatchWriteItem"), 0L);
  }

  @Test
  void putsMadeTogetherLeaveAsOneRequest() throws Exception {
    putAll(List.of(item("a", "1"), item("b", "2"), item("c", "3")));

    assertThat(batchWrites()).isEqualTo(1);
    assertThat(counter.total()).isEqualTo(1);
    assertThat(List.of(valueOf("a"), valueOf("b"), valueOf("c"))).containsExactly("1", "2", "3");
  }

  @Test
  void moreThanTwentyFivePutsAreSplitAtDynamoDbsLimit() throws Exception {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      items.add(item("item-" + i, "v" + i));
    }

    putAll(items);

    assertThat(batchWrites()).isEqualTo(3);
    assertThat(valueOf("item-0")).isEqualTo("v0");
    assertThat(valueOf("item-59")).isEqualTo("v59");
  }

  @Test
  void twoPutsOfOneKeyInOneBatchBothCompleteAndTheLastWins() throws Exception {
    // DynamoDB refuses a batch that names one key twice; the batch keeps the last put, as separate
    // requests in that order would have left it.
    putAll(List.of(item("same", "first"), item("other", "x"), item("same", "second")));

    assertThat(batchWrites()).isEqualTo(1);
    assertThat(valueOf("same")).isEqualTo("second");
  }
}
