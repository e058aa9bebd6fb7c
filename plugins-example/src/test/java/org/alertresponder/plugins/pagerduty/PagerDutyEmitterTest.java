package org.alertresponder.plugins.pagerduty;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.alertresponder.engine.api.Severity;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.Emitter;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginException;
import org.alertresponder.engine.spi.PluginOptions;
import org.alertresponder.plugins.support.PublishedReports;
import org.alertresponder.plugins.support.RecordingHttpPeer;
import org.alertresponder.plugins.support.RecordingHttpPeer.Answer;
import org.alertresponder.tck.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.alertresponder.plugins.support.PluginFutures.await;
import static org.alertresponder.plugins.support.PluginFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class PagerDutyEmitterTest {
  private static final String ROUTING_KEY = "s3cr3tr0ut1ngk3ys3cr3tr0ut1ngk3y";
  private static final String PATH = "/v2/enqueue";

  private RecordingHttpPeer pagerDuty;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    pagerDuty = RecordingHttpPeer.start(vertx, PagerDutyEmitterTest::processed);
  }

  @AfterEach
  void stop() throws Exception {
    pagerDuty.close();
  }

  /** What the Events API answers to an event it accepted. */
  private static Answer processed(RecordingHttpPeer.Request request) {
    return Answer.json(202, new JsonObject().put("status", "success").put("message", "Event processed")
        .put("dedup_key", request.json().getString("dedup_key")));
  }

  @Test
  void anUrgentReportTriggersAnAlertKeyedByTheReportId(Vertx vertx) throws Exception {
    Map<String, Object> options = options();
    options.put("component", "sshd");
    options.put("group", "prod-web");
    options.put("class", "brute force");
    options.put("report-url", "https://console.example/reports/{id}");

    await(emitter(vertx, options).emit(PublishedReports.report().build()));

    RecordingHttpPeer.Request request = pagerDuty.only();
    assertThat(request.method()).isEqualTo(HttpMethod.POST);
    assertThat(request.path()).isEqualTo(PATH);
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("Accept")).isEqualTo("application/json");
    JsonObject expected = new JsonObject()
        .put("routing_key", ROUTING_KEY)
        .put("event_action", "trigger")
        .put("dedup_key", PublishedReports.ID)
        .put("payload", new JsonObject()
            .put("summary", "[urgent] SSH brute force (guardduty): 198.51.100.7 is on the blocklist")
            .put("source", "alertresponder")
            .put("severity", "critical")
            .put("timestamp", "2026-11-27T10:10:00Z")
            .put("component", "sshd")
            .put("group", "prod-web")
            .put("class", "brute force")
            .put("custom_details", new JsonObject()
                .put("reason", "198.51.100.7 is on the blocklist")
                .put("version", 1)
                .put("detector", "guardduty")
                .put("rule_id", "UnauthorizedAccess:EC2/SSHBruteForce")
                .put("alert_count", 2)
                .put("attributes", new JsonArray()
                    .add(new JsonObject().put("type", "ipaddr").put("key", "source address")
                        .put("value", "198.51.100.7"))
                    .add(new JsonObject().put("type", "username").put("key", "target user").put("value", "root")))
                .put("findings", new JsonArray().add("blocklist: 1 host finding on 198.51.100.7")
                    .add("geo: 1 host finding on 198.51.100.7"))
                .put("more_attributes", 1)))
        .put("links", new JsonArray().add(new JsonObject()
            .put("href", "https://console.example/reports/" + PublishedReports.ID)
            .put("text", "AlertResponder report " + PublishedReports.ID)))
        .put("client", "AlertResponder");
    assertThat(request.json()).isEqualTo(expected);
  }

  @Test
  void severitiesMapToPagerDutysOwnAndOptionalFieldsStayOut(Vertx vertx) throws Exception {
    await(emitter(vertx, options()).emit(PublishedReports.report().history(Severity.UNCLASSIFIED).build()));
    JsonObject payload = pagerDuty.only().json().getJsonObject("payload");
    assertThat(payload.getString("severity")).isEqualTo("warning");
    assertThat(payload.fieldNames()).containsExactlyInAnyOrder("summary", "source", "severity", "timestamp",
        "custom_details");
    assertThat(pagerDuty.only().json().containsKey("links")).isFalse();

    Map<String, Object> options = options();
    options.put("severity-map", Map.of("urgent", "error", "unclassified", "info"));
    options.put("source", "soc-prod");
    Emitter mapped = emitter(vertx, options);
    await(mapped.emit(PublishedReports.report().history(Severity.SAFE, Severity.URGENT).build()));
    await(mapped.emit(PublishedReports.report().id("01932f6e-5a00-7000-8000-0000000000e3")
        .history(Severity.UNCLASSIFIED).build()));
    List<RecordingHttpPeer.Request> requests = pagerDuty.requests();
    assertThat(requests.get(1).json().getJsonObject("payload").getString("severity")).isEqualTo("error");
    assertThat(requests.get(1).json().getJsonObject("payload").getString("source")).isEqualTo("soc-prod");
    assertThat(requests.get(1).json().getJsonObject("payload").getString("timestamp"))
        .isEqualTo("2026-11-27T10:25:00Z");
    assertThat(requests.get(2).json().getJsonObject("payload").getString("severity")).isEqualTo("info");
  }

  @Test
  void aSafeVersionAfterOneThatWasNotResolvesTheAlertWithNothingButItsKey(Vertx vertx) throws Exception {
    await(emitter(vertx, options()).emit(PublishedReports.report()
        .history(Severity.URGENT, Severity.UNCLASSIFIED, Severity.SAFE).build()));

    RecordingHttpPeer.Request request = pagerDuty.only();
    assertThat(request.path()).isEqualTo(PATH);
    assertThat(request.json()).isEqualTo(new JsonObject().put("routing_key", ROUTING_KEY)
        .put("event_action", "resolve").put("dedup_key", PublishedReports.ID));
  }

  @Test
  void aReportThatWasNeverAnythingButSafeSendsNothing(Vertx vertx) throws Exception {
    Emitter emitter = emitter(vertx, options());
    await(emitter.emit(PublishedReports.report().history(Severity.SAFE).build()));
    await(emitter.emit(PublishedReports.report().history(Severity.SAFE, Severity.SAFE).build()));

    assertThat(pagerDuty.requests()).isEmpty();
  }

  @Test
  void withoutResolveWhenSafeASafeVersionLeavesTheAlertToPeople(Vertx vertx) throws Exception {
    Map<String, Object> options = options();
    options.put("resolve-when-safe", false);

    await(emitter(vertx, options).emit(PublishedReports.report().history(Severity.URGENT, Severity.SAFE).build()));

    assertThat(pagerDuty.requests()).isEmpty();
  }

  @Test
  void aLateOlderVersionIsNotSentOnceANewerOneWasDelivered(Vertx vertx) throws Exception {
    Emitter emitter = emitter(vertx, options());
    await(emitter.emit(PublishedReports.report().history(Severity.URGENT, Severity.SAFE).build()));
    assertThat(pagerDuty.only().json().getString("event_action")).isEqualTo("resolve");

    // Version 1, replayed from the dead letters after version 2 resolved the incident, would open a new one.
    await(emitter.emit(PublishedReports.report().history(Severity.URGENT).build()));
    assertThat(pagerDuty.requests()).hasSize(1);

    // A retry of the newest version and a later version still go out, as does another report's version 1.
    await(emitter.emit(PublishedReports.report().history(Severity.URGENT, Severity.SAFE).build()));
    await(emitter.emit(PublishedReports.report().history(Severity.URGENT, Severity.SAFE, Severity.URGENT).build()));
    await(emitter.emit(PublishedReports.report().id("01932f6e-5a00-7000-8000-0000000000e1").build()));
    assertThat(pagerDuty.requests().stream().map(r -> r.json().getString("event_action") + " "
        + r.json().getString("dedup_key"))).containsExactly(
        "resolve " + PublishedReports.ID, "resolve " + PublishedReports.ID, "trigger " + PublishedReports.ID,
        "trigger 01932f6e-5a00-7000-8000-0000000000e1");

    // A version that failed is not counted as delivered: its older one may still go out.
    pagerDuty.answer(request -> Answer.text(503, "Service Unavailable"));
    String other = "01932f6e-5a00-7000-8000-0000000000e2";
    failure(emitter.emit(PublishedReports.report().id(other).history(Severity.URGENT, Severity.SAFE).build()));
    pagerDuty.answer(PagerDutyEmitterTest::processed);
    await(emitter.emit(PublishedReports.report().id(other).build()));
    assertThat(pagerDuty.requests()).hasSize(6);
  }

  @Test
  void aNewerVersionWaitsUntilTheOlderOneInFlightIsDone(Vertx vertx) throws Exception {
    Map<String, Object> options = options();
    options.put("request-timeout", "200ms");
    Emitter emitter = emitter(vertx, options);
    AtomicReference<Future<Void>> first = new AtomicReference<>();
    List<Boolean> firstDoneWhenResolveArrived = new CopyOnWriteArrayList<>();
    pagerDuty.answer(request -> {
      if (request.json().getString("event_action").equals("trigger")) {
        // The trigger reaches PagerDuty, but its answer is lost: the engine will retry it.
        return Answer.never();
      }
      firstDoneWhenResolveArrived.add(first.get().isComplete());
      return processed(request);
    });

    first.set(emitter.emit(PublishedReports.report().build()));
    Future<Void> second = emitter.emit(PublishedReports.report().history(Severity.URGENT, Severity.SAFE).build());

    assertThat(failure(first.get()).retryable()).isTrue();
    await(second);
    assertThat(firstDoneWhenResolveArrived).containsExactly(true);
    // The engine's retry of version 1 comes after version 2 resolved the alert: it is not sent again.
    await(emitter.emit(PublishedReports.report().build()));
    assertThat(pagerDuty.requests()).hasSize(2);
  }

  @Test
  void theSummaryIsCutToTheApisLimit(Vertx vertx) throws Exception {
    await(emitter(vertx, options()).emit(PublishedReports.report().reason("x".repeat(3000)).build()));

    String summary = pagerDuty.only().json().getJsonObject("payload").getString("summary");
    assertThat(summary).hasSize(PagerDutyEvents.SUMMARY_MAX).startsWith("[urgent] SSH brute force").endsWith("...");
  }

  @Test
  void invalidEventsArePermanentAndThrottlingOrOutagesAreRetryable(Vertx vertx) throws Exception {
    Emitter emitter = emitter(vertx, options());
    record Case(Answer answer, boolean retryable, String message) {
    }
    List<Case> cases = List.of(
        new Case(Answer.json(400, new JsonObject().put("status", "invalid event")
            .put("message", "Event object is invalid")
            .put("errors", new JsonArray().add("'payload.severity' is invalid"))), false,
            "PagerDuty answered 400 Bad Request: {\"status\":\"invalid event\",\"message\":\"Event object is invalid\""),
        new Case(Answer.json(429, new JsonObject().put("status", "throttle exceeded")), true,
            "PagerDuty answered 429 Too Many Requests"),
        new Case(Answer.text(500, "Internal Server Error"), true, "PagerDuty answered 500"),
        new Case(Answer.text(502, "Bad Gateway"), true, "PagerDuty answered 502"),
        new Case(Answer.json(202, new JsonObject().put("status", "retry").put("message", "try later")), true,
            "PagerDuty answered 202 with status \"retry\": try later"));
    for (Case c : cases) {
      pagerDuty.answer(request -> c.answer());
      PluginException failure = failure(emitter.emit(PublishedReports.report().build()));
      assertThat(failure.retryable()).as(c.message()).isEqualTo(c.retryable());
      assertThat(failure.getMessage()).startsWith(c.message());
      assertNoSecret(failure);
    }
  }

  @Test
  void aSuccessThatIsNotTheDocumentedJsonIsStillASuccess(Vertx vertx) throws Exception {
    Emitter emitter = emitter(vertx, options());
    pagerDuty.answer(request -> Answer.text(202, "accepted"));
    await(emitter.emit(PublishedReports.report().build()));
    pagerDuty.answer(request -> Answer.json(200, new JsonArray().add(1)));
    await(emitter.emit(PublishedReports.report().build()));
    pagerDuty.answer(request -> Answer.text(204, ""));
    await(emitter.emit(PublishedReports.report().build()));

    assertThat(pagerDuty.requests()).hasSize(3);
  }

  @Test
  void aRoutingKeyQuotedInAnAnswerIsTakenOutOfTheFailure(Vertx vertx) throws Exception {
    pagerDuty.answer(request -> Answer.json(400, new JsonObject().put("status", "invalid event")
        .put("message", "unknown routing key " + ROUTING_KEY)));

    PluginException failure = failure(emitter(vertx, options()).emit(PublishedReports.report().build()));

    assertThat(failure.retryable()).isFalse();
    assertThat(failure.getMessage()).contains("unknown routing key <redacted>");
    assertNoSecret(failure);
  }

  @Test
  void anApiThatNeverAnswersIsARetryableTimeout(Vertx vertx) throws Exception {
    pagerDuty.answer(request -> Answer.never());
    Map<String, Object> options = options();
    options.put("request-timeout", "200ms");

    PluginException failure = failure(emitter(vertx, options).emit(PublishedReports.report().build()));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.getMessage()).startsWith("PagerDuty did not answer in time");
    assertNoSecret(failure);
  }

  @Test
  void configurationErrorsNameTheOptionAndNeverQuoteTheRoutingKey(Vertx vertx) {
    assertThatThrownBy(() -> create(vertx, Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("emitters[0].options.routing-key: expected a secret");
    assertThatThrownBy(() -> create(vertx, Map.of("routing-key", "s3cr3t-but-short")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("emitters[0].options.routing-key: expected the 32-character integration key of an Events API v2 "
            + "integration, found a value of 16 characters (not shown, since it is a secret)");
    assertThatThrownBy(() -> create(vertx, Map.of("routing-key", ROUTING_KEY, "severity-map", Map.of("safe", "info"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("emitters[0].options.severity-map.safe: expected urgent or unclassified");
    assertThatThrownBy(() -> create(vertx, Map.of("routing-key", ROUTING_KEY,
        "severity-map", Map.of("urgent", "high"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("emitters[0].options.severity-map.urgent: expected critical, error, warning or info, found \"high\"");
    assertThatThrownBy(() -> create(vertx, Map.of("routing-key", ROUTING_KEY, "url", "events.pagerduty.com")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("emitters[0].options.url: expected an absolute http:// or https:// URL");
    assertThatThrownBy(() -> create(vertx, Map.of("routing-key", ROUTING_KEY, "resolve-when-safe", "yes")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("emitters[0].options.resolve-when-safe: expected true or false, found \"yes\"");
  }

  @Test
  void theDefaultUrlIsTheEventsApiAndEveryOptionIsRead(Vertx vertx) {
    assertThat(PagerDutyEmitterFactory.DEFAULT_URL).isEqualTo("https://events.pagerduty.com/v2/enqueue");
    Map<String, Object> values = new LinkedHashMap<>(Map.of("routing-key", ROUTING_KEY, "url", pagerDuty.url(PATH),
        "severity-map", Map.of("urgent", "critical"), "resolve-when-safe", true, "source", "s", "component", "c",
        "group", "g", "class", "k", "report-url", "https://c.example/{id}", "request-timeout", "5s"));
    values.put("routingkey", "typo");
    PluginOptions options = new PluginOptions("emitters[0].options", values);
    new PagerDutyEmitterFactory().create(new PluginContext("pagerduty", options, vertx,
        ManualClock.atDefaultStart(), Path.of(".")));

    assertThatThrownBy(options::requireAllRead)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("emitters[0].options.routingkey: expected one of the options class, component, "
            + "group, max-answer-size, report-url, request-timeout, resolve-when-safe, routing-key, severity-map, source, url");
  }

  private Map<String, Object> options() {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("routing-key", ROUTING_KEY);
    options.put("url", pagerDuty.url(PATH));
    return options;
  }

  private static Emitter emitter(Vertx vertx, Map<String, Object> options) {
    return create(vertx, options);
  }

  private static Emitter create(Vertx vertx, Map<String, Object> options) {
    return new PagerDutyEmitterFactory().create(new PluginContext("pagerduty",
        new PluginOptions("emitters[0].options", options), vertx, ManualClock.atDefaultStart(), Path.of(".")));
  }

  private static void assertNoSecret(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(ROUTING_KEY);
    }
  }
}
