package org.alertresponder.launcher;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.adapter.aws.ElasticMq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alerts read from an SQS queue (ElasticMQ on 127.0.0.1): raw alerts, arrays and SNS notifications are
 * stored and their messages deleted; a message of invalid alerts is moved to the dead-letter queue with
 * the reason.
 */
class SqsIntakeTest {
  private static final String ALERT = "{\"detector\":\"guardduty\",\"rule_id\":\"SSHBruteForce\",\"alert_key\":\"%s\","
      + "\"attributes\":[{\"type\":\"ipaddr\",\"key\":\"source\",\"value\":\"198.51.100.7\"}]}";

  private TestServer server;
  private String queue;
  private String deadLetters;

  @BeforeAll
  static void credentials() {
    // The emulator accepts any credentials; the SDK's default chain reads these properties.
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
  }

  @AfterAll
  static void forgetCredentials() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private void start() throws Exception {
    String name = "intake-" + UUID.randomUUID().toString().substring(0, 8);
    deadLetters = ElasticMq.client().createQueue(b -> b.queueName(name + "-dead")).join().queueUrl();
    String deadLettersArn = ElasticMq.client().getQueueAttributes(b -> b.queueUrl(deadLetters)
        .attributeNamesWithStrings("QueueArn")).join().attributesAsStrings().get("QueueArn");
    queue = ElasticMq.client().createQueue(b -> b.queueName(name).attributesWithStrings(Map.of(
        "VisibilityTimeout", "1",
        "RedrivePolicy", "{\"deadLetterTargetArn\":\"" + deadLettersArn + "\",\"maxReceiveCount\":\"2\"}")))
        .join().queueUrl();
    server = new TestServer(TestServer.config("intake:\n  sqs:\n    queue: " + queue + "\n    region: us-east-1\n"
        + "    endpoint: " + ElasticMq.endpoint() + "\n"));
  }

  private void send(String body) {
    ElasticMq.client().sendMessage(b -> b.queueUrl(queue).messageBody(body)).join();
  }

  @Test
  void alertsArraysAndSnsNotificationsFromTheQueueAreStoredAndTheirMessagesDeleted() throws Exception {
    start();
    send(ALERT.formatted("single"));
    send("[" + ALERT.formatted("array-1") + "," + ALERT.formatted("array-2") + "]");
    send(new JsonObject().put("Type", "Notification").put("MessageId", UUID.randomUUID().toString())
        .put("TopicArn", "arn:aws:sns:us-east-1:123456789012:alerts").put("Message", ALERT.formatted("via-sns"))
        .encode());

    JsonArray reports = HttpApiTest.eventually(() -> {
      JsonArray items = reports();
      return items.size() == 4 ? items : null;
    });

    assertThat(reports.stream().map(r -> ((JsonObject) r).getString("alert_key")))
        .containsExactlyInAnyOrder("single", "array-1", "array-2", "via-sns");
    assertThat(HttpApiTest.eventually(() -> messagesIn(queue) == 0 ? true : null)).isTrue();
  }

  @Test
  void aMessageOfInvalidAlertsIsMovedToTheDeadLetterQueueWithTheReason() throws Exception {
    start();
    send("{\"detector\":\"guardduty\"}");
    send(ALERT.formatted("valid"));

    assertThat(HttpApiTest.eventually(() -> messagesIn(deadLetters) == 1 ? true : null)).isTrue();
    assertThat(reports()).hasSize(1);
    var dead = ElasticMq.client().receiveMessage(b -> b.queueUrl(deadLetters).messageAttributeNames("All")).join()
        .messages().get(0);
    assertThat(dead.body()).isEqualTo("{\"detector\":\"guardduty\"}");
    assertThat(dead.messageAttributes().get("refused").stringValue()).contains("rule_id");
  }

  private JsonArray reports() {
    try {
      return new JsonObject(server.get("api/v1/reports", null).body()).getJsonArray("items");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int messagesIn(String url) {
    Map<String, String> attributes = ElasticMq.client().getQueueAttributes(b -> b.queueUrl(url)
        .attributeNamesWithStrings("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
        .join().attributesAsStrings();
    return Integer.parseInt(attributes.get("ApproximateNumberOfMessages"))
        + Integer.parseInt(attributes.get("ApproximateNumberOfMessagesNotVisible"));
  }
}
