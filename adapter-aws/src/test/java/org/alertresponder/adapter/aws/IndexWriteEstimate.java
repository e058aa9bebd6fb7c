package org.alertresponder.adapter.aws;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The index writes DynamoDB bills for this adapter's writes, which the emulator leaves out of the
 * capacity it reports: DynamoDB writes a global secondary index when a write puts an item into it,
 * removes one from it, moves its index key (a removal and a put: two) or changes an attribute it
 * projects. The rules below follow the adapter's items (adapter-aws/README.md) and count conservatively:
 * every header rewrite is taken to change the projected status, and every item write is at most 1 KB.
 */
final class IndexWriteEstimate implements ExecutionInterceptor {
  private final LongAdder units = new LongAdder();

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    Object request = context.request();
    if (request instanceof PutItemRequest put) {
      countPut(put.item());
    } else if (request instanceof BatchWriteItemRequest batch) {
      // Every request of a batch is counted, retried unprocessed items included: conservative again.
      for (List<WriteRequest> writes : batch.requestItems().values()) {
        for (WriteRequest write : writes) {
          if (write.putRequest() != null) {
            countPut(write.putRequest().item());
          }
        }
      }
    } else if (request instanceof UpdateItemRequest update && update.updateExpression() != null) {
      String expression = update.updateExpression();
      String sortKey = update.key().get(DynamoDbTable.SK).s();
      if (sortKey.equals("header") && expression.contains("#status")) {
        // The reports index projects the status.
        units.increment();
      } else if (sortKey.equals("delivery") && expression.contains("REMOVE") && expression.contains("queue_pk")) {
        // A delivered delivery leaves the queue index.
        units.increment();
      } else if (sortKey.equals("delivery") && expression.contains("queue_sk =")) {
        // A lease, a retry or a dead letter moves the delivery within the queue index.
        units.add(2);
      }
    }
  }

  private void countPut(Map<String, AttributeValue> item) {
    if (item.containsKey(DynamoDbTable.LIST_PK) || item.containsKey(DynamoDbTable.QUEUE_PK)) {
      units.increment();
    }
  }

  double writeUnits() {
    return units.sum();
  }

  void reset() {
    units.reset();
  }
}
