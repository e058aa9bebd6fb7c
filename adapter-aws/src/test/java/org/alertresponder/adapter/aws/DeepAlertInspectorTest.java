package org.alertresponder.adapter.aws;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.bus.Addresses;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.InspectionResult;
import org.alertresponder.engine.spi.InspectionTask;
import org.alertresponder.engine.spi.Inspector;
import org.alertresponder.engine.spi.InspectorVerticle;
import org.alertresponder.engine.spi.PluginCodec;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginException;
import org.alertresponder.engine.spi.PluginOptions;
import org.alertresponder.tck.fixtures.Alerts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The {@code deepalert} inspector type on its own, on fauxqs and dynalite: the task it publishes, what it
 * answers when nobody answers, how it fails, that its collector lives and dies with the inspector's
 * verticle, and how its options are checked.
 */
class DeepAlertInspectorTest {
  private static final String SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:deepalert-tasks";
  private static final String FINDINGS = "https://sqs.eu-west-1.amazonaws.com/123456789012/deepalert-findings";
  private static final String ATTRIBUTES = "https://sqs.eu-west-1.amazonaws.com/123456789012/deepalert-attributes";
  private static Vertx vertx;
  private static SnsAsyncClient sns;
  private static SqsAsyncClient sqs;
  private static String table;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    sns = Fauxqs.sns();
    sqs = Fauxqs.sqs();
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    table = "deepalert-" + UUID.randomUUID();
    new DynamoDbTable(Dynalite.client(), table).createIfMissing().await(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
    sns.close();
    sqs.close();
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  private static String newQueue(String name) {
    return sqs.createQueue(b -> b.queueName(name + "-" + UUID.randomUUID())).join().queueUrl();
  }

  /** Options on the emulators, collecting answers for {@code wait}. */
  private static Map<String, Object> emulated(String topic, String findings, String attributes, String wait) {
    Map<String, Object> options = new HashMap<>();
    options.put("task-topic", topic);
    options.put("finding-queue", findings);
    options.put("attribute-queue", attributes);
    options.put("table", table);
    options.put("wait", wait);
    options.put("endpoint", Fauxqs.endpoint().toString());
    options.put("dynamodb-endpoint", Dynalite.endpoint().toString());
    return options;
  }

  private static Inspector create(Map<String, Object> options) {
    return new DeepAlertInspectorFactory().create(new PluginContext("legacy",
        new PluginOptions("inspectors[0].options", options), vertx, Clock.system(), Path.of(".")));
  }

  /** Runs an inspection on a Vert.x context, as the inspector's verticle does. */
  private static Future<InspectionResult> onContext(Inspector inspector, InspectionTask task) {
    Promise<InspectionResult> result = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> inspector.inspect(task).onComplete(result));
    return result.future();
  }

  @Test
  void eachInspectionPublishesDeepAlertsTaskAndAnAttributeNobodyAnswersHasAnEmptyResult() throws Exception {
    String topic = sns.createTopic(b -> b.name("deepalert-tasks-" + UUID.randomUUID())).join().topicArn();
    String subscriber = newQueue("task-reader");
    String subscriberArn = sqs.getQueueAttributes(b -> b.queueUrl(subscriber).attributeNamesWithStrings("QueueArn"))
        .join().attributesAsStrings().get("QueueArn");
    sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(subscriberArn)
        .attributes(Map.of("RawMessageDelivery", "true"))).join();
    Inspector inspector = create(emulated(topic, newQueue("findings"), newQueue("attributes"), "1s"));
    Attribute sample = Attribute.of(Attribute.FILEHASH, "sample", SHA256, Attribute.FILE);

    long started = System.nanoTime();
    InspectionResult result = onContext(inspector, new InspectionTask("r-1", sample, 1)).await(10, TimeUnit.SECONDS);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the wait").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(result).isEqualTo(InspectionResult.empty());
    List<Message> tasks = sqs.receiveMessage(b -> b.queueUrl(subscriber).waitTimeSeconds(5)).join().messages();
    assertThat(tasks).singleElement().satisfies(task -> assertThat(new JsonObject(task.body())).isEqualTo(
        new JsonObject().put("report_id", "r-1").put("attribute", new JsonObject().put("type", "filehashvalue")
            .put("key", "sample").put("value", SHA256).put("context", new JsonArray().add("file")))));
  }

  @Test
  void aTaskTopicThatDoesNotExistFailsTheInspectionForGood() throws Exception {
    Inspector inspector = create(emulated("arn:aws:sns:us-east-1:000000000000:no-such-topic-" + UUID.randomUUID(),
        newQueue("findings"), newQueue("attributes"), "1s"));

    Throwable failure = onContext(inspector, new InspectionTask("r-1", Alerts.ip("198.51.100.7"), 0))
        .transform(ar -> Future.succeededFuture(ar.cause())).await(10, TimeUnit.SECONDS);

    assertThat(failure).isInstanceOf(PluginException.class).hasMessageContaining("SNS refused the publication");
    assertThat(((PluginException) failure).retryable()).isFalse();
  }

  @Test
  void theCollectorStartsWithTheFirstInspectionAndStopsWhenTheInspectorIsUndeployed() throws Exception {
    String topic = sns.createTopic(b -> b.name("deepalert-tasks-" + UUID.randomUUID())).join().topicArn();
    String findings = newQueue("findings");
    Inspector inspector = create(emulated(topic, findings, newQueue("attributes"), "1s"));
    DeepAlertAnswers answers = new DeepAlertAnswers(Dynalite.client(), table, "legacy", Clock.system());
    Attribute source = Alerts.ip("198.51.100.7");
    String deployment = vertx.deployVerticle(new InspectorVerticle("legacy", inspector)).await(10, TimeUnit.SECONDS);

    vertx.eventBus().request(Addresses.inspector("legacy"), PluginCodec.encode(new InspectionTask("r-1", source, 0)))
        .await(10, TimeUnit.SECONDS);
    sqs.sendMessage(b -> b.queueUrl(findings).messageBody(DeepAlertAnswersTest.finding("r-1", source, "geoip",
        new JsonObject()))).join();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (answers.read("r-1", source.hash()).await(10, TimeUnit.SECONDS).findings().isEmpty()) {
      assertThat(System.nanoTime()).as("the answer collected within 20s").isLessThan(deadline);
      Thread.sleep(50);
    }
    long undeploying = System.nanoTime();
    vertx.undeploy(deployment).await(10, TimeUnit.SECONDS);
    Duration undeployed = Duration.ofNanos(System.nanoTime() - undeploying);
    sqs.sendMessage(b -> b.queueUrl(findings).messageBody(DeepAlertAnswersTest.finding("r-2", source, "geoip",
        new JsonObject()))).join();
    Thread.sleep(1_500);

    assertThat(undeployed).as("long polls abandoned at once").isLessThan(Duration.ofSeconds(3));
    assertThat(answers.read("r-2", source.hash()).await(10, TimeUnit.SECONDS).findings())
        .as("the answer sent after, not collected").isEmpty();
    // Waiting in the queue, or received by a long poll the collector abandoned (it reappears in a minute).
    Map<QueueAttributeName, String> left = sqs.getQueueAttributes(b -> b.queueUrl(findings).attributeNames(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        .join().attributes();
    assertThat(Integer.parseInt(left.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(left.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)))
        .as("the answer sent after, still queued").isEqualTo(1);
  }

  // ------------------------------------------------------------------------------- configuration

  private static ConfigurationException refused(Map<String, Object> options) {
    return catchThrowableOfType(ConfigurationException.class, () -> create(options));
  }

  private static Map<String, Object> valid() {
    Map<String, Object> options = new HashMap<>();
    options.put("task-topic", TOPIC);
    options.put("finding-queue", FINDINGS);
    options.put("attribute-queue", ATTRIBUTES);
    options.put("table", "alertresponder");
    return options;
  }

  private static Map<String, Object> valid(String key, Object value) {
    Map<String, Object> options = valid();
    if (value == null) {
      options.remove(key);
    } else {
      options.put(key, value);
    }
    return options;
  }

  @Test
  void eachOptionThatIsMissingOrWrongIsNamedWithWhatItShouldBe() {
    assertThat(refused(valid("task-topic", null))).hasMessage("inspectors[0].options.task-topic: expected a "
        + "non-empty string, found nothing");
    assertThat(refused(valid("task-topic", "deepalert-tasks"))).hasMessage("inspectors[0].options.task-topic: "
        + "expected a topic ARN like arn:aws:sns:us-east-1:123456789012:alerts, found \"deepalert-tasks\"");
    assertThat(refused(valid("finding-queue", null))).hasMessage("inspectors[0].options.finding-queue: expected a "
        + "non-empty string, found nothing");
    assertThat(refused(valid("attribute-queue", "deepalert-attributes"))).hasMessage("inspectors[0].options."
        + "attribute-queue: expected an SQS queue URL like https://sqs.us-east-1.amazonaws.com/123456789012/"
        + "deepalert-attributes, found \"deepalert-attributes\"");
    assertThat(refused(valid("table", null))).hasMessage("inspectors[0].options.table: expected a non-empty string, "
        + "found nothing");
    assertThat(refused(valid("wait", "0s"))).hasMessage("inspectors[0].options.wait: expected a positive duration "
        + "such as 20s (how long deepalert's inspectors have to answer a task), found 0s");
    assertThat(refused(valid("wait", "soon"))).hasMessageStartingWith("inspectors[0].options.wait: expected a duration");
    assertThat(refused(valid("sqs-endpoint", "http://[::1"))).hasMessage("inspectors[0].options.sqs-endpoint: "
        + "expected an http or https URL, found \"http://[::1\"");
  }

  @Test
  void theWaitIsTwentySecondsUnlessSaidAndTheEnginesTimeoutMustOutlastIt() {
    DeepAlertInspector byDefault = (DeepAlertInspector) create(valid());
    DeepAlertInspector longer = (DeepAlertInspector) create(valid("wait", "2m"));

    assertThat(byDefault.answerWait()).isEqualTo(Duration.ofSeconds(20));
    // The engine's default inspector timeout (30s) leaves the default wait the margin it needs.
    byDefault.requireTimeoutBeyondWait(Duration.ofSeconds(30), "inspectors[0].timeout");
    longer.requireTimeoutBeyondWait(Duration.ofSeconds(125), "inspectors[0].timeout");
    assertThat(catchThrowableOfType(ConfigurationException.class,
        () -> longer.requireTimeoutBeyondWait(Duration.ofSeconds(30), "inspectors[0].timeout")))
        .hasMessage("inspectors[0].timeout: expected at least 125s (options.wait 2m to collect deepalert's answers, "
            + "plus 5s to publish the task and read them; raise the timeout or lower options.wait), found 30s");
  }
}
