package org.alertresponder.adapter.aws;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.spi.InspectionResult;
import org.alertresponder.engine.spi.InspectionTask;
import org.alertresponder.engine.spi.PluginCodec;
import org.alertresponder.tck.ManualClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deepalert's answers in the shared table on dynalite: what is stored for a report and attribute reads
 * back as one inspection result, a redelivered answer counts once, answers expire, and reads follow
 * DynamoDB's pages.
 */
class DeepAlertAnswersTest {
  private static final Attribute SOURCE = Attribute.of(Attribute.IPADDR, "source address", "198.51.100.7",
      Attribute.REMOTE);
  private static String table;
  private final ManualClock clock = ManualClock.atDefaultStart();
  private final DeepAlertAnswers answers = new DeepAlertAnswers(Dynalite.client(), table, "legacy", clock);

  @BeforeAll
  static void createTable() throws Exception {
    table = "deepalert-" + UUID.randomUUID();
    new DynamoDbTable(Dynalite.client(), table).createIfMissing().await(30, TimeUnit.SECONDS);
  }

  private static JsonObject echoed(String reportId, Attribute attribute) {
    return DeepAlertMessages.task(new InspectionTask(reportId, attribute, 0)).getJsonObject("attribute");
  }

  static String finding(String reportId, Attribute attribute, String author, JsonObject content) {
    return new JsonObject().put("report_id", reportId).put("author", author)
        .put("attribute", echoed(reportId, attribute)).put("type", "host").put("content", content).encode();
  }

  static String newAttributes(String reportId, Attribute origin, String author, JsonArray attributes) {
    return new JsonObject().put("report_id", reportId).put("author", author)
        .put("origin_attr", echoed(reportId, origin)).put("attributes", attributes).encode();
  }

  private static JsonArray domains(int count) {
    JsonArray out = new JsonArray();
    for (int i = 0; i < count; i++) {
      out.add(new JsonObject().put("type", "domain").put("key", "reverse name").put("value", "host-" + i + ".example")
          .put("context", new JsonArray().add("remote")));
    }
    return out;
  }

  private void store(String body, boolean finding) throws Exception {
    answers.store(finding ? DeepAlertMessages.decodeFinding(body) : DeepAlertMessages.decodeNewAttributes(body))
        .await(10, TimeUnit.SECONDS);
  }

  private InspectionResult read(String reportId, Attribute attribute) throws Exception {
    return answers.read(reportId, attribute.hash()).await(10, TimeUnit.SECONDS);
  }

  @Test
  void theAnswersAboutAnAttributeReadBackAsOneResultAndNothingElseDoes() throws Exception {
    String report = "r-" + UUID.randomUUID();
    store(finding(report, SOURCE, "geoip", new JsonObject().put("country", new JsonArray().add("NL"))), true);
    store(finding(report, SOURCE, "whois", new JsonObject().put("owner", new JsonArray().add("ACME"))), true);
    store(newAttributes(report, SOURCE, "dns", domains(1)), false);
    // About another attribute, another report, and for another deepalert inspector of the engine.
    store(finding(report, Attribute.of(Attribute.IPADDR, "", "192.0.2.1"), "geoip", new JsonObject()), true);
    store(finding("r-other", SOURCE, "geoip", new JsonObject()), true);
    new DeepAlertAnswers(Dynalite.client(), table, "other-deepalert", clock)
        .store(DeepAlertMessages.decodeFinding(finding(report, SOURCE, "geoip", new JsonObject()))).await(10, TimeUnit.SECONDS);

    InspectionResult result = read(report, SOURCE);

    assertThat(result.findings()).extracting(f -> f.content().getString(DeepAlertMessages.AUTHOR_FIELD))
        .containsExactlyInAnyOrder("geoip", "whois");
    assertThat(result.attributes()).containsExactly(Attribute.of(Attribute.DOMAIN, "reverse name", "host-0.example",
        Attribute.REMOTE));
    assertThat(read(report, Attribute.of(Attribute.DOMAIN, "", "nobody.example"))).isEqualTo(InspectionResult.empty());
  }

  @Test
  void anAnswerDeliveredTwiceCountsOnce() throws Exception {
    String report = "r-" + UUID.randomUUID();
    String body = finding(report, SOURCE, "geoip", new JsonObject().put("country", new JsonArray().add("NL")));

    store(body, true);
    clock.set(clock.now().plusSeconds(30));
    store(body, true);

    assertThat(read(report, SOURCE).findings()).hasSize(1);
  }

  @Test
  void anAnswerExpiresADayAfterItArrivedOnTheEnginesClock() throws Exception {
    String report = "r-" + UUID.randomUUID();
    store(finding(report, SOURCE, "geoip", new JsonObject()), true);

    List<Map<String, AttributeValue>> items = Dynalite.client().query(b -> b.tableName(table)
        .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk",
            AttributeValue.fromS("deepalert#" + report + "#" + SOURCE.hash())))).join().items();

    assertThat(items).singleElement().satisfies(item -> {
      assertThat(item.get("expires").n()).isEqualTo(Long.toString(clock.now().plus(Duration.ofDays(1)).getEpochSecond()));
      assertThat(item.get("author").s()).isEqualTo("geoip");
      assertThat(item.get("sk").s()).startsWith("legacy#finding#");
    });
  }

  @Test
  void answersBeyondOnePageOfTheQueryAreAllRead() throws Exception {
    String report = "r-" + UUID.randomUUID();
    // Six answers of about 250 KB: more than the 1 MB a query returns at once.
    String filler = "x".repeat(250_000);
    for (int i = 0; i < 6; i++) {
      store(finding(report, SOURCE, "sandbox-" + i, new JsonObject().put("notes", filler)), true);
    }

    assertThat(read(report, SOURCE).findings()).hasSize(6);
  }

  @Test
  void whatGoesBeyondOneInspectionsLimitIsLeftOutNotFailed() throws Exception {
    String report = "r-" + UUID.randomUUID();
    store(newAttributes(report, SOURCE, "dns", domains(PluginCodec.MAX_NEW_ATTRIBUTES)), false);
    clock.set(clock.now().plusSeconds(1));
    store(newAttributes(report, SOURCE, "late", new JsonArray().add(new JsonObject().put("type", "domain")
        .put("value", "late.example"))), false);

    InspectionResult result = read(report, SOURCE);

    assertThat(result.attributes()).hasSize(PluginCodec.MAX_NEW_ATTRIBUTES)
        .noneMatch(attribute -> attribute.value().equals("late.example"));
  }
}
