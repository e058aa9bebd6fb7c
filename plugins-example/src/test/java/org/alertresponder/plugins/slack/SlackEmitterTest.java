package org.alertresponder.plugins.slack;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.Report;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.alertresponder.plugins.support.PluginFutures.await;
import static org.alertresponder.plugins.support.PluginFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class SlackEmitterTest {
  /** The path of a webhook URL is its token: it must never show in a failure. */
  private static final String TOKEN_PATH = "/services/T0001/B0002/s3cr3tW3bh00kT0ken";

  private RecordingHttpPeer slack;

  @AfterEach
  void stop() throws Exception {
    if (slack != null) {
      slack.close();
    }
  }

  @Test
  void postsABlockKitMessageAsSlackDocumentsIt(Vertx vertx) throws Exception {
    slack = RecordingHttpPeer.start(vertx, request -> Answer.text(200, "ok"));
    Map<String, Object> options = options();
    options.put("username", "AlertResponder");
    options.put("icon-emoji", ":rotating_light:");
    options.put("channel", "#security-alerts");
    options.put("report-url", "https://console.example/reports/{id}");

    await(emitter(vertx, options).emit(PublishedReports.report().build()));

    RecordingHttpPeer.Request request = slack.only();
    assertThat(request.method()).isEqualTo(HttpMethod.POST);
    assertThat(request.path()).isEqualTo(TOKEN_PATH);
    assertThat(request.header("Content-Type")).startsWith("application/json");
    JsonObject body = request.json();
    assertThat(body.fieldNames()).containsExactlyInAnyOrder("text", "blocks", "username", "icon_emoji", "channel");
    assertThat(body.getString("text"))
        .isEqualTo("Urgent: SSH brute force (guardduty) — 198.51.100.7 is on the blocklist");
    assertThat(body.getString("username")).isEqualTo("AlertResponder");
    assertThat(body.getString("icon_emoji")).isEqualTo(":rotating_light:");
    assertThat(body.getString("channel")).isEqualTo("#security-alerts");

    JsonArray blocks = body.getJsonArray("blocks");
    assertThat(blocks.stream().map(b -> ((JsonObject) b).getString("type")))
        .containsExactly("header", "section", "section", "section", "context", "actions");
    JsonObject header = blocks.getJsonObject(0).getJsonObject("text");
    assertThat(header.getString("type")).isEqualTo("plain_text");
    assertThat(header.getString("text")).isEqualTo(":rotating_light: Urgent: SSH brute force (guardduty)");

    assertThat(blocks.getJsonObject(1).getJsonObject("text"))
        .isEqualTo(new JsonObject().put("type", "mrkdwn").put("text", "*Reason*\n198.51.100.7 is on the blocklist"));

    JsonArray fields = blocks.getJsonObject(2).getJsonArray("fields");
    assertThat(fields.stream().map(f -> ((JsonObject) f).getString("text"))).containsExactly(
        "*source address*\n198.51.100.7", "*target user*\nroot", "*More*\n1 more attribute in the report");
    assertThat(fields.getJsonObject(0).getString("type")).isEqualTo("mrkdwn");

    assertThat(blocks.getJsonObject(3).getJsonObject("text").getString("text")).isEqualTo("*Findings*\n"
        + "• blocklist: 1 host finding on 198.51.100.7\n• geo: 1 host finding on 198.51.100.7");

    List<String> context = blocks.getJsonObject(4).getJsonArray("elements").stream()
        .map(e -> ((JsonObject) e).getString("text")).toList();
    assertThat(context).containsExactly("Version 1", "2 alerts",
        "First seen <!date^" + PublishedReports.CREATED.getEpochSecond()
            + "^{date_short_pretty} {time}|2026-11-27T10:00:00Z>",
        "Last seen <!date^" + PublishedReports.CREATED.plusSeconds(300).getEpochSecond()
            + "^{date_short_pretty} {time}|2026-11-27T10:05:00Z>",
        "Report " + PublishedReports.ID);

    JsonObject button = blocks.getJsonObject(5).getJsonArray("elements").getJsonObject(0);
    assertThat(button.getString("type")).isEqualTo("button");
    assertThat(button.getString("url")).isEqualTo("https://console.example/reports/" + PublishedReports.ID);
    assertThat(button.getJsonObject("text")).isEqualTo(new JsonObject().put("type", "plain_text")
        .put("text", "Open report"));
  }

  @Test
  void withoutTheOptionalOptionsTheMessageHoldsOnlyTextAndBlocksAndNoButton(Vertx vertx) throws Exception {
    slack = RecordingHttpPeer.start(vertx, request -> Answer.text(200, "ok"));

    await(emitter(vertx, options()).emit(PublishedReports.report().history(Severity.URGENT, Severity.SAFE)
        .reason("").build()));

    JsonObject body = slack.only().json();
    assertThat(body.fieldNames()).containsExactlyInAnyOrder("text", "blocks");
    assertThat(body.getString("text")).isEqualTo("Safe: SSH brute force (guardduty)");
    JsonArray blocks = body.getJsonArray("blocks");
    assertThat(blocks.stream().map(b -> ((JsonObject) b).getString("type"))).doesNotContain("actions");
    assertThat(blocks.getJsonObject(0).getJsonObject("text").getString("text"))
        .isEqualTo(":white_check_mark: Safe: SSH brute force (guardduty)");
    assertThat(blocks.getJsonObject(1).getJsonObject("text").getString("text")).isEqualTo("*Reason*\n_No reason given._");
    assertThat(blocks.getJsonObject(4).getJsonArray("elements").getJsonObject(0).getString("text"))
        .isEqualTo("Version 2");
  }

  @Test
  void escapesMrkdwnAsSlackDocumentsSoThatAnAlertCannotPingOrForgeLinks(Vertx vertx) throws Exception {
    slack = RecordingHttpPeer.start(vertx, request -> Answer.text(200, "ok"));
    Report report = PublishedReports.report().reason("<!channel> look at <https://evil.example|this> & that")
        .attribute(Attribute.of("url", "<b>link</b>", "https://evil.example/?a=1&b=<2>")).build();

    await(emitter(vertx, options()).emit(report));

    JsonObject body = slack.only().json();
    String reason = "&lt;!channel&gt; look at &lt;https://evil.example|this&gt; &amp; that";
    assertThat(body.getString("text")).isEqualTo("Urgent: SSH brute force (guardduty) — " + reason);
    JsonArray blocks = body.getJsonArray("blocks");
    assertThat(blocks.getJsonObject(1).getJsonObject("text").getString("text")).isEqualTo("*Reason*\n" + reason);
    assertThat(blocks.getJsonObject(2).getJsonArray("fields").getJsonObject(2).getString("text"))
        .isEqualTo("*&lt;b&gt;link&lt;/b&gt;*\nhttps://evil.example/?a=1&amp;b=&lt;2&gt;");
  }

  @Test
  void keepsEveryBlockWithinBlockKitLimits(Vertx vertx) throws Exception {
    slack = RecordingHttpPeer.start(vertx, request -> Answer.text(200, "ok"));
    PublishedReports builder = PublishedReports.report().ruleName("R".repeat(400)).reason("&".repeat(5000));
    for (int i = 0; i < 14; i++) {
      builder.attribute(Attribute.of("json", "blob " + i, "<".repeat(3000)));
    }

    await(emitter(vertx, options()).emit(builder.build()));

    JsonArray blocks = slack.only().json().getJsonArray("blocks");
    String header = blocks.getJsonObject(0).getJsonObject("text").getString("text");
    assertThat(header).hasSize(SlackMessage.HEADER_MAX).endsWith("…");
    String reason = blocks.getJsonObject(1).getJsonObject("text").getString("text");
    assertThat(reason).hasSizeLessThanOrEqualTo(SlackMessage.SECTION_MAX).endsWith("&amp;…");
    JsonArray fields = blocks.getJsonObject(2).getJsonArray("fields");
    assertThat(fields).hasSize(SlackMessage.FIELDS_MAX);
    for (Object field : fields) {
      String text = ((JsonObject) field).getString("text");
      assertThat(text).hasSizeLessThanOrEqualTo(SlackMessage.FIELD_MAX);
      assertThat(text.replace("&lt;", "")).doesNotContain("&l", "&");
    }
    // 2 own + 14 extra attributes at depth 0 (the digest keeps 10 of them) and 1 discovered one: 9 shown.
    assertThat(fields.getJsonObject(9).getString("text")).isEqualTo("*More*\n8 more attributes in the report");
  }

  @Test
  void refusalsSlackDocumentsArePermanentAndBusyAnswersAreRetryable(Vertx vertx) throws Exception {
    slack = RecordingHttpPeer.start(vertx, request -> Answer.text(200, "ok"));
    Emitter emitter = emitter(vertx, options());
    record Case(Answer answer, boolean retryable, String quoted) {
    }
    List<Case> cases = List.of(
        new Case(Answer.text(400, "invalid_payload"), false, "400 Bad Request: invalid_payload"),
        new Case(Answer.text(400, "invalid_blocks"), false, "400 Bad Request: invalid_blocks"),
        new Case(Answer.text(403, "action_prohibited"), false, "403 Forbidden: action_prohibited"),
        new Case(Answer.text(404, "no_service"), false, "404 Not Found: no_service"),
        new Case(Answer.text(404, "channel_not_found"), false, "404 Not Found: channel_not_found"),
        new Case(Answer.text(410, "channel_is_archived"), false, "410 Gone: channel_is_archived"),
        new Case(Answer.text(429, "rate_limited").withHeader("Retry-After", "30"), true,
            "429 Too Many Requests: rate_limited (Retry-After: 30)"),
        new Case(Answer.text(500, "rollup_error"), true, "500 Internal Server Error: rollup_error"),
        new Case(Answer.text(503, "service unavailable"), true, "503 Service Unavailable"));
    for (Case c : cases) {
      slack.answer(request -> c.answer());
      PluginException failure = failure(emitter.emit(PublishedReports.report().build()));
      assertThat(failure.retryable()).as(c.quoted()).isEqualTo(c.retryable());
      assertThat(failure.getMessage()).startsWith("Slack answered " + c.quoted());
      assertNoSecret(failure);
    }
  }

  @Test
  void aWebhookThatNeverAnswersIsARetryableTimeoutThatDoesNotNameTheWebhook(Vertx vertx) throws Exception {
    slack = RecordingHttpPeer.start(vertx, request -> Answer.never());
    Map<String, Object> options = options();
    options.put("request-timeout", "200ms");

    PluginException failure = failure(emitter(vertx, options).emit(PublishedReports.report().build()));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.getMessage()).startsWith("Slack did not answer in time");
    // Vert.x names the request's path (the webhook's token) in its timeout message, which is not quoted.
    assertThat(failure.getMessage()).isEqualTo("Slack did not answer in time");
    assertNoSecret(failure);
  }

  @Test
  void aRefusedConnectionIsRetryable(Vertx vertx) throws Exception {
    slack = RecordingHttpPeer.start(vertx, request -> Answer.text(200, "ok"));
    Map<String, Object> options = options();
    slack.close();
    slack = null;

    PluginException failure = failure(emitter(vertx, options).emit(PublishedReports.report().build()));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.getMessage()).startsWith("Slack refused the connection");
    assertNoSecret(failure);
  }

  @Test
  void configurationErrorsNameTheOptionAndNeverQuoteTheWebhook(Vertx vertx) {
    assertThatThrownBy(() -> create(vertx, Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("emitters[0].options.webhook-url: expected a secret");
    assertThatThrownBy(() -> create(vertx, Map.of("webhook-url", "hooks.slack.com" + TOKEN_PATH)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("emitters[0].options.webhook-url: expected an absolute http:// or https:// URL")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
    assertThatThrownBy(() -> create(vertx, Map.of("webhook-url", "https://hooks.slack.com" + TOKEN_PATH,
        "icon-emoji", "siren")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("emitters[0].options.icon-emoji: expected an emoji code such as :rotating_light:, found \"siren\"");
    assertThatThrownBy(() -> create(vertx, Map.of("webhook-url", "https://hooks.slack.com" + TOKEN_PATH,
        "report-url", "https://console.example/reports")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("emitters[0].options.report-url: expected an http:// or https:// URL template");
    assertThatThrownBy(() -> create(vertx, Map.of("webhook-url", "https://hooks.slack.com" + TOKEN_PATH,
        "request-timeout", "soon")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("emitters[0].options.request-timeout:");
  }

  @Test
  void everyOptionIsReadSoATypoIsRefused(Vertx vertx) {
    PluginOptions options = new PluginOptions("emitters[0].options", Map.of(
        "webhook-url", "https://hooks.slack.com" + TOKEN_PATH, "username", "a", "icon-emoji", ":x:",
        "channel", "#c", "report-url", "https://c.example/{id}", "request-timeout", "5s", "chanel", "#typo"));
    new SlackEmitterFactory().create(new PluginContext("slack", options, vertx, ManualClock.atDefaultStart(),
        Path.of(".")));

    assertThatThrownBy(options::requireAllRead)
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("emitters[0].options.chanel: expected one of the options channel, icon-emoji, max-answer-size, report-url, "
            + "request-timeout, username, webhook-url, found the unknown option \"chanel\"");
  }

  private Map<String, Object> options() {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("webhook-url", slack.url(TOKEN_PATH));
    return options;
  }

  private static Emitter emitter(Vertx vertx, Map<String, Object> options) {
    return create(vertx, options);
  }

  private static Emitter create(Vertx vertx, Map<String, Object> options) {
    return new SlackEmitterFactory().create(new PluginContext("slack",
        new PluginOptions("emitters[0].options", options), vertx, ManualClock.atDefaultStart(), Path.of(".")));
  }

  private static void assertNoSecret(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain("s3cr3t", TOKEN_PATH);
    }
  }
}
