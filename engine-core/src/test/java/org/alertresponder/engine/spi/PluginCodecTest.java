package org.alertresponder.engine.spi;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.api.Severity;
import org.alertresponder.engine.api.Verdict;
import org.alertresponder.engine.api.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/** The messages between the engine and its plugins: inspection tasks and results, verdicts. */
class PluginCodecTest {

  @Test
  void taskRoundTrips() {
    InspectionTask task = new InspectionTask("report-1",
        Attribute.of("ipaddr", "source address", "198.51.100.7", "remote", "client"), 2);

    JsonObject json = PluginCodec.encode(task);

    assertThat(json.getString("report_id")).isEqualTo("report-1");
    assertThat(json.getInteger("depth")).isEqualTo(2);
    assertThat(PluginCodec.decodeTask(new JsonObject(json.encode()))).isEqualTo(task);
  }

  @Test
  void taskWithoutDepthIsDepthZero() {
    InspectionTask task = PluginCodec.decodeTask(Json.decodeValue(
        "{\"report_id\": \"r\", \"attribute\": {\"type\": \"domain\", \"value\": \"example.com\"}}"));

    assertThat(task.depth()).isZero();
  }

  @Test
  void malformedTaskNamesTheField() {
    PluginCodec.MalformedMessageException e = catchThrowableOfType(PluginCodec.MalformedMessageException.class,
        () -> PluginCodec.decodeTask(Json.decodeValue("{\"report_id\": 1, \"attribute\": []}")));

    assertThat(e.violations()).extracting(Violation::path).containsExactly("report_id", "attribute");
  }

  @Test
  void decodesAGoodResultAndNormalisesItsAttributes() {
    String json = """
        {"findings": [{"type": "host", "content": {"country": ["NL"]}},
                      {"type": "my_feed", "content": {}},
                      {"type": "user"}],
         "attributes": [{"type": "domain", "key": "reverse name", "value": "Scanner.Example.NET.",
                         "context": ["remote"]},
                        {"type": "filehashvalue", "value": "D41D8CD98F00B204E9800998ECF8427E"}]}
        """;

    InspectionResult result = PluginCodec.decodeResult(Json.decodeValue(json));

    assertThat(result.findings()).containsExactly(
        Finding.of("host", new JsonObject().put("country", List.of("NL"))),
        Finding.of("my_feed", new JsonObject()),
        Finding.of("user", new JsonObject()));
    assertThat(result.findings()).extracting(Finding::author).containsOnlyNulls();
    assertThat(result.attributes()).containsExactly(
        Attribute.of("domain", "reverse name", "scanner.example.net", "remote"),
        Attribute.of("filehash", "", "d41d8cd98f00b204e9800998ecf8427e"));
  }

  @Test
  void emptyAnswerIsAnEmptyResult() {
    assertThat(PluginCodec.decodeResult(new JsonObject())).isEqualTo(InspectionResult.empty());
  }

  @Test
  void resultRoundTrips() {
    InspectionResult result = new InspectionResult(
        List.of(Finding.of("binary", new JsonObject().put("related_malware", List.of("x")))),
        List.of(Attribute.of("url", "download", "https://example.com/x.exe", "remote")));

    assertThat(PluginCodec.decodeResult(new JsonObject(PluginCodec.encode(result).encode()))).isEqualTo(result);
  }

  static Stream<Object[]> malformedResults() {
    return Stream.of(
        new Object[] {"{\"findings\": [{\"type\": \"host\", \"content\": {\"score\": 1e400}}]}",
            List.of(v("findings[0].content", Violation.FORMAT, null,
                "must not hold a number beyond the range of a double (such as 1e400)"))},
        new Object[] {"{\"findings\": {\"type\": \"host\"}}",
            List.of(v("findings", Violation.TYPE, null, "must be an array, was an object"))},
        new Object[] {"{\"findings\": [\"host\"]}",
            List.of(v("findings[0]", Violation.TYPE, null, "must be an object, was a string"))},
        new Object[] {"{\"findings\": [{\"content\": {}}]}",
            List.of(v("findings[0].type", Violation.REQUIRED, null, "is required"))},
        new Object[] {"{\"findings\": [{\"type\": 7, \"content\": {}}]}",
            List.of(v("findings[0].type", Violation.TYPE, null, "must be a string, was a number"))},
        new Object[] {"{\"findings\": [{\"type\": \"host\"}, {\"type\": \"Host\", \"content\": {}}]}",
            List.of(v("findings[1].type", Violation.PATTERN, 64L,
                "must be host, user, binary or a lower-case word of at most 64 characters, was \"Host\""))},
        new Object[] {"{\"findings\": [{\"type\": \"host\", \"content\": \"Amsterdam\"}]}",
            List.of(v("findings[0].content", Violation.TYPE, null, "must be an object, was a string"))},
        new Object[] {"{\"attributes\": {\"type\": \"ipaddr\"}}",
            List.of(v("attributes", Violation.TYPE, null, "must be an array, was an object"))},
        new Object[] {"{\"attributes\": [{\"type\": \"ipaddr\", \"value\": \"10.0.0.1\"}, "
            + "{\"type\": \"ipaddr\", \"value\": \"10.0.0.256\"}]}",
            List.of(v("attributes[1].value", Violation.FORMAT, null,
                "must be an IPv4 or IPv6 address, was \"10.0.0.256\""))},
        new Object[] {"{\"attributes\": [{\"value\": \"x\", \"context\": [\"remote\", null]}]}",
            List.of(v("attributes[0].context[1]", Violation.TYPE, null, "must be a string, was null"),
                v("attributes[0].type", Violation.REQUIRED, null, "is required"))},
        new Object[] {"[]",
            List.of(v("$", Violation.TYPE, null, "must be an object, was an array"))});
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedResults")
  void rejectsMalformedResultsNamingEachProblem(String json, List<Violation> expected) {
    PluginCodec.MalformedMessageException e = catchThrowableOfType(PluginCodec.MalformedMessageException.class,
        () -> PluginCodec.decodeResult(Json.decodeValue(json)));

    assertThat(e).isNotNull();
    assertThat(e.violations()).containsExactlyElementsOf(expected);
    assertThat(e.getMessage()).startsWith("malformed inspection result: " + expected.get(0));
  }

  @Test
  void reportsEveryProblemOfAResultAtOnce() {
    String json = """
        {"findings": [{"type": "Host", "content": []}],
         "attributes": [{"type": "ipaddr", "value": "1.2.3"}]}
        """;

    PluginCodec.MalformedMessageException e = catchThrowableOfType(PluginCodec.MalformedMessageException.class,
        () -> PluginCodec.decodeResult(Json.decodeValue(json)));

    assertThat(e.violations()).extracting(Violation::path, Violation::rule).containsExactly(
        tuple("findings[0].content", Violation.TYPE),
        tuple("findings[0].type", Violation.PATTERN),
        tuple("attributes[0].value", Violation.FORMAT));
  }

  @Test
  void verdictWithMissingOrEmptySeverityIsUnclassified() {
    assertThat(PluginCodec.decodeVerdict(new JsonObject())).isEqualTo(new Verdict(Severity.UNCLASSIFIED, ""));
    assertThat(PluginCodec.decodeVerdict(Json.decodeValue("{\"severity\": \"\", \"reason\": \"nothing found\"}")))
        .isEqualTo(Verdict.unclassified("nothing found"));
  }

  @Test
  void verdictSeverityIsCaseInsensitive() {
    assertThat(PluginCodec.decodeVerdict(Json.decodeValue("{\"severity\": \"URGENT\", \"reason\": \"r\"}")))
        .isEqualTo(Verdict.urgent("r"));
  }

  @Test
  void verdictRoundTrips() {
    Verdict verdict = Verdict.safe("known scanner");

    assertThat(PluginCodec.encode(verdict)).isEqualTo(new JsonObject().put("severity", "safe")
        .put("reason", "known scanner"));
    assertThat(PluginCodec.decodeVerdict(PluginCodec.encode(verdict))).isEqualTo(verdict);
  }

  @Test
  void unknownSeverityIsMalformed() {
    PluginCodec.MalformedMessageException e = catchThrowableOfType(PluginCodec.MalformedMessageException.class,
        () -> PluginCodec.decodeVerdict(Json.decodeValue("{\"severity\": \"critical\"}")));

    assertThat(e.violations()).containsExactly(v("severity", Violation.FORMAT, null,
        "unknown severity \"critical\"; expected safe, unclassified or urgent"));
  }

  @Test
  void verdictFieldsOfTheWrongTypeAreMalformedAndNamed() {
    PluginCodec.MalformedMessageException e = catchThrowableOfType(PluginCodec.MalformedMessageException.class,
        () -> PluginCodec.decodeVerdict(Json.decodeValue("{\"severity\": 3, \"reason\": [\"x\"]}")));

    assertThat(e.violations()).containsExactly(
        v("severity", Violation.TYPE, null, "must be a string, was a number"),
        v("reason", Violation.TYPE, null, "must be a string, was an array"));
  }

  @Test
  void verdictThatIsNotAnObjectIsMalformed() {
    PluginCodec.MalformedMessageException e = catchThrowableOfType(PluginCodec.MalformedMessageException.class,
        () -> PluginCodec.decodeVerdict("urgent"));

    assertThat(e.violations()).containsExactly(v("$", Violation.TYPE, null, "must be an object, was a string"));
  }

  private static Violation v(String path, String rule, Long limit, String message) {
    return new Violation(path, rule, limit, message);
  }
}
