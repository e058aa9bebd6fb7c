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

  private static Report report(String id, Verdict verdict) {
    Instant at = Instant.parse("2026-11-27T10:00:00Z");
    return new Report(id, "group-" + id, "guardduty", "UnauthorizedAccess:EC2/SSHBruteForce", "SSH brute force",
        "i-0abc12", ReportStatus.PUBLISHED, 1, at, at, List.of(), List.of(), List.of(), List.of(), List.of(), 0,
        verdict, List.of());
  }
}
