package org.alertresponder.adapter.aws;

import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportCodec;
import org.alertresponder.engine.api.ReportStatus;
import org.alertresponder.engine.api.Verdict;
import org.alertresponder.engine.spi.PluginException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code sns} emitter against fauxqs: the report's JSON is the message, severity and detector are
 * message attributes a subscription's filter policy can select on, and refusals are classified.
 */
class SnsEmitterTest {
  private static SnsAsyncClient sns;
  private static SqsAsyncClient sqs;

  @BeforeAll
  static void clients() {
    sns = Fauxqs.sns();
    sqs = Fauxqs.sqs();
  }

  @AfterAll
  static void close() {
    sns.close();
    sqs.close();
  }

  @Test
  void eachPublicationIsPublishedWithAttributesThatSubscriptionsFilterOn() throws Exception {
    String topic = sns.createTopic(b -> b.name("reports-" + UUID.randomUUID())).join().topicArn();
    String everything = subscribe(topic, null);
    String urgentOnly = subscribe(topic, "{\"severity\": [\"urgent\"]}");
    SnsEmitter emitter = new SnsEmitter(sns, topic);

    emitter.emit(report("r-urgent", Verdict.urgent("known bad source"))).await(10, TimeUnit.SECONDS);
    emitter.emit(report("r-safe", Verdict.safe("internal scanner"))).await(10, TimeUnit.SECONDS);

    List<JsonObject> all = receive(everything, 2);
    List<JsonObject> urgent = receive(urgentOnly, 1);
    assertThat(all).extracting(n -> new JsonObject(n.getString("Message")).getString("id"))
        .containsExactlyInAnyOrder("r-urgent", "r-safe");
    assertThat(urgent).singleElement().satisfies(notification -> {
      Report published = ReportCodec.decodeReport(new JsonObject(notification.getString("Message")));
      assertThat(published.id()).isEqualTo("r-urgent");
      assertThat(published.result()).isEqualTo(Verdict.urgent("known bad source"));
      JsonObject attributes = notification.getJsonObject("MessageAttributes");
      assertThat(attributes.getJsonObject("severity").getString("Value")).isEqualTo("urgent");
      assertThat(attributes.getJsonObject("detector").getString("Value")).isEqualTo("guardduty");
      assertThat(attributes.getJsonObject("version").getString("Type")).isEqualTo("Number");
      assertThat(attributes.getJsonObject("version").getString("Value")).isEqualTo("1");
    });
  }

  @Test
  void theDeepAlertReportTypePublishesDeepAlertsReportShape() throws Exception {
    String topic = sns.createTopic(b -> b.name("deepalert-reports-" + UUID.randomUUID())).join().topicArn();
    String subscriber = subscribe(topic, null);
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    try {
      var emitter = new SnsEmitterFactory.DeepAlertReportEmitterFactory().create(new org.alertresponder.engine.spi
          .PluginContext("deepalert", new org.alertresponder.engine.spi.PluginOptions("options", Map.of("topic-arn",
          topic, "endpoint", Fauxqs.endpoint().toString())), vertx, org.alertresponder.engine.spi.Clock.system(),
          java.nio.file.Path.of(".")));
      emitter.emit(inspected("r-deep")).await(10, TimeUnit.SECONDS);
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
      vertx.close();
    }

    JsonObject report = new JsonObject(receive(subscriber, 1).get(0).getString("Message"));
    assertThat(report.fieldNames()).containsExactlyInAnyOrder("id", "alerts", "attributes", "sections", "result",
        "status", "created_at");
    assertThat(report.getString("status")).isEqualTo("published");
    assertThat(report.getJsonObject("result")).isEqualTo(new JsonObject().put("severity", "urgent")
        .put("reason", "known bad source"));
    assertThat(report.getJsonArray("alerts").getJsonObject(0).getString("rule_id")).isEqualTo("SSHBruteForce");
    JsonObject section = report.getJsonArray("sections").getJsonObject(0);
    assertThat(section.getJsonObject("attr").getString("value")).isEqualTo("198.51.100.7");
    assertThat(section.getJsonArray("hosts").getJsonObject(0).getJsonArray("country").getString(0)).isEqualTo("NL");
    assertThat(section.getJsonArray("users")).isEmpty();
    assertThat(section.getJsonArray("binaries")).isEmpty();
  }

  @Test
  void aTopicThatDoesNotExistIsAPermanentFailure() throws Exception {
    SnsEmitter emitter = new SnsEmitter(sns, "arn:aws:sns:us-east-1:000000000000:no-such-topic-" + UUID.randomUUID());

    Throwable failure = emitter.emit(report("r-1", Verdict.safe("fine")))
        .transform(ar -> io.vertx.core.Future.succeededFuture(ar.cause())).await(10, TimeUnit.SECONDS);

    assertThat(failure).isInstanceOf(PluginException.class).hasMessageContaining("SNS refused the publication");
    assertThat(((PluginException) failure).retryable()).isFalse();
  }

  @Test
  void aReportLargerThanSnsTakesIsDeadLetteredWithItsSize() throws Exception {
    String topic = sns.createTopic(b -> b.name("large-" + UUID.randomUUID())).join().topicArn();
    Report large = report("r-large", Verdict.safe("x".repeat(300_000)));

    Throwable failure = new SnsEmitter(sns, topic).emit(large).transform(ar -> io.vertx.core.Future
        .succeededFuture(ar.cause())).await(10, TimeUnit.SECONDS);

    assertThat(failure).isInstanceOf(PluginException.class).hasMessageContaining("SNS takes at most 262144");
    assertThat(((PluginException) failure).retryable()).isFalse();
  }

  private static String subscribe(String topic, String filterPolicy) {
    String queue = sqs.createQueue(b -> b.queueName("subscriber-" + UUID.randomUUID())).join().queueUrl();
    String arn = sqs.getQueueAttributes(b -> b.queueUrl(queue).attributeNamesWithStrings("QueueArn")).join()
        .attributesAsStrings().get("QueueArn");
    sns.subscribe(b -> {
      b.topicArn(topic).protocol("sqs").endpoint(arn);
      if (filterPolicy != null) {
        b.attributes(Map.of("FilterPolicy", filterPolicy));
      }
    }).join();
    return queue;
  }

  private static List<JsonObject> receive(String queue, int expected) throws InterruptedException {
    List<JsonObject> notifications = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (notifications.size() < expected && System.nanoTime() < deadline) {
      for (Message message : sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
          .join().messages()) {
        notifications.add(new JsonObject(message.body()));
      }
    }
    // Nothing more arrives than expected (a filtered subscription gets only what matches).
    notifications.addAll(sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
        .join().messages().stream().map(m -> new JsonObject(m.body())).toList());
    return notifications;
  }

  /** A report with one alert, its attribute and a host finding about it. */
  private static Report inspected(String id) {
    Instant at = Instant.parse("2026-11-27T10:00:00Z");
    org.alertresponder.engine.api.Alert alert = org.alertresponder.engine.api.Alert.builder("guardduty", "SSHBruteForce")
        .alertKey("i-0abc12").timestamp(at)
        .attribute(org.alertresponder.engine.api.Attribute.IPADDR, "source address", "198.51.100.7", "remote").build();
    var attribute = org.alertresponder.engine.api.ReportAttribute.of(alert.attributes().get(0), 0,
        org.alertresponder.engine.api.Origin.alert("a-1"));
    var finding = new org.alertresponder.engine.api.Finding("whois", org.alertresponder.engine.api.Finding.HOST,
        new JsonObject().put("country", new io.vertx.core.json.JsonArray().add("NL")));
    return new Report(id, "group-" + id, "guardduty", "SSHBruteForce", "SSH brute force", "i-0abc12",
        ReportStatus.PUBLISHED, 1, at, at, List.of(new org.alertresponder.engine.api.ReceivedAlert("a-1", at, alert)),
        List.of(attribute), List.of(new org.alertresponder.engine.api.Section(attribute, List.of(finding))), List.of(),
        List.of(), 0, Verdict.urgent("known bad source"), List.of());
  }

  private static Report report(String id, Verdict verdict) {
    Instant at = Instant.parse("2026-11-27T10:00:00Z");
    return new Report(id, "group-" + id, "guardduty", "UnauthorizedAccess:EC2/SSHBruteForce", "SSH brute force",
        "i-0abc12", ReportStatus.PUBLISHED, 1, at, at, List.of(), List.of(), List.of(), List.of(), List.of(), 0,
        verdict, List.of());
  }
}
