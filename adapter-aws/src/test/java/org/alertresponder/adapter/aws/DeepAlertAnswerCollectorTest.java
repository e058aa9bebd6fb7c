package org.alertresponder.adapter.aws;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.engine.spi.InspectionResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector of deepalert's answers on fauxqs (SQS) and dynalite: answers from both queues end up in
 * the table and leave the queues, whichever instance received them; what is not an answer is dropped
 * without stopping the loop; an answer that could not be stored stays in its queue until it can be; and
 * undeploying stops the loop at once.
 */
class DeepAlertAnswerCollectorTest {
  private static final Attribute SOURCE = Attribute.of(Attribute.IPADDR, "source address", "198.51.100.7",
      Attribute.REMOTE);
  private static Vertx vertx;
  private static SqsAsyncClient sqs;
  private static String table;

  private final String findings = newQueue("findings");
  private final String attributes = newQueue("attributes");

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    sqs = Fauxqs.sqs();
    table = "deepalert-" + UUID.randomUUID();
    new DynamoDbTable(Dynalite.client(), table).createIfMissing().await(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
    sqs.close();
  }

  private static String newQueue(String kind) {
    return sqs.createQueue(b -> b.queueName("deepalert-" + kind + "-" + UUID.randomUUID())).join().queueUrl();
  }

  private static void send(String queue, String body) {
    sqs.sendMessage(b -> b.queueUrl(queue).messageBody(body)).join();
  }

  /** Messages in the queue, visible or being handled. */
  private static int messagesIn(String queue) {
    Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(b -> b.queueUrl(queue).attributeNames(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        .join().attributes();
    return Integer.parseInt(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 20s: " + what);
      }
      Thread.sleep(50);
    }
  }

  private DeepAlertAnswers answers(String tableName) {
    return new DeepAlertAnswers(Dynalite.client(), tableName, "legacy", Clock.system());
  }

  private String deploy(DeepAlertAnswers answers, Duration visibility) throws Exception {
    return vertx.deployVerticle(new DeepAlertAnswerCollector(sqs, findings, attributes, answers, visibility, () -> { }))
        .await(10, TimeUnit.SECONDS);
  }

  private InspectionResult read(String reportId) {
    try {
      return answers(table).read(reportId, SOURCE.hash()).await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String finding(String reportId, String author) {
    return DeepAlertAnswersTest.finding(reportId, SOURCE, author, new JsonObject().put("country",
        new JsonArray().add("NL")));
  }

  @Test
  void answersFromBothQueuesAreStoredAndThenDeleted() throws Exception {
    String report = "r-" + UUID.randomUUID();
    String deployment = deploy(answers(table), DeepAlertAnswerCollector.VISIBILITY);
    try {
      send(findings, finding(report, "geoip"));
      send(attributes, DeepAlertAnswersTest.newAttributes(report, SOURCE, "dns", new JsonArray().add(new JsonObject()
          .put("type", "domain").put("key", "reverse name").put("value", "scanner.example"))));

      eventually("both answers stored", () -> read(report).findings().size() == 1 && read(report).attributes().size() == 1);
      eventually("both queues empty", () -> messagesIn(findings) == 0 && messagesIn(attributes) == 0);
    } finally {
      vertx.undeploy(deployment).await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void somethingThatIsNotAnAnswerIsDroppedAndTheAnswersAfterItAreStored() throws Exception {
    String report = "r-" + UUID.randomUUID();
    String deployment = deploy(answers(table), DeepAlertAnswerCollector.VISIBILITY);
    try {
      send(findings, "not json at all");
      send(findings, new JsonObject().put("report_id", report).put("type", "host").encode());
      send(attributes, "{\"report_id\": \"" + report + "\", \"attributes\": \"none\"}");
      eventually("the malformed messages deleted", () -> messagesIn(findings) == 0 && messagesIn(attributes) == 0);

      send(findings, finding(report, "geoip"));

      eventually("the next answer stored", () -> read(report).findings().size() == 1);
    } finally {
      vertx.undeploy(deployment).await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void collectorsOfSeveralInstancesShareTheAnswersThroughTheTable() throws Exception {
    String report = "r-" + UUID.randomUUID();
    String first = deploy(answers(table), DeepAlertAnswerCollector.VISIBILITY);
    String second = deploy(answers(table), DeepAlertAnswerCollector.VISIBILITY);
    try {
      for (int i = 0; i < 20; i++) {
        send(findings, finding(report, "inspector-" + i));
      }
      // The same answer delivered again, as SQS may: it is stored once.
      send(findings, finding(report, "inspector-0"));

      eventually("every answer stored", () -> read(report).findings().size() == 20);
      eventually("the queue empty", () -> messagesIn(findings) == 0);
      assertThat(read(report).findings()).hasSize(20);
    } finally {
      vertx.undeploy(first).await(10, TimeUnit.SECONDS);
      vertx.undeploy(second).await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void anAnswerThatCouldNotBeStoredStaysInItsQueueUntilItCanBe() throws Exception {
    String report = "r-" + UUID.randomUUID();
    String notYetCreated = "deepalert-later-" + UUID.randomUUID();
    String deployment = deploy(answers(notYetCreated), Duration.ofSeconds(1));
    try {
      send(findings, finding(report, "geoip"));
      Thread.sleep(2_000);
      assertThat(messagesIn(findings)).as("the answer, not stored, still queued").isEqualTo(1);

      new DynamoDbTable(Dynalite.client(), notYetCreated).createIfMissing().await(30, TimeUnit.SECONDS);

      eventually("the answer stored once the table is there", () -> {
        try {
          return answers(notYetCreated).read(report, SOURCE.hash()).await(10, TimeUnit.SECONDS).findings().size() == 1;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      eventually("the queue empty", () -> messagesIn(findings) == 0);
    } finally {
      vertx.undeploy(deployment).await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void undeployingStopsTheLoopAtOnceAndLeavesLaterAnswersInTheQueue() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean told = new java.util.concurrent.atomic.AtomicBoolean();
    String deployment = vertx.deployVerticle(new DeepAlertAnswerCollector(sqs, findings, attributes, answers(table),
        DeepAlertAnswerCollector.VISIBILITY, () -> told.set(true))).await(10, TimeUnit.SECONDS);
    // Let both loops start their long polls (20 seconds each).
    Thread.sleep(500);

    long started = System.nanoTime();
    vertx.undeploy(deployment).await(10, TimeUnit.SECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    send(findings, finding("r-" + UUID.randomUUID(), "geoip"));
    Thread.sleep(1_500);

    assertThat(took).isLessThan(Duration.ofSeconds(3));
    assertThat(told.get()).as("the inspector was told the collector stopped").isTrue();
    assertThat(messagesIn(findings)).isEqualTo(1);
  }
}
