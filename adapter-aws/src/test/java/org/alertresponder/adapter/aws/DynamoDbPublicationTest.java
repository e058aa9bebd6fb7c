package org.alertresponder.adapter.aws;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.alertresponder.engine.api.Alert;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.ReceivedAlert;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportHeader;
import org.alertresponder.engine.api.ReportStatus;
import org.alertresponder.engine.api.Verdict;
import org.alertresponder.tck.ports.ReportRepositoryContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where DynamoDB keeps a publication: a small first one inside the header, written by the very update
 * that commits it (one request); any other in parts of its own partition, written before the commit.
 * {@link ReportRepositoryContract} checks that both read back exactly.
 */
class DynamoDbPublicationTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private final AwsRequestCounter counter = new AwsRequestCounter();
  private Vertx vertx;
  private DynamoDbPortsAdapter adapter;
  private DynamoDbReportRepository reports;

  @BeforeEach
  void open() throws Exception {
    vertx = Vertx.vertx();
    adapter = new DynamoDbPortsAdapter(Dynalite.newClient(counter), true);
    await(adapter.open(vertx));
    reports = (DynamoDbReportRepository) adapter.reports();
  }

  @AfterEach
  void close() throws Exception {
    await(adapter.close());
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  @Test
  void aSmallFirstPublicationIsCommittedWithTheHeaderInOneRequest() throws Exception {
    Published published = publish(1, 1);

    assertThat(published.requests()).isEqualTo(Map.of(new AwsRequestCounter.Operation("DynamoDb", "UpdateItem"), 1L));
    assertThat(snapshotParts(published.snapshot().id())).isEmpty();
    assertThat(await(reports.publication(published.snapshot().id(), 1))).contains(published.snapshot());
  }

  @Test
  void aFirstPublicationBeyondTheInlineLimitIsStoredInPartsBeforeTheCommit() throws Exception {
    Published published = publish(1, 60);

    assertThat(published.requests()).containsEntry(new AwsRequestCounter.Operation("DynamoDb", "PutItem"), 1L)
        .containsEntry(new AwsRequestCounter.Operation("DynamoDb", "UpdateItem"), 1L);
    assertThat(snapshotParts(published.snapshot().id())).hasSize(1);
    assertThat(await(reports.publication(published.snapshot().id(), 1))).contains(published.snapshot());
  }

  @Test
  void aLaterPublicationIsStoredInPartsSoThatTheHeaderHoldsAtMostOne() throws Exception {
    Published first = publish(1, 1);
    ReportHeader header = await(reports.header(first.snapshot().id())).orElseThrow();
    ReportHeader reopened = header.withStatus(ReportStatus.OPEN);
    assertThat(await(reports.update(reopened, header.revision()))).isTrue();
    reopened = reopened.withRevision(header.revision() + 1);
    Report second = new Report(reopened.id(), reopened.groupKey(), reopened.detector(), reopened.ruleId(),
        reopened.ruleName(), reopened.alertKey(), ReportStatus.REVIEWING, 2, reopened.createdAt(),
        reopened.updatedAt(), first.snapshot().alerts(), List.of(), List.of(), List.of(), List.of(), 0, null,
        first.snapshot().verdicts()).published(2, Verdict.safe("still fine"), T0.plusSeconds(1200));

    assertThat(await(reports.publish(reopened.withPublication(2, Verdict.safe("still fine"), reopened.alertCount())
        .withStatus(ReportStatus.PUBLISHED), reopened.revision(), second))).isTrue();

    assertThat(snapshotParts(first.snapshot().id())).hasSize(1);
    assertThat(await(reports.publication(first.snapshot().id(), 1))).contains(first.snapshot());
    assertThat(await(reports.publication(first.snapshot().id(), 2))).contains(second);
  }

  private record Published(Report snapshot, Map<AwsRequestCounter.Operation, Long> requests) {
  }

  /** Publishes a new report of {@code alerts} alerts as {@code version}; the requests the publish took. */
  private Published publish(int version, int alerts) throws Exception {
    String id = org.alertresponder.engine.internal.Uuid7.at(T0);
    ReportHeader header = new ReportHeader(id, "group-" + UUID.randomUUID(), "guardduty", "rule-1", "Unusual login",
        "i-0123456789", ReportStatus.OPEN, 0, T0, T0, 0, 0, T0.plus(Duration.ofMinutes(10)), null, 0);
    assertThat(await(reports.create(header, null))).isTrue();
    List<ReceivedAlert> received = new ArrayList<>();
    ReportHeader current = header;
    for (int i = 0; i < alerts; i++) {
      // Unique ids and bodies compress poorly, so sixty alerts make a snapshot of several kilobytes.
      String alertId = UUID.randomUUID().toString();
      ReceivedAlert alert = new ReceivedAlert(alertId, T0.plusSeconds(i + 1), Alert.builder("guardduty", "rule-1")
          .alertKey("i-0123456789").timestamp(T0.plusSeconds(i + 1))
          .attribute(Attribute.IPADDR, "source address", "198.51.100.7", Attribute.REMOTE)
          .body(new io.vertx.core.json.JsonObject().put("id", alertId)).build());
      current = await(reports.appendAlert(id, alert)).header();
      received.add(alert);
    }
    Verdict verdict = Verdict.urgent("known bad address");
    Report snapshot = new Report(id, current.groupKey(), current.detector(), current.ruleId(), current.ruleName(),
        current.alertKey(), ReportStatus.REVIEWING, version, current.createdAt(), current.updatedAt(), received,
        List.of(), List.of(), List.of(), List.of(), 0, null, List.of()).published(version, verdict, T0.plusSeconds(600));
    counter.reset();
    assertThat(await(reports.publish(current.withPublication(version, verdict, current.alertCount())
        .withStatus(ReportStatus.PUBLISHED), current.revision(), snapshot))).isTrue();
    return new Published(snapshot, counter.snapshot());
  }

  private List<Map<String, AttributeValue>> snapshotParts(String reportId) throws Exception {
    return await(org.alertresponder.adapter.aws.internal.AwsFutures.call(() -> adapter.client().query(b -> b
            .tableName(adapter.tableName()).keyConditionExpression("pk = :pk")
            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("publication#" + reportId))))))
        .items();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.await(30, TimeUnit.SECONDS);
  }
}
