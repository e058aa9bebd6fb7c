package org.alertresponder.adapter.aws;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests sent to AWS, per service and operation: what AWS bills. Add it to every client
 * ({@code overrideConfiguration(o -> o.addExecutionInterceptor(counter))}); each attempt counts, retries
 * included, because each is a billed request.
 */
public final class AwsRequestCounter implements ExecutionInterceptor {
  /** A service and one of its operations, e.g. DynamoDB PutItem. */
  public record Operation(String service, String operation) implements Comparable<Operation> {
    @Override
    public int compareTo(Operation other) {
      int byService = service.compareTo(other.service);
      return byService != 0 ? byService : operation.compareTo(other.operation);
    }

    @Override
    public String toString() {
      return service + " " + operation;
    }
  }

  private final Map<Operation, LongAdder> counts = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.DoubleAdder readUnits = new java.util.concurrent.atomic.DoubleAdder();
  private final java.util.concurrent.atomic.DoubleAdder writeUnits = new java.util.concurrent.atomic.DoubleAdder();
  private final LongAdder emptyReceives = new LongAdder();
  private final LongAdder emptyQueries = new LongAdder();

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    Operation operation = new Operation(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
        attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    counts.computeIfAbsent(operation, key -> new LongAdder()).increment();
  }

  /** Asks DynamoDB for the capacity each request consumed (indexes included): what on-demand bills. */
  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
    SdkRequest request = context.request();
    if (request instanceof PutItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
    } else if (request instanceof UpdateItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
    } else if (request instanceof DeleteItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
    } else if (request instanceof GetItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
    } else if (request instanceof QueryRequest r) {
      return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
    } else if (request instanceof BatchGetItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
    } else if (request instanceof BatchWriteItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
    }
    return request;
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    Object response = context.response();
    if (response instanceof PutItemResponse r) {
      addWrite(r.consumedCapacity());
    } else if (response instanceof UpdateItemResponse r) {
      addWrite(r.consumedCapacity());
    } else if (response instanceof DeleteItemResponse r) {
      addWrite(r.consumedCapacity());
    } else if (response instanceof GetItemResponse r) {
      addRead(r.consumedCapacity());
    } else if (response instanceof QueryResponse r && r.count() > 0) {
      addRead(r.consumedCapacity());
    } else if (response instanceof BatchGetItemResponse r && r.hasConsumedCapacity()) {
      r.consumedCapacity().forEach(this::addRead);
    } else if (response instanceof BatchWriteItemResponse r && r.hasConsumedCapacity()) {
      r.consumedCapacity().forEach(this::addWrite);
    }
    if (response instanceof ReceiveMessageResponse received && received.messages().isEmpty()) {
      emptyReceives.increment();
    } else if (response instanceof QueryResponse query && query.count() == 0) {
      emptyQueries.increment();
    }
  }

  private void addRead(ConsumedCapacity capacity) {
    if (capacity != null && capacity.capacityUnits() != null) {
      readUnits.add(capacity.capacityUnits());
    }
  }

  private void addWrite(ConsumedCapacity capacity) {
    if (capacity != null && capacity.capacityUnits() != null) {
      writeUnits.add(capacity.capacityUnits());
    }
  }

  /**
   * DynamoDB read capacity units consumed so far (what on-demand bills as read request units), without
   * queries that found nothing (see {@link #emptyPolls}).
   */
  public double readUnits() {
    return readUnits.sum();
  }

  /** DynamoDB write capacity units consumed so far, indexes included. */
  public double writeUnits() {
    return writeUnits.sum();
  }

  /**
   * SQS receives and DynamoDB queries that found nothing: the cost of an instance looking at its
   * queues and its outbox while idle, which does not grow with the alerts.
   */
  public long emptyPolls() {
    return emptyReceives.sum() + emptyQueries.sum();
  }

  /** SQS receives that found nothing. */
  public long emptyReceives() {
    return emptyReceives.sum();
  }

  /** Requests sent so far, per operation, in a stable order. */
  public Map<Operation, Long> snapshot() {
    Map<Operation, Long> out = new TreeMap<>();
    counts.forEach((operation, count) -> out.put(operation, count.sum()));
    return out;
  }

  /** Every request sent so far. */
  public long total() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  public void reset() {
    counts.clear();
    emptyReceives.reset();
    emptyQueries.reset();
    readUnits.reset();
    writeUnits.reset();
  }
}
