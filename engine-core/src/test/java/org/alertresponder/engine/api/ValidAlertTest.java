package org.alertresponder.engine.api;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** An alert validated once, at the edge, is the same alert the engine's own validation would accept. */
class ValidAlertTest {
  private static final Alert ALERT = Alert.builder("guardduty", "SSHBruteForce").alertKey("i-0abc12")
      .attribute(Attribute.DOMAIN, "peer", "Scanner.Example.NET.", Attribute.REMOTE).build();

  @Test
  void aValidAlertIsTheAlertNormalised() {
    assertThat(ValidAlert.of(ALERT).alert()).isEqualTo(AlertValidator.normalize(ALERT));
    assertThat(ValidAlert.of(ALERT).alert().attributes().get(0).value()).isEqualTo("scanner.example.net");
  }

  @Test
  void decodingGivesTheSameValidAlertAsValidatingTheDecodedAlert() {
    JsonObject json = AlertCodec.encode(ALERT);

    assertThat(AlertCodec.decodeValid(json, "")).isEqualTo(ValidAlert.of(ALERT));
    assertThat(AlertCodec.decodeValid(json, "").alert()).isEqualTo(AlertCodec.decode(json));
  }

  @Test
  void anInvalidAlertIsRefusedWithEveryBrokenRule() {
    Alert noDetector = new Alert("", "rule", null, null, null, null, java.util.List.of(
        Attribute.of(Attribute.IPADDR, "source", "not an address")), null);

    InvalidAlertException refused = catchThrowableOfType(InvalidAlertException.class, () -> ValidAlert.of(noDetector));

    assertThat(refused.violations()).extracting(Violation::path).containsExactly("detector", "attributes[0].value");
  }
}
