package org.alertresponder.engine.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Alert#groupKey()} and {@link Attribute#hash()}: SHA-256 over length-prefixed fields (DESIGN §2).
 * These values are stored and compared across versions and instances, so they must never change.
 */
class HashingTest {
  // Computed independently (Python hashlib over the same length-prefixed layout) and pinned.
  private static final String DESIGN_GROUP_KEY = "dee4fa6a5e069fa69cb0ae2a80ec4d9f85d31259cd62dd2fe2fa78de848ed0c6";
  private static final String DESIGN_GROUP_KEY_WITHOUT_ALERT_KEY =
      "96afbf821dccaeb2356c9a796038c11bdebda2b988c29ef78c535dea121f20e8";
  private static final String DESIGN_ATTRIBUTE_HASH =
      "47e06ad22ccb794a335e775f40a843b152d339281e36422c8aeca41b85923259";

  private static final Alert DESIGN_ALERT = Alert.builder("guardduty", "UnauthorizedAccess:EC2/SSHBruteForce")
      .ruleName("SSH brute force")
      .alertKey("i-0abc12")
      .timestamp(Instant.parse("2026-11-27T10:00:00Z"))
      .attribute("ipaddr", "source address", "198.51.100.7", "remote", "client")
      .build();

  @Test
  void groupKeyIsPinned() {
    assertThat(DESIGN_ALERT.groupKey()).isEqualTo(DESIGN_GROUP_KEY);
  }

  @Test
  void groupKeyIsTheSha256OfTheLengthPrefixedFields() {
    assertThat(DESIGN_ALERT.groupKey())
        .isEqualTo(referenceHash(List.of("guardduty", "UnauthorizedAccess:EC2/SSHBruteForce", "i-0abc12"), null));
  }

  @Test
  void attributeHashIsPinned() {
    assertThat(DESIGN_ALERT.attributes().get(0).hash()).isEqualTo(DESIGN_ATTRIBUTE_HASH);
  }

  @Test
  void attributeHashIsTheSha256OfTheLengthPrefixedFieldsAndSortedContext() {
    assertThat(DESIGN_ALERT.attributes().get(0).hash())
        .isEqualTo(referenceHash(List.of("ipaddr", "source address", "198.51.100.7"), List.of("client", "remote")));
  }

  @Test
  void groupKeyIsTheSameAcrossCallsAndDecodes() {
    Alert decoded = AlertCodec.decode(AlertCodec.encode(DESIGN_ALERT));

    assertThat(DESIGN_ALERT.groupKey()).isEqualTo(DESIGN_ALERT.groupKey()).isEqualTo(decoded.groupKey());
  }

  @Test
  void groupKeyDependsOnlyOnDetectorRuleIdAndAlertKey() {
    Alert other = Alert.builder("guardduty", "UnauthorizedAccess:EC2/SSHBruteForce")
        .alertKey("i-0abc12")
        .ruleName("another name")
        .description("another description")
        .timestamp(Instant.parse("2027-01-01T00:00:00Z"))
        .attribute("domain", "", "example.com")
        .body(new JsonObject().put("x", 1))
        .build();

    assertThat(other.groupKey()).isEqualTo(DESIGN_GROUP_KEY);
  }

  @Test
  void absentAlertKeyHashesLikeAnEmptyOne() {
    Alert absent = Alert.builder("guardduty", "UnauthorizedAccess:EC2/SSHBruteForce").build();
    Alert empty = Alert.builder("guardduty", "UnauthorizedAccess:EC2/SSHBruteForce").alertKey("").build();

    assertThat(absent.groupKey()).isEqualTo(empty.groupKey()).isEqualTo(DESIGN_GROUP_KEY_WITHOUT_ALERT_KEY);
  }

  @Test
  void lengthPrefixesKeepShiftedGroupFieldsApart() {
    Alert abC = Alert.builder("ab", "c").alertKey("x").build();
    Alert aBc = Alert.builder("a", "bc").alertKey("x").build();
    Alert aBCx = Alert.builder("a", "b").alertKey("cx").build();

    assertThat(abC.groupKey()).isNotEqualTo(aBc.groupKey());
    assertThat(aBCx.groupKey()).isNotEqualTo(aBc.groupKey());
  }

  @Test
  void lengthPrefixesKeepShiftedAttributeFieldsApart() {
    assertThat(Attribute.of("username", "ab", "c").hash()).isNotEqualTo(Attribute.of("username", "a", "bc").hash());
    assertThat(Attribute.of("username", "", "ab", "c").hash())
        .isNotEqualTo(Attribute.of("username", "", "a", "bc").hash());
    assertThat(Attribute.of("username", "", "a", "bc").hash())
        .isNotEqualTo(Attribute.of("username", "", "abc").hash());
  }

  @Test
  void timestampIsNotPartOfTheAttributeHash() {
    Attribute attribute = DESIGN_ALERT.attributes().get(0);

    assertThat(attribute.withTimestamp(Instant.parse("2030-01-01T00:00:00Z")).hash()).isEqualTo(DESIGN_ATTRIBUTE_HASH);
    assertThat(attribute.withTimestamp(null).hash()).isEqualTo(DESIGN_ATTRIBUTE_HASH);
  }

  @Test
  void contextOrderDoesNotMatter() {
    Attribute reversed = Attribute.of("ipaddr", "source address", "198.51.100.7", "client", "remote");

    assertThat(reversed.hash()).isEqualTo(DESIGN_ATTRIBUTE_HASH);
  }

  @Test
  void everyOtherAttributeFieldMatters() {
    assertThat(List.of(
        Attribute.of("domain", "source address", "198.51.100.7", "remote", "client"),
        Attribute.of("ipaddr", "destination address", "198.51.100.7", "remote", "client"),
        Attribute.of("ipaddr", "source address", "198.51.100.8", "remote", "client"),
        Attribute.of("ipaddr", "source address", "198.51.100.7", "remote"),
        Attribute.of("ipaddr", "source address", "198.51.100.7")))
        .extracting(Attribute::hash)
        .doesNotContain(DESIGN_ATTRIBUTE_HASH)
        .doesNotHaveDuplicates();
  }

  @Test
  void absentKeyHashesLikeAnEmptyOne() {
    Attribute absent = new Attribute("username", null, "alice", List.of(), null);

    assertThat(absent.hash()).isEqualTo(Attribute.of("username", "", "alice").hash());
  }

  @Test
  void equivalentSpellingsHashAlikeOnceDecoded() {
    Alert upper = decodeWithAttributes(
        attribute("filehashvalue", "D41D8CD98F00B204E9800998ECF8427E"), attribute("domain", "Example.COM."));
    Alert lower = decodeWithAttributes(
        attribute("filehash", "d41d8cd98f00b204e9800998ecf8427e"), attribute("domain", "example.com"));

    assertThat(upper.attributes()).extracting(Attribute::hash)
        .containsExactlyElementsOf(lower.attributes().stream().map(Attribute::hash).toList());
  }

  private static Alert decodeWithAttributes(JsonObject... attributes) {
    return AlertCodec.decode(new JsonObject().put("detector", "edr").put("rule_id", "r")
        .put("attributes", new JsonArray(List.of((Object[]) attributes))));
  }

  private static JsonObject attribute(String type, String value) {
    return new JsonObject().put("type", type).put("value", value);
  }

  /** The layout of DESIGN §2, written out independently of {@code Hashing}. */
  private static String referenceHash(List<String> fields, List<String> sortedContext) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String field : fields) {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
      }
      if (sortedContext != null) {
        digest.update(ByteBuffer.allocate(4).putInt(sortedContext.size()).array());
        for (String word : sortedContext) {
          byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
          digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
          digest.update(bytes);
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
