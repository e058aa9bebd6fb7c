package org.alertresponder.adapter.aws;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.api.InspectionStatus;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportStatus;
import org.alertresponder.engine.api.Section;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.engine.spi.InspectionResult;
import org.alertresponder.engine.spi.InspectionTask;
import org.alertresponder.engine.spi.Inspector;
import org.alertresponder.engine.spi.InspectorSpec;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginOptions;
import org.alertresponder.tck.Scenario;
import org.alertresponder.tck.fixtures.Alerts;
import org.alertresponder.tck.fixtures.HeldCalls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deepalert's compatibility mode, end to end: an inspector written for deepalert (a Lambda handler of
 * emulators/lambda-handlers.js on serverless-offline, subscribed to the task topic on fauxqs and sending
 * its answers to SQS queues there) inspects a report's attributes through the {@code deepalert}
 * inspector type, and what it found lands in the report.
 */
class DeepAlertCompatibilityTest {
  private static final String SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static Vertx vertx;
  private static SnsAsyncClient sns;
  private static SqsAsyncClient sqs;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    sns = Fauxqs.sns();
    sqs = Fauxqs.sqs();
    // The emulators accept any credentials; the SDK's default chain reads these properties.
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
    sns.close();
    sqs.close();
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  private static String newTopic() {
    return sns.createTopic(b -> b.name("deepalert-tasks-" + UUID.randomUUID())).join().topicArn();
  }

  /** The options of a {@code deepalert} inspector on the emulators. */
  private static Map<String, Object> options(String topic, String findingQueue, String attributeQueue, String table) {
    Map<String, Object> options = new HashMap<>();
    options.put("task-topic", topic);
    options.put("finding-queue", findingQueue);
    options.put("attribute-queue", attributeQueue);
    options.put("table", table);
    options.put("wait", WAIT.toSeconds() + "s");
    options.put("endpoint", Fauxqs.endpoint().toString());
    options.put("dynamodb-endpoint", Dynalite.endpoint().toString());
    return options;
  }

  private static Inspector create(String name, Map<String, Object> options, Clock clock) {
    return new DeepAlertInspectorFactory().create(new PluginContext(name,
        new PluginOptions("inspectors[0].options", options), vertx, clock, Path.of(".")));
  }

  @Test
  void anExistingDeepAlertInspectorWorksUnchangedInCompatibilityMode() throws Exception {
    String topic = newTopic();
    AwsTestAdapter adapter = new AwsTestAdapter();
    Scenario.Builder builder = Scenario.builder(adapter).config(c -> c.inspectionDelay(Duration.ZERO)
        .reviewDelay(Duration.ofMinutes(10)));
    CountedCalls legacy = new CountedCalls(create("legacy", options(topic, LambdaEmulator.deepAlertFindingQueue(),
        LambdaEmulator.deepAlertAttributeQueue(), adapter.tableName()), builder.clock()));
    // What the test reads to know that deepalert's inspector has answered, before it lets the wait pass.
    DeepAlertAnswers collected = new DeepAlertAnswers(Dynalite.client(), adapter.tableName(), "legacy", Clock.system());
    Attribute source = Attribute.of(Attribute.IPADDR, "source address", "198.51.100.7", Attribute.REMOTE,
        Attribute.CLIENT);
    Attribute sample = Attribute.of(Attribute.FILEHASH, "sample", SHA256, Attribute.FILE);

    try (SnsToLambdaForwarder subscription = SnsToLambdaForwarder.start(sns, sqs, topic,
        LambdaEmulator.PREFIX + "deepalert-inspector");
         Scenario s = builder.holding("inspector:legacy", legacy).plugins(p -> p.inspector(
             InspectorSpec.of("legacy", Attribute.IPADDR, Attribute.DOMAIN, Attribute.FILEHASH), legacy)).start(vertx)) {
      String reportId = s.submit(Alerts.sshBruteForce("i-deepalert", "198.51.100.7").attribute(sample).build())
          .reportId();

      // The alert's two attributes are inspected: each is a task on the topic, answered through the queues.
      s.advance(Duration.ZERO);
      eventually(subscription, "the tasks of both attributes", () -> legacy.received() == 2);
      eventually(subscription, "deepalert's answers about the address and the file", () ->
          !read(collected, reportId, source).attributes().isEmpty() && !read(collected, reportId, sample).findings().isEmpty());
      s.advance(WAIT);
      eventually(subscription, "both inspections answered", () -> legacy.answered() == 2);
      s.settle();

      // The domain deepalert's inspector discovered is admitted and inspected in turn, by the same route.
      Attribute discovered = Attribute.of(Attribute.DOMAIN, "reverse name", "scanner.example", Attribute.REMOTE);
      eventually(subscription, "the task of the discovered domain", () -> legacy.received() == 3);
      eventually(subscription, "deepalert's answer about the domain", () ->
          !read(collected, reportId, discovered).findings().isEmpty());
      s.advance(WAIT);
      eventually(subscription, "the domain's inspection answered", () -> legacy.answered() == 3);
      s.settle();

      Report report = s.report(reportId);
      assertThat(subscription.failures()).isEmpty();
      assertThat(report.inspections()).hasSize(3).allSatisfy(inspection -> {
        assertThat(inspection.inspector()).isEqualTo("legacy");
        assertThat(inspection.status()).isEqualTo(InspectionStatus.DONE);
      });
      assertThat(findings(report, source)).singleElement().isEqualTo(new Finding("legacy", Finding.HOST,
          new JsonObject().put("ipaddr", new JsonArray().add("198.51.100.7")).put("country", new JsonArray().add("NL"))
              .put("owner", new JsonArray().add("ACME scanners")).put(DeepAlertMessages.AUTHOR_FIELD,
                  "legacy-reputation")));
      assertThat(findings(report, sample)).singleElement().satisfies(finding -> {
        assertThat(finding.type()).isEqualTo(Finding.BINARY);
        assertThat(finding.content().getJsonArray("related_malware").getJsonObject(0).getString("sha256"))
            .isEqualTo(SHA256);
      });
      assertThat(report.attributes()).filteredOn(a -> a.attribute().equals(discovered)).singleElement()
          .satisfies(admitted -> {
            assertThat(admitted.depth()).isEqualTo(1);
            assertThat(admitted.origin().inspector()).isEqualTo("legacy");
            assertThat(admitted.origin().parentHash()).isEqualTo(source.hash());
          });
      assertThat(findings(report, discovered)).singleElement().satisfies(finding ->
          assertThat(finding.content().getJsonArray("hostname").getString(0)).isEqualTo("scanner.example"));

      // The review then goes as for any report.
      s.advance(Duration.ofMinutes(10));
      assertThat(s.report(reportId).status()).isEqualTo(ReportStatus.PUBLISHED);
    }
  }

  private static InspectionResult read(DeepAlertAnswers answers, String reportId, Attribute attribute) {
    try {
      return answers.read(reportId, attribute.hash()).await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Finding> findings(Report report, Attribute attribute) {
    return report.sections().stream().filter(section -> section.attribute().attribute().equals(attribute))
        .map(Section::findings).findFirst().orElse(List.of());
  }

  /** Waits in real time for the emulators (Lambda, SQS) to do their part; the engine's clock stands still. */
  private static void eventually(SnsToLambdaForwarder subscription, String what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 30s: " + what + "; " + subscription);
      }
      Thread.sleep(50);
    }
  }

  /**
   * The deepalert inspector as the scenario sees it: its calls wait for the engine's clock, so the
   * scenario must not wait for them to settle, only count them.
   */
  private static final class CountedCalls implements Inspector, HeldCalls {
    private final Inspector inspector;
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();

    CountedCalls(Inspector inspector) {
      this.inspector = inspector;
    }

    @Override
    public Future<InspectionResult> inspect(InspectionTask task) {
      received.incrementAndGet();
      return inspector.inspect(task).andThen(ar -> answered.incrementAndGet());
    }

    @Override
    public int received() {
      return received.get();
    }

    @Override
    public int answered() {
      return answered.get();
    }
  }
}
