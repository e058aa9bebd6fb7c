package org.alertresponder.engine.api;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The alert wire rules of DESIGN §2, as {@link AlertCodec#decode(Object)} enforces them: each bad alert
 * is the valid base alert with one thing changed, given as JSON text, and the test pins the exact list of
 * violations (path, rule, limit and message).
 */
class AlertValidationTest {

  /** The example alert of DESIGN §2. */
  private static final String DESIGN_EXAMPLE = """
      {"detector": "guardduty", "rule_id": "UnauthorizedAccess:EC2/SSHBruteForce",
       "rule_name": "SSH brute force", "alert_key": "i-0abc12",
       "description": "198.51.100.7 is performing SSH brute force attacks against i-0abc12",
       "timestamp": "2026-11-27T10:00:00Z",
       "attributes": [{"type": "ipaddr", "key": "source address", "value": "198.51.100.7",
                       "context": ["remote", "client"]}],
       "body": {"any": "original detector payload"}}
      """;

  private static final String DOMAIN_RULE = "must be a host name (labels of letters, digits, '-' or '_', at most 63 "
      + "characters each, 253 in all; internationalised names in punycode)";
  private static final String FILEHASH_RULE = "must be an MD5, SHA-1 or SHA-256 hash: 32, 40 or 64 hex digits";
  private static final String URL_RULE =
      "must be an absolute URL with a scheme (and a host for http, https, ftp, ws and wss)";
  private static final String TIMESTAMP_RULE =
      "must be an RFC 3339 date-time with an offset, like 2026-11-27T10:00:00Z";
  private static final String TYPE_RULE = "must be a known type (ipaddr, domain, username, filehash, url, json) or "
      + "a lower-case word of at most 64 characters matching [a-z][a-z0-9_.-]*";
  private static final String CONTEXT_RULE = "must be a lower-case word of at most 64 characters (remote, local, "
      + "subject, object, client, server, file, additional or your own)";

  // ---- the table ----------------------------------------------------------------------------------

  static Stream<Case> badAlerts() {
    return Stream.of(
        // detector
        bad("missing detector", without("detector"),
            v("detector", Violation.REQUIRED, null, "is required")),
        bad("null detector", with("detector", "null"),
            v("detector", Violation.REQUIRED, null, "is required")),
        bad("blank detector", with("detector", "\"   \""),
            v("detector", Violation.NOT_BLANK, null, "must not be blank")),
        bad("detector that is a number", with("detector", "42"),
            v("detector", Violation.TYPE, null, "must be a string, was a number")),
        bad("detector of 1025 characters", with("detector", quoted("d".repeat(1025))),
            v("detector", Violation.MAX_LENGTH, 1024L, "must be at most 1024 characters, has 1025")),
        // rule_id
        bad("missing rule_id", without("rule_id"),
            v("rule_id", Violation.REQUIRED, null, "is required")),
        bad("empty rule_id", with("rule_id", "\"\""),
            v("rule_id", Violation.NOT_BLANK, null, "must not be blank")),
        bad("rule_id that is a boolean", with("rule_id", "true"),
            v("rule_id", Violation.TYPE, null, "must be a string, was a boolean")),
        bad("rule_id of 1025 characters", with("rule_id", quoted("r".repeat(1025))),
            v("rule_id", Violation.MAX_LENGTH, 1024L, "must be at most 1024 characters, has 1025")),
        // optional text
        bad("rule_name of 1025 characters", with("rule_name", quoted("n".repeat(1025))),
            v("rule_name", Violation.MAX_LENGTH, 1024L, "must be at most 1024 characters, has 1025")),
        bad("alert_key of 1025 characters", with("alert_key", quoted("k".repeat(1025))),
            v("alert_key", Violation.MAX_LENGTH, 1024L, "must be at most 1024 characters, has 1025")),
        bad("alert_key that is an object", with("alert_key", "{\"instance\": \"i-0abc12\"}"),
            v("alert_key", Violation.TYPE, null, "must be a string, was an object")),
        bad("description of 4097 characters", with("description", quoted("x".repeat(4097))),
            v("description", Violation.MAX_LENGTH, 4096L, "must be at most 4096 characters, has 4097")),
        // timestamp
        bad("timestamp that is not RFC 3339", with("timestamp", "\"27/11/2026 10:00\""),
            v("timestamp", Violation.FORMAT, null, TIMESTAMP_RULE + ", was \"27/11/2026 10:00\"")),
        bad("timestamp without offset", with("timestamp", "\"2026-11-27T10:00:00\""),
            v("timestamp", Violation.FORMAT, null, TIMESTAMP_RULE + ", was \"2026-11-27T10:00:00\"")),
        bad("timestamp that is a number (epoch seconds)", with("timestamp", "1795773600"),
            v("timestamp", Violation.TYPE, null, "must be a string, was a number")),
        bad("timestamp of an impossible date", with("timestamp", "\"2026-02-30T00:00:00Z\""),
            v("timestamp", Violation.FORMAT, null, TIMESTAMP_RULE + ", was \"2026-02-30T00:00:00Z\"")),
        bad("timestamp without seconds", with("timestamp", "\"2026-11-27T10:00Z\""),
            v("timestamp", Violation.FORMAT, null, TIMESTAMP_RULE + ", was \"2026-11-27T10:00Z\"")),
        bad("timestamp with an hour-only offset", with("timestamp", "\"2026-11-27T10:00:00+01\""),
            v("timestamp", Violation.FORMAT, null, TIMESTAMP_RULE + ", was \"2026-11-27T10:00:00+01\"")),
        // attributes as a whole
        bad("attributes that is an object", with("attributes", "{\"type\": \"ipaddr\", \"value\": \"198.51.100.7\"}"),
            v("attributes", Violation.TYPE, null, "must be an array, was an object")),
        bad("101 attributes", withAttributeCount(101),
            v("attributes", Violation.MAX_ITEMS, 100L, "must have at most 100 attributes, has 101")),
        bad("an attribute that is a string", with("attributes", "[" + BASE_ATTRIBUTE + ", \"198.51.100.7\"]"),
            v("attributes[1]", Violation.TYPE, null, "must be an object, was a string")),
        bad("an attribute that is null", with("attributes", "[null]"),
            v("attributes[0]", Violation.TYPE, null, "must be an object, was null")),
        // attribute type
        bad("attribute without type", attributeWithout("type"),
            v("attributes[0].type", Violation.REQUIRED, null, "is required")),
        bad("upper-case attribute type", attributeWith("type", "\"IPADDR\""),
            v("attributes[0].type", Violation.PATTERN, 64L, TYPE_RULE + ", was \"IPADDR\"")),
        bad("attribute type of 65 characters", attributeWith("type", quoted("t".repeat(65))),
            v("attributes[0].type", Violation.PATTERN, 64L, TYPE_RULE + ", was \"" + "t".repeat(61) + "...\"")),
        // attribute value and key
        bad("attribute without value", attributeWithout("value"),
            v("attributes[0].value", Violation.REQUIRED, null, "is required")),
        bad("blank attribute value", attributeWith("value", "\" \""),
            v("attributes[0].value", Violation.NOT_BLANK, null, "must not be blank")),
        bad("attribute value that is a number", attributeWith("value", "198"),
            v("attributes[0].value", Violation.TYPE, null, "must be a string, was a number")),
        bad("attribute value of 1025 characters", attribute("username", quoted("u".repeat(1025))),
            v("attributes[0].value", Violation.MAX_LENGTH, 1024L, "must be at most 1024 characters, has 1025")),
        bad("attribute key of 1025 characters", attributeWith("key", quoted("k".repeat(1025))),
            v("attributes[0].key", Violation.MAX_LENGTH, 1024L, "must be at most 1024 characters, has 1025")),
        // ipaddr
        bad("ipaddr with an octet over 255", attribute("ipaddr", "\"999.1.1.1\""),
            formatViolation("must be an IPv4 or IPv6 address", "999.1.1.1")),
        bad("ipaddr with a leading zero", attribute("ipaddr", "\"01.2.3.4\""),
            formatViolation("must be an IPv4 or IPv6 address", "01.2.3.4")),
        bad("ipaddr with two '::'", attribute("ipaddr", "\"fe80::1::2\""),
            formatViolation("must be an IPv4 or IPv6 address", "fe80::1::2")),
        bad("ipaddr with nine IPv6 groups", attribute("ipaddr", "\"1:2:3:4:5:6:7:8:9\""),
            formatViolation("must be an IPv4 or IPv6 address", "1:2:3:4:5:6:7:8:9")),
        // domain
        bad("domain with a space", attribute("domain", "\"exa mple.com\""),
            formatViolation(DOMAIN_RULE, "exa mple.com")),
        bad("domain with a 64-character label", attribute("domain", quoted("a".repeat(64) + ".example.com")),
            formatViolation(DOMAIN_RULE, "a".repeat(61) + "...")),
        bad("domain with a leading hyphen", attribute("domain", "\"-example.com\""),
            formatViolation(DOMAIN_RULE, "-example.com")),
        bad("body holding a number beyond a double", "{\"detector\": \"ids\", \"rule_id\": \"scan\", \"body\": "
            + "{\"score\": [1, 1e400]}}",
            v("body", Violation.FORMAT, null, "must not hold a number beyond the range of a double (such as 1e400)")),
        bad("domain that is really a bad IP address", attribute("domain", "\"999.1.1.1\""),
            formatViolation(DOMAIN_RULE, "999.1.1.1")),
        // filehash
        bad("filehash of 33 hex digits", attribute("filehash", quoted("a".repeat(33))),
            formatViolation(FILEHASH_RULE, "a".repeat(33))),
        bad("filehash with a non-hex digit", attribute("filehash", quoted("g".repeat(32))),
            formatViolation(FILEHASH_RULE, "g".repeat(32))),
        bad("deepalert filehashvalue with a bad value", attribute("filehashvalue", "\"not-a-hash\""),
            formatViolation(FILEHASH_RULE, "not-a-hash")),
        // url and json
        bad("relative url", attribute("url", "\"/path\""),
            formatViolation(URL_RULE, "/path")),
        bad("http url without host", attribute("url", "\"http://\""),
            formatViolation(URL_RULE, "http://")),
        bad("json value that is not JSON", attribute("json", quoted("{\"a\":")),
            formatViolation("must be a JSON document", "{\"a\":")),
        // context
        bad("context that is a string", attributeWith("context", "\"remote\""),
            v("attributes[0].context", Violation.TYPE, null, "must be an array, was a string")),
        bad("upper-case context word", attributeWith("context", "[\"remote\", \"Client\"]"),
            v("attributes[0].context[1]", Violation.PATTERN, 64L, CONTEXT_RULE + ", was \"Client\"")),
        bad("context word that is a number", attributeWith("context", "[\"remote\", 5]"),
            v("attributes[0].context[1]", Violation.TYPE, null, "must be a string, was a number")),
        bad("17 context words", attributeWith("context", contextWords(17)),
            v("attributes[0].context", Violation.MAX_ITEMS, 16L, "must have at most 16 words, has 17")),
        bad("attribute timestamp without offset", attributeWith("timestamp", "\"2026-11-27T10:00:00\""),
            v("attributes[0].timestamp", Violation.FORMAT, null, TIMESTAMP_RULE + ", was \"2026-11-27T10:00:00\"")),
        // body and root
        // {"data":"…"} encodes to 11 bytes plus the string: 65,526 characters make 65,537 bytes, one too many.
        bad("body over 64 KiB", with("body", "{\"data\": " + quoted("b".repeat(65_526)) + "}"),
            v("body", Violation.MAX_BYTES, 65_536L, "must be at most 65536 bytes of JSON, is 65537")),
        bad("root that is an array", "[" + DESIGN_EXAMPLE + "]",
            v("$", Violation.TYPE, null, "must be an object, was an array")),
        bad("root that is a string", "\"guardduty\"",
            v("$", Violation.TYPE, null, "must be an object, was a string")),
        // Every problem, in the order the fields appear in the wire model, whichever check found it.
        bad("several problems at once", """
                {"detector": 42, "rule_id": " ", "timestamp": "yesterday",
                 "attributes": [{"type": "IP", "value": ""},
                                {"type": "ipaddr", "value": "10.0.0.1", "context": ["remote", 7]}]}
                """,
            v("detector", Violation.TYPE, null, "must be a string, was a number"),
            v("rule_id", Violation.NOT_BLANK, null, "must not be blank"),
            v("timestamp", Violation.FORMAT, null, TIMESTAMP_RULE + ", was \"yesterday\""),
            v("attributes[0].type", Violation.PATTERN, 64L, TYPE_RULE + ", was \"IP\""),
            v("attributes[0].value", Violation.NOT_BLANK, null, "must not be blank"),
            v("attributes[1].context[1]", Violation.TYPE, null, "must be a string, was a number")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badAlerts")
  void rejectsBadAlertWithExactViolations(Case c) {
    Object json = Json.decodeValue(c.json());

    InvalidAlertException e = catchThrowableOfType(InvalidAlertException.class, () -> AlertCodec.decode(json));

    assertThat(e).as("decode must reject %s", c.name()).isNotNull();
    assertThat(e.violations()).containsExactlyElementsOf(c.expected());
    assertThat(e.getMessage()).startsWith("invalid alert: " + c.expected().get(0).path() + ": ");
  }

  @Test
  void tableCoversEveryRuleAndAtLeast35Cases() {
    List<Case> cases = badAlerts().toList();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(35);
    assertThat(cases.stream().map(Case::name).distinct()).hasSameSizeAs(cases);
    assertThat(cases.stream().flatMap(c -> c.expected().stream()).map(Violation::rule).distinct())
        .containsExactlyInAnyOrder(Violation.REQUIRED, Violation.NOT_BLANK, Violation.TYPE, Violation.MAX_LENGTH,
            Violation.MAX_ITEMS, Violation.MAX_BYTES, Violation.PATTERN, Violation.FORMAT);
  }

  @Test
  void prefixesEveryPathInABatch() {
    Object json = Json.decodeValue(attributeWith("value", "\"\""));

    InvalidAlertException e =
        catchThrowableOfType(InvalidAlertException.class, () -> AlertCodec.decode(json, "[3]"));

    assertThat(e.violations()).containsExactly(
        v("[3].attributes[0].value", Violation.NOT_BLANK, null, "must not be blank"));
  }

  @Test
  void prefixesTheRootPathInABatch() {
    InvalidAlertException e =
        catchThrowableOfType(InvalidAlertException.class, () -> AlertCodec.decode("text", "[3]"));

    assertThat(e.violations()).containsExactly(v("[3]", Violation.TYPE, null, "must be an object, was a string"));
  }

  // ---- valid alerts -------------------------------------------------------------------------------

  @Test
  void decodesTheDesignExample() {
    Alert alert = AlertCodec.decode(Json.decodeValue(DESIGN_EXAMPLE));

    assertThat(alert.detector()).isEqualTo("guardduty");
    assertThat(alert.ruleId()).isEqualTo("UnauthorizedAccess:EC2/SSHBruteForce");
    assertThat(alert.ruleName()).isEqualTo("SSH brute force");
    assertThat(alert.alertKey()).isEqualTo("i-0abc12");
    assertThat(alert.description()).isEqualTo("198.51.100.7 is performing SSH brute force attacks against i-0abc12");
    assertThat(alert.timestamp()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
    assertThat(alert.attributes()).containsExactly(
        new Attribute("ipaddr", "source address", "198.51.100.7", List.of("remote", "client"), null));
    assertThat(alert.body()).isEqualTo(new JsonObject().put("any", "original detector payload"));
  }

  @Test
  void decodesAMapAsWellAsAJsonObject() {
    Alert alert = AlertCodec.decode(Map.of("detector", "ids", "rule_id", "r1"));

    assertThat(alert).isEqualTo(Alert.builder("ids", "r1").build());
  }

  @Test
  void acceptsAMinimalAlertAndLeavesTheTimestampToTheEngine() {
    Alert alert = AlertCodec.decode(Json.decodeValue("{\"detector\": \"ids\", \"rule_id\": \"r1\"}"));

    assertThat(alert.timestamp()).isNull();
    assertThat(alert.attributes()).isEmpty();
    assertThat(alert.alertKey()).isNull();
    assertThat(alert.body()).isNull();
  }

  @Test
  void acceptsValuesExactlyAtTheLimits() {
    JsonObject json = new JsonObject(DESIGN_EXAMPLE)
        .put("detector", "d".repeat(1024))
        .put("rule_id", "r".repeat(1024))
        .put("rule_name", "n".repeat(1024))
        .put("alert_key", "k".repeat(1024))
        .put("description", "x".repeat(4096))
        .put("body", new JsonObject().put("data", "b".repeat(65_525)));
    JsonArray attributes = new JsonArray();
    for (int i = 0; i < 100; i++) {
      attributes.add(new JsonObject().put("type", "t".repeat(64)).put("key", "k".repeat(1024))
          .put("value", "v".repeat(1024)).put("context", new JsonArray(contextWords(16))));
    }
    json.put("attributes", attributes);

    Alert alert = AlertCodec.decode(Json.decodeValue(json.encode()));

    assertThat(alert.attributes()).hasSize(100);
    assertThat(alert.attributes().get(99).context()).hasSize(16);
  }

  @Test
  void acceptsMultiByteTextCountedInCharactersNotBytes() {
    String snowmen = "\u2603".repeat(1024);

    Alert alert = AlertCodec.decode(Json.decodeValue(with("detector", quoted(snowmen))));

    assertThat(alert.detector()).isEqualTo(snowmen);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "255.255.255.255", "198.51.100.7", "::", "::1", "2001:db8::1",
      "::ffff:192.0.2.1", "fe80:0:1:2:3:4:5:6"})
  void acceptsIpAddressesAlreadyInCanonicalForm(String address) {
    Alert alert = AlertCodec.decode(Json.decodeValue(attribute("ipaddr", quoted(address))));

    assertThat(alert.attributes().get(0).value()).isEqualTo(address);
  }

  @ParameterizedTest
  @CsvSource({
      "2001:0db8:0000:0000:0000:ff00:0042:8329, 2001:db8::ff00:42:8329",
      "fe80::1:2:3:4:5:6, fe80:0:1:2:3:4:5:6",
      "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0",
      "2001:DB8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
      "0:0:0:0:0:0:0:1, ::1"})
  void writesIpv6AddressesInTheirRfc5952FormSoThatTheSameAddressHashesAlike(String written, String canonical) {
    Alert alert = AlertCodec.decode(Json.decodeValue(attribute("ipaddr", quoted(written))));

    assertThat(alert.attributes().get(0).value()).isEqualTo(canonical);
  }

  @Test
  void lowerCasesIpv6Addresses() {
    Alert alert = AlertCodec.decode(Json.decodeValue(attribute("ipaddr", "\"2001:DB8::A\"")));

    assertThat(alert.attributes().get(0).value()).isEqualTo("2001:db8::a");
  }

  @Test
  void turnsDeepalertFilehashvalueIntoFilehashInLowerCase() {
    String sha256 = "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855";

    Alert alert = AlertCodec.decode(Json.decodeValue(attribute("filehashvalue", quoted(sha256))));

    assertThat(alert.attributes().get(0).type()).isEqualTo(Attribute.FILEHASH);
    assertThat(alert.attributes().get(0).value())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @ParameterizedTest
  @ValueSource(strings = {"d41d8cd98f00b204e9800998ecf8427e", "da39a3ee5e6b4b0d3255bfef95601890afd80709",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"})
  void acceptsMd5Sha1AndSha256Hashes(String hash) {
    Alert alert = AlertCodec.decode(Json.decodeValue(attribute("filehash", quoted(hash))));

    assertThat(alert.attributes().get(0).value()).isEqualTo(hash);
  }

  @Test
  void lowerCasesDomainsAndDropsTheFinalDot() {
    Alert alert = AlertCodec.decode(Json.decodeValue(attribute("domain", "\"WWW.Example.COM.\"")));

    assertThat(alert.attributes().get(0).value()).isEqualTo("www.example.com");
  }

  @ParameterizedTest
  @ValueSource(strings = {"example.com", "_dmarc.example.com", "xn--bcher-kva.example", "localhost"})
  void acceptsHostNames(String domain) {
    Alert alert = AlertCodec.decode(Json.decodeValue(attribute("domain", quoted(domain))));

    assertThat(alert.attributes().get(0).value()).isEqualTo(domain);
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://example.com/path?q=1", "ftp://files.example.com/a", "mailto:soc@example.com",
      "urn:isbn:0451450523"})
  void acceptsAbsoluteUrls(String url) {
    Alert alert = AlertCodec.decode(Json.decodeValue(attribute("url", quoted(url))));

    assertThat(alert.attributes().get(0).value()).isEqualTo(url);
  }

  @Test
  void keepsUsernamesAndCustomTypesAsGiven() {
    String json = with("attributes", """
        [{"type": "username", "value": "Alice"},
         {"type": "aws.instance-id_2", "value": "i-0ABC", "context": ["my_own-word"]}]
        """);

    Alert alert = AlertCodec.decode(Json.decodeValue(json));

    assertThat(alert.attributes()).extracting(Attribute::value).containsExactly("Alice", "i-0ABC");
    assertThat(alert.attributes().get(1).type()).isEqualTo("aws.instance-id_2");
  }

  @Test
  void ignoresUnknownFields() {
    JsonObject json = new JsonObject(DESIGN_EXAMPLE).put("severity", "high").put("extra", new JsonArray().add(1));
    json.getJsonArray("attributes").getJsonObject(0).put("confidence", 0.9);

    Alert alert = AlertCodec.decode(Json.decodeValue(json.encode()));

    assertThat(alert).isEqualTo(AlertCodec.decode(Json.decodeValue(DESIGN_EXAMPLE)));
  }

  @Test
  void turnsATimestampWithAnOffsetIntoTheUtcInstant() {
    Alert alert = AlertCodec.decode(Json.decodeValue(with("timestamp", "\"2026-11-27T11:30:00.250+01:30\"")));

    assertThat(alert.timestamp()).isEqualTo(Instant.parse("2026-11-27T10:00:00.250Z"));
    assertThat(AlertCodec.encode(alert).getString("timestamp")).isEqualTo("2026-11-27T10:00:00.250Z");
  }

  @Test
  void acceptsAnyJsonValueAsBody() {
    Alert alert = AlertCodec.decode(Json.decodeValue(with("body", "[1, \"two\", {\"three\": 3}]")));

    assertThat(alert.body()).isEqualTo(new JsonArray().add(1).add("two").add(new JsonObject().put("three", 3)));
  }

  @Test
  void encodesWhatItDecodes() {
    Alert alert = AlertCodec.decode(Json.decodeValue(DESIGN_EXAMPLE));

    assertThat(AlertCodec.decode(Json.decodeValue(AlertCodec.encode(alert).encode()))).isEqualTo(alert);
  }

  // ---- building the cases -------------------------------------------------------------------------

  private static final String BASE_ATTRIBUTE =
      "{\"type\": \"ipaddr\", \"key\": \"source address\", \"value\": \"198.51.100.7\", "
          + "\"context\": [\"remote\", \"client\"]}";

  /** A bad alert: its name, its JSON text and every violation decode must report, in order. */
  record Case(String name, String json, List<Violation> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case bad(String name, String json, Violation... expected) {
    return new Case(name, json, List.of(expected));
  }

  private static Violation v(String path, String rule, Long limit, String message) {
    return new Violation(path, rule, limit, message);
  }

  private static Violation formatViolation(String rule, String shownValue) {
    return v("attributes[0].value", Violation.FORMAT, null, rule + ", was \"" + shownValue + "\"");
  }

  /** The design example with one top-level field set to a JSON value given as text. */
  private static String with(String field, String jsonValue) {
    return edit(alert -> alert.put(field, Json.decodeValue(jsonValue)));
  }

  private static String without(String field) {
    return edit(alert -> alert.remove(field));
  }

  /** The design example whose only attribute has one field set to a JSON value given as text. */
  private static String attributeWith(String field, String jsonValue) {
    return edit(alert -> alert.getJsonArray("attributes").getJsonObject(0).put(field, Json.decodeValue(jsonValue)));
  }

  private static String attributeWithout(String field) {
    return edit(alert -> alert.getJsonArray("attributes").getJsonObject(0).remove(field));
  }

  /** The design example whose only attribute has this type and value (given as JSON text). */
  private static String attribute(String type, String jsonValue) {
    return edit(alert -> alert.getJsonArray("attributes").getJsonObject(0)
        .put("type", type).put("value", Json.decodeValue(jsonValue)));
  }

  private static String withAttributeCount(int count) {
    JsonArray attributes = new JsonArray();
    for (int i = 0; i < count; i++) {
      attributes.add(new JsonObject().put("type", "username").put("value", "user" + i));
    }
    return edit(alert -> alert.put("attributes", attributes));
  }

  private static String edit(Consumer<JsonObject> change) {
    JsonObject alert = new JsonObject(DESIGN_EXAMPLE);
    change.accept(alert);
    return alert.encode();
  }

  private static String contextWords(int count) {
    JsonArray words = new JsonArray();
    for (int i = 0; i < count; i++) {
      words.add("word" + i);
    }
    return words.encode();
  }

  private static String quoted(String text) {
    return Json.encode(text);
  }
}
