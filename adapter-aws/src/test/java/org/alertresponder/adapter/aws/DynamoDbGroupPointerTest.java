package org.alertresponder.adapter.aws;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.alertresponder.adapter.aws.internal.AwsFutures;
import org.alertresponder.engine.api.Alert;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.ReceivedAlert;
import org.alertresponder.engine.api.ReportHeader;
import org.alertresponder.engine.api.ReportStatus;
import org.alertresponder.engine.internal.Uuid7;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How DynamoDB creates a group's report without reading the group first: the pointer is claimed first,
 * on condition, and only the winner writes the report. The contract suite checks the outcomes; this
 * checks what is written and what it costs, and what happens between the two writes.
 */
class DynamoDbGroupPointerTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private static final Duration WINDOW = Duration.ofHours(3);
  private final AwsRequestCounter counter = new AwsRequestCounter();
  private final AtomicBoolean failBatchWrites = new AtomicBoolean();
  private Vertx vertx;
  private DynamoDbPortsAdapter adapter;
  private DynamoDbReportRepository reports;

  /** Fails every BatchWriteItem while armed, as DynamoDB refusing them would. */
  private final ExecutionInterceptor batchWriteFaults = new ExecutionInterceptor() {
    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      if (failBatchWrites.get() && context.request() instanceof BatchWriteItemRequest) {
        throw SdkClientException.create("injected fault: BatchWriteItem refused");
      }
    }
  };

  @BeforeEach
  void open() throws Exception {
    vertx = Vertx.vertx();
    adapter = new DynamoDbPortsAdapter(Dynalite.newClient(counter, batchWriteFaults), true);
    await(adapter.open(vertx));
    reports = (DynamoDbReportRepository) adapter.reports();
  }

  @AfterEach
  void close() throws Exception {
    failBatchWrites.set(false);
    await(adapter.close());
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  @Test
  void aNewGroupsReportCostsTheConditionalPointerPutAndOneBatchWrite() throws Exception {
    counter.reset();

    assertThat(await(createUnlessOpen(newHeader("group-" + UUID.randomUUID(), T0)))).isPresent();

    assertThat(counter.snapshot()).containsOnly(Map.entry(operation("PutItem"), 1L),
        Map.entry(operation("BatchWriteItem"), 1L));
  }

  @Test
  void aGroupWhoseReportIsOpenCostsOneFailedPutAndGetsNothingWritten() throws Exception {
    String group = "group-" + UUID.randomUUID();
    ReportHeader open = newHeader(group, T0);
    assertThat(await(createUnlessOpen(open))).isPresent();
    ReportHeader candidate = newHeader(group, T0.plusSeconds(60));
    counter.reset();

    assertThat(await(createUnlessOpen(candidate))).isEmpty();

    // The put whose condition failed, and the read telling a lost answer of its own from another's pointer.
    assertThat(counter.snapshot()).containsOnly(Map.entry(operation("PutItem"), 1L),
        Map.entry(operation("GetItem"), 1L));
    assertThat(partition(candidate.id())).isEmpty();
    assertThat(await(reports.current(group))).get().extracting(ReportHeader::id).isEqualTo(open.id());
  }

  @Test
  void aClaimedGroupWhoseReportCannotBeWrittenIsReleasedForTheNextAlert() throws Exception {
    String group = "group-" + UUID.randomUUID();
    failBatchWrites.set(true);

    Throwable failure = failureOf(createUnlessOpen(newHeader(group, T0)));

    assertThat(failure).hasMessageContaining("injected fault");
    assertThat(await(reports.current(group))).isEmpty();
    failBatchWrites.set(false);
    ReportHeader next = newHeader(group, T0.plusSeconds(1));
    assertThat(await(createUnlessOpen(next))).isPresent();
    assertThat(await(reports.current(group))).get().extracting(ReportHeader::id).isEqualTo(next.id());
  }

  @Test
  void aPointerWhoseHeaderIsMissingIsTakenOverOnlyOnceItIsOlderThanAMinute() throws Exception {
    String group = "group-" + UUID.randomUUID();
    // A creator that claimed the group and died before writing its report.
    String dead = Uuid7.at(T0);
    await(AwsFutures.call(() -> adapter.client().putItem(b -> b.tableName(adapter.tableName()).item(Map.of(
        DynamoDbTable.PK, AttributeValue.fromS("group#" + group), DynamoDbTable.SK, AttributeValue.fromS("group"),
        "report_id", AttributeValue.fromS(dead),
        "created_at", AttributeValue.fromN(Long.toString(T0.getEpochSecond() * 1_000_000_000L)))))));

    // Readers wait a moment for the header, then see no report.
    assertThat(await(reports.current(group))).isEmpty();
    ReportHeader tooSoon = newHeader(group, T0.plusSeconds(30));
    assertThat(await(reports.createWithAlert(tooSoon, null, alert(tooSoon), List.of()))).as("its creator may still "
        + "be writing").isEmpty();
    ReportHeader later = newHeader(group, T0.plus(DynamoDbReportRepository.DANGLING_AFTER));
    assertThat(await(reports.createWithAlert(later, null, alert(later), List.of()))).isPresent();

    assertThat(await(reports.current(group))).get().extracting(ReportHeader::id).isEqualTo(later.id());
    assertThat(await(reports.header(tooSoon.id()))).isEmpty();
  }

  /** On a Vert.x context, as the engine calls it, so that the report's puts leave in one batch. */
  private Future<java.util.Optional<org.alertresponder.engine.spi.ReportRepository.AppendResult>> createUnlessOpen(
      ReportHeader header) {
    io.vertx.core.Promise<java.util.Optional<org.alertresponder.engine.spi.ReportRepository.AppendResult>> result =
        io.vertx.core.Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> reports.createUnlessOpen(header, header.createdAt().minus(WINDOW),
        alert(header), List.of()).onComplete(result));
    return result.future();
  }

  private static ReportHeader newHeader(String group, Instant at) {
    return new ReportHeader(Uuid7.at(at), group, "guardduty", "rule-1", "Unusual login", "i-0123456789",
        ReportStatus.OPEN, 0, at, at, 0, 0, at.plus(Duration.ofMinutes(10)), null, 0);
  }

  private static ReceivedAlert alert(ReportHeader header) {
    return new ReceivedAlert(UUID.randomUUID().toString(), header.createdAt(), Alert.builder("guardduty", "rule-1")
        .alertKey("i-0123456789").timestamp(header.createdAt())
        .attribute(Attribute.IPADDR, "source address", "198.51.100.7", Attribute.REMOTE).build());
  }

  private List<Map<String, AttributeValue>> partition(String reportId) throws Exception {
    return await(AwsFutures.call(() -> adapter.client().query(b -> b.tableName(adapter.tableName())
            .consistentRead(true).keyConditionExpression("pk = :pk")
            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("report#" + reportId))))))
        .items();
  }

  private static AwsRequestCounter.Operation operation(String name) {
    return new AwsRequestCounter.Operation("DynamoDb", name);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.await(30, TimeUnit.SECONDS);
  }

  private static Throwable failureOf(Future<?> future) throws Exception {
    try {
      future.await(30, TimeUnit.SECONDS);
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("expected a failure");
  }
}
