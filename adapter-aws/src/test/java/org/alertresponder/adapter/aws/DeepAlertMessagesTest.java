package org.alertresponder.adapter.aws;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.api.ReportAttribute;
import org.alertresponder.engine.api.Origin;
import org.alertresponder.engine.spi.InspectionTask;
import org.alertresponder.engine.spi.PluginCodec.MalformedMessageException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * deepalert's task, finding and new-attribute messages: the task an existing deepalert inspector
 * understands, answers that find their way back to the attribute they answer, and answers that are not
 * valid named precisely.
 */
class DeepAlertMessagesTest {
  private static final String SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  private static final Attribute SOURCE = Attribute.of(Attribute.IPADDR, "source address", "198.51.100.7",
      Attribute.REMOTE, Attribute.CLIENT);
  private static final Attribute SAMPLE = Attribute.of(Attribute.FILEHASH, "sample", SHA256, Attribute.FILE);

  /** The attribute as a deepalert inspector echoes it back: the task's own JSON. */
  private static JsonObject echoed(Attribute attribute) {
    return DeepAlertMessages.task(new InspectionTask("r-1", attribute, 0)).getJsonObject("attribute");
  }

  private static String finding(JsonObject attribute) {
    return new JsonObject().put("report_id", "r-1").put("author", "geoip").put("attribute", attribute)
        .put("type", "host").put("content", new JsonObject().put("country", new JsonArray().add("NL"))).encode();
  }

  @Test
  void aTaskIsDeepAlertsTaskShapeWithFileHashesSpelledAsDeepAlertSpellsThem() {
    Instant seen = Instant.parse("2026-11-27T10:00:00Z");
    JsonObject task = DeepAlertMessages.task(new InspectionTask("r-1", SOURCE.withTimestamp(seen), 2));
    JsonObject fileTask = DeepAlertMessages.task(new InspectionTask("r-1", SAMPLE, 0));

    assertThat(task).isEqualTo(new JsonObject().put("report_id", "r-1").put("attribute", new JsonObject()
        .put("type", "ipaddr").put("key", "source address").put("value", "198.51.100.7")
        .put("context", new JsonArray().add("remote").add("client")).put("timestamp", "2026-11-27T10:00:00Z")));
    assertThat(fileTask.getJsonObject("attribute").getString("type")).isEqualTo("filehashvalue");
  }

  @Test
  void aFindingAnswersTheAttributeOfTheTaskByTheEnginesOwnHash() {
    DeepAlertMessages.Answer answer = DeepAlertMessages.decodeFinding(finding(echoed(SOURCE)));

    // The same hash the report gives the attribute, so the waiting inspector finds the answer.
    String reportHash = ReportAttribute.of(SOURCE, 0, Origin.alert("a-1")).hash();
    assertThat(answer.attributeHash()).isEqualTo(reportHash);
    assertThat(answer.reportId()).isEqualTo("r-1");
    assertThat(answer.kind()).isEqualTo(DeepAlertMessages.FINDING);
    assertThat(answer.author()).isEqualTo("geoip");
    assertThat(answer.result().attributes()).isEmpty();
    assertThat(answer.result().findings()).singleElement().satisfies(finding -> {
      assertThat(finding.type()).isEqualTo(Finding.HOST);
      assertThat(finding.content()).isEqualTo(new JsonObject().put("country", new JsonArray().add("NL"))
          .put(DeepAlertMessages.AUTHOR_FIELD, "geoip"));
    });
  }

  @Test
  void theHashIgnoresWhatDeepAlertMayChangeWhenItEchoesTheAttribute() {
    String engineHash = SOURCE.hash();
    // Context words in another order, a timestamp added (Go's time.Time), and no key at all.
    JsonObject reordered = echoed(SOURCE).put("context", new JsonArray().add("client").add("remote"))
        .put("timestamp", "2026-11-27T10:00:00.123+01:00");
    Attribute keyless = Attribute.of(Attribute.DOMAIN, "", "scanner.example");
    JsonObject nullContext = new JsonObject().put("type", "domain").put("value", "scanner.example")
        .putNull("context");

    assertThat(DeepAlertMessages.decodeFinding(finding(reordered)).attributeHash()).isEqualTo(engineHash);
    assertThat(DeepAlertMessages.decodeFinding(finding(nullContext)).attributeHash()).isEqualTo(keyless.hash());
  }

  @Test
  void deepAlertsFileHashValueAnswersTheEnginesFileHash() {
    JsonObject asDeepAlertSpellsIt = echoed(SAMPLE).put("value", SHA256.toUpperCase());

    DeepAlertMessages.Answer answer = DeepAlertMessages.decodeFinding(finding(asDeepAlertSpellsIt));

    assertThat(asDeepAlertSpellsIt.getString("type")).isEqualTo("filehashvalue");
    assertThat(answer.attributeHash()).isEqualTo(SAMPLE.hash());
  }

  @Test
  void newAttributesAreCheckedAndNormalisedAsAnyInspectorsAndKeyedByTheirOrigin() {
    String body = new JsonObject().put("report_id", "r-1").put("author", "sandbox").put("origin_attr", echoed(SAMPLE))
        .put("attributes", new JsonArray()
            .add(new JsonObject().put("type", "domain").put("key", "c2").put("value", "C2.Example.")
                .put("context", new JsonArray().add("remote")))
            .add(new JsonObject().put("type", "filehashvalue").put("key", "dropped").put("value", SHA256.toUpperCase())
                .putNull("context")))
        .encode();

    DeepAlertMessages.Answer answer = DeepAlertMessages.decodeNewAttributes(body);

    assertThat(answer.kind()).isEqualTo(DeepAlertMessages.ATTRIBUTES);
    assertThat(answer.attributeHash()).isEqualTo(SAMPLE.hash());
    assertThat(answer.result().findings()).isEmpty();
    assertThat(answer.result().attributes()).containsExactly(
        Attribute.of(Attribute.DOMAIN, "c2", "c2.example", Attribute.REMOTE),
        Attribute.of(Attribute.FILEHASH, "dropped", SHA256));
  }

  @Test
  void theSameMessageHasTheSameIdAndAnotherMessageAnother() {
    String body = finding(echoed(SOURCE));

    assertThat(DeepAlertMessages.decodeFinding(body).id()).isEqualTo(DeepAlertMessages.decodeFinding(body).id())
        .hasSize(64);
    assertThat(DeepAlertMessages.decodeFinding(body.replace("NL", "DE")).id())
        .isNotEqualTo(DeepAlertMessages.decodeFinding(body).id());
  }

  @Test
  void anAnswerThatIsNotValidIsRefusedWithEveryProblemNamed() {
    JsonObject badAttribute = new JsonObject().put("type", "ipaddr").put("value", "999.1.1.1");
    String finding = new JsonObject().put("author", 7).put("attribute", badAttribute).put("type", "Host Info")
        .put("content", "nothing").encode();
    String attributes = new JsonObject().put("report_id", " ").put("attributes", new JsonArray()
        .add(new JsonObject().put("type", "url").put("value", "not a url"))).encode();

    MalformedMessageException refusedFinding = catchThrowableOfType(MalformedMessageException.class,
        () -> DeepAlertMessages.decodeFinding(finding));
    MalformedMessageException refusedAttributes = catchThrowableOfType(MalformedMessageException.class,
        () -> DeepAlertMessages.decodeNewAttributes(attributes));

    assertThat(refusedFinding.violations()).extracting(v -> v.path())
        .containsExactlyInAnyOrder("report_id", "author", "attribute.value", "type", "content");
    assertThat(refusedFinding.getMessage()).startsWith("malformed deepalert finding: ")
        .contains("attribute.value: must be an IPv4 or IPv6 address, was \"999.1.1.1\"");
    assertThat(refusedAttributes.violations()).extracting(v -> v.path())
        .containsExactlyInAnyOrder("report_id", "origin_attr", "attributes[0].value");
    assertThat(refusedAttributes.getMessage()).startsWith("malformed deepalert new attributes: ");
  }

  @Test
  void somethingThatIsNotAJsonObjectIsRefused() {
    for (String body : List.of("", "not json", "[1, 2]", "\"a string\"", "{\"report_id\": ")) {
      MalformedMessageException refused = catchThrowableOfType(MalformedMessageException.class,
          () -> DeepAlertMessages.decodeFinding(body));
      assertThat(refused).as(body).isNotNull();
      assertThat(refused.getMessage()).isEqualTo("malformed deepalert finding: $: must be a JSON object");
    }
    assertThat(catchThrowableOfType(MalformedMessageException.class, () -> DeepAlertMessages.decodeNewAttributes(null)))
        .isNotNull();
  }
}
