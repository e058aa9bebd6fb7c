package org.alertresponder.plugins.webhook;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportCodec;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.Emitter;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginException;
import org.alertresponder.engine.spi.PluginOptions;
import org.alertresponder.plugins.support.HmacSignatures;
import org.alertresponder.engine.api.Severity;
import org.alertresponder.plugins.support.PublishedReports;
import org.alertresponder.plugins.support.RecordingHttpPeer;
import org.alertresponder.plugins.support.RecordingHttpPeer.Answer;
import org.alertresponder.tck.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class WebhookEmitterTest {
  private static final String SECRET = "webhook-signing-secret-0123456789";
  private RecordingHttpPeer server;
  private Vertx vertx;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    server = RecordingHttpPeer.start(vertx, request -> Answer.text(200, "ok"));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void postsTheReportSignedWithItsIdempotencyKey() throws Exception {
    Report report = urgent();

    emit(emitter(Map.of("secret", SECRET, "headers", Map.of("X-Team", "secops"))), report);

    RecordingHttpPeer.Request request = server.requests().get(0);
    assertThat(request.method().name()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/hooks/alertresponder");
    assertThat(request.query()).isEqualTo("team=secops");
    assertThat(request.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(request.headers().get("Idempotency-Key")).isEqualTo(PublishedReports.ID + ":1");
    assertThat(request.headers().get("X-AlertResponder-Report")).isEqualTo(report.id());
    assertThat(request.headers().get("X-AlertResponder-Version")).isEqualTo("1");
    assertThat(request.headers().get("X-Team")).isEqualTo("secops");
    assertThat(request.headers().get("User-Agent")).startsWith("AlertResponder");
    assertThat(new JsonObject(request.body())).isEqualTo(ReportCodec.encode(report));
    // The receiver's check: HMAC-SHA256 of "<timestamp>.<exact bytes>", compared in constant time.
    String timestamp = request.headers().get("X-AlertResponder-Timestamp");
    assertThat(timestamp).isEqualTo(Long.toString(PublishedReports.CREATED.getEpochSecond()));
    Buffer signed = Buffer.buffer(timestamp + ".").appendBuffer(request.body());
    assertThat(request.headers().get("X-AlertResponder-Signature")).startsWith("sha256=").hasSize(7 + 64);
    assertThat(HmacSignatures.matches(SECRET, signed, request.headers().get("X-AlertResponder-Signature"))).isTrue();
    assertThat(HmacSignatures.matches(SECRET, request.body(), request.headers().get("X-AlertResponder-Signature")))
        .isFalse();
    assertThat(HmacSignatures.matches("another secret", signed, request.headers().get("X-AlertResponder-Signature")))
        .isFalse();
  }

  @Test
  void aRetriedDeliveryCarriesTheSameKeyAndALaterVersionAnother() throws Exception {
    Emitter emitter = emitter(Map.of());
    Report first = urgent();

    emit(emitter, first);
    emit(emitter, first);
    emit(emitter, PublishedReports.report().history(Severity.URGENT, Severity.SAFE).build());

    assertThat(server.requests()).extracting(r -> r.headers().get("Idempotency-Key"))
        .containsExactly(first.id() + ":1", first.id() + ":1", first.id() + ":2");
    assertThat(server.requests().get(0).headers().contains("X-AlertResponder-Signature")).isFalse();
    assertThat(server.requests().get(0).headers().contains("X-AlertResponder-Timestamp")).isFalse();
  }

  @Test
  void aTemplateShapesTheBodyWithValuesEscaped() throws Exception {
    emit(emitter(Map.of("template", """
        {"text": "{{summary}}", "severity": "{{result.severity}}", "first": "{{alerts.0.description}}",
         "version": {{version}}, "attributes": {{attributes}}, "missing": "{{no.such.path}}"}""")), urgent());

    JsonObject body = new JsonObject(server.requests().get(0).body());
    assertThat(body.getString("text"))
        .isEqualTo("[urgent] SSH brute force <script> (guardduty): An address of the alert is on a blocklist");
    assertThat(body.getString("severity")).isEqualTo("urgent");
    assertThat(body.getString("first")).isEqualTo(PublishedReports.SOURCE_IP
        + " is performing SSH brute force attacks against i-0abc12");
    assertThat(body.getInteger("version")).isEqualTo(1);
    assertThat(body.getJsonArray("attributes").getJsonObject(0).getString("value")).isEqualTo(PublishedReports.SOURCE_IP);
    assertThat(body.getString("missing")).isEmpty();
  }

  @Test
  void clientErrorsArePermanentServerErrorsAndTimeoutsRetryable() throws Exception {
    Emitter emitter = emitter(Map.of("secret", SECRET));
    // Short, to fail fast when nobody answers; the answered cases above keep the default, so that a slow first
    // connection on a busy machine cannot pass for a timeout.
    Emitter impatient = emitter(Map.of("secret", SECRET, "request-timeout", "200ms"));
    Report report = urgent();

    server.answer(request -> Answer.json(400, "{\"error\": \"bad payload\"}"));
    assertThat(failure(emitter, report)).satisfies(e -> {
      assertThat(e.retryable()).isFalse();
      assertThat(e.getMessage()).contains("the webhook hook answered 400").contains("bad payload").doesNotContain(SECRET);
    });
    server.answer(request -> Answer.text(429, "slow down").withHeader("Retry-After", "3"));
    assertThat(failure(emitter, report).retryable()).isTrue();
    server.answer(request -> Answer.text(503, ""));
    assertThat(failure(emitter, report).retryable()).isTrue();
    server.answer(request -> Answer.never());
    assertThat(failure(impatient, report)).satisfies(e -> {
      assertThat(e.retryable()).isTrue();
      assertThat(e.getMessage()).contains("did not answer in time");
    });
  }

  @Test
  void aRefusedConnectionIsRetryable() throws Exception {
    Emitter emitter = emitter(Map.of());
    server.close();

    assertThat(failure(emitter, urgent())).satisfies(e -> {
      assertThat(e.retryable()).isTrue();
      assertThat(e.getMessage()).contains("the webhook hook");
    });
  }

  @Test
  void mistakesNameTheOption() {
    assertThatThrownBy(() -> emitter(Map.of("url", "ftp://x")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("emitters[0].options.url");
    assertThatThrownBy(() -> emitter(Map.of("template", "{\"a\": {{id}}")))
        .hasMessageContaining("emitters[0].options.template").hasMessageContaining("renders valid JSON");
    assertThatThrownBy(() -> emitter(Map.of("template", "{\"a\": \"{{id\"}")))
        .hasMessageContaining("is not closed");
    assertThatThrownBy(() -> emitter(Map.of("headers", Map.of("Idempotency-Key", "x"))))
        .hasMessageContaining("emitters[0].options.headers");
    assertThatThrownBy(() -> emitter(Map.of("method", "GET"))).hasMessageContaining("POST or PUT");
    assertThatThrownBy(() -> emitter(Map.of("secret", ""))).hasMessageContaining("emitters[0].options.secret");
  }

  @Test
  void aTemplateStaysValidJsonWhateverTheValuesAre() throws Exception {
    Report report = PublishedReports.report().description("{\",\":5, \":1,\":7}").build();

    emit(emitter(Map.of("template", """
        {"quoted_object": "{{attributes.0}}", "bare_string": {{alerts.0.description}}, "bare_missing": {{nope}},
         "quoted": "{{alerts.0.description}}"}""")), report);

    JsonObject body = new JsonObject(server.requests().get(0).body());
    assertThat(body.fieldNames()).containsExactlyInAnyOrder("quoted_object", "bare_string", "bare_missing", "quoted");
    assertThat(new JsonObject(body.getString("quoted_object")).getString("value")).isEqualTo(PublishedReports.SOURCE_IP);
    assertThat(body.getString("bare_string")).isEqualTo("{\",\":5, \":1,\":7}");
    assertThat(body.getValue("bare_missing")).isNull();
    assertThat(body.getString("quoted")).isEqualTo("{\",\":5, \":1,\":7}");
  }

  @Test
  void aTokenInTheUrlNeverShowsInAFailureOrAnError() throws Exception {
    String token = "T0KEN-5ecret-in-the-path";
    Emitter emitter = emitter(Map.of("url", server.url("/hooks/" + token + "?key=" + token)));
    // Express and others quote the request line in their 404 page.
    server.answer(request -> Answer.text(404, "Cannot POST " + request.uri()));

    PluginException failure = failure(emitter, urgent());

    assertThat(failure.retryable()).isFalse();
    assertThat(failure.getMessage()).contains("the webhook hook answered 404").doesNotContain(token);
    assertThatThrownBy(() -> emitter(Map.of("url", "ftp://x/" + token)))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("emitters[0].options.url")
        .hasMessageNotContaining(token);
  }

  @Test
  void aPlainTextTemplateIsNotEscaped() throws Exception {
    emit(emitter(Map.of("content-type", "text/plain", "template", "{{summary}}\n")), urgent());

    assertThat(server.requests().get(0).body().toString())
        .isEqualTo("[urgent] SSH brute force <script> (guardduty): An address of the alert is on a blocklist\n");
    assertThat(server.requests().get(0).headers().get("Content-Type")).isEqualTo("text/plain");
  }

  /** An urgent first version whose rule name holds markup, to see that templates escape it. */
  private static Report urgent() {
    return PublishedReports.report().ruleName("SSH brute force <script>")
        .reason("An address of the alert is on a blocklist").build();
  }

  private Emitter emitter(Map<String, Object> extra) {
    Map<String, Object> options = new HashMap<>();
    options.put("url", server.url("/hooks/alertresponder?team=secops"));
    options.putAll(extra);
    PluginOptions pluginOptions = new PluginOptions("emitters[0].options", options);
    Emitter emitter = new WebhookEmitterFactory().create(new PluginContext("hook", pluginOptions, vertx,
        new ManualClock(PublishedReports.CREATED), Path.of(".")));
    pluginOptions.requireAllRead();
    return emitter;
  }

  private static void emit(Emitter emitter, Report report) throws Exception {
    emitter.emit(report).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static PluginException failure(Emitter emitter, Report report) throws Exception {
    try {
      emit(emitter, report);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(PluginException.class);
      return (PluginException) e.getCause();
    }
    throw new AssertionError("the delivery succeeded");
  }
}
