package org.alertresponder.launcher;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP API served in this JVM, through a real HTTP client. */
class HttpApiTest {
  private static final String ALERT = """
      {"detector": "guardduty", "rule_id": "UnauthorizedAccess:EC2/SSHBruteForce", "alert_key": "i-0abc12",
       "attributes": [{"type": "ipaddr", "key": "source address", "value": "198.51.100.7", "context": ["remote"]}]}
      """;
  private TestServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private TestServer start(String yaml) throws Exception {
    server = new TestServer(yaml);
    return server;
  }

  @Test
  void anAcceptedAlertIsPublishedWithAVerdictAndReadableByItsId() throws Exception {
    // An early review waits for the inspection; a review delay of zero would race it.
    start(TestServer.config("inspection: {delay: 0s}\nreview: {delay: 10m, early: true}\n"
        + "inspectors:\n  - {name: slow, type: slow}\nemitters: []\n"));
    HttpResponse<String> posted = server.post("api/v1/alerts", ALERT, null);
    assertThat(posted.statusCode()).isEqualTo(202);
    JsonObject receipt = new JsonObject(posted.body());
    assertThat(receipt.getInteger("accepted")).isEqualTo(1);
    String id = receipt.getJsonArray("reports").getJsonObject(0).getString("report_id");

    JsonObject report = eventually(() -> {
      JsonObject current = new JsonObject(get("api/v1/reports/" + id).body());
      return "published".equals(current.getString("status")) ? current : null;
    });
    assertThat(report.getJsonObject("result").getString("severity")).isEqualTo("unclassified");
    assertThat(report.getJsonArray("sections")).hasSize(1);
    assertThat(report.getJsonArray("alerts").getJsonObject(0).getString("detector")).isEqualTo("guardduty");
    assertThat(new JsonObject(get("api/v1/reports/" + id + "?version=1").body()).getInteger("version")).isEqualTo(1);
  }

  @Test
  void aBatchWithOneBadAlertIsRefusedWholeNamingTheIndexAndField() throws Exception {
    start(TestServer.config(""));
    HttpResponse<String> response = server.post("api/v1/alerts", "[" + ALERT + ", {\"detector\": \"ids\"}]", null);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getInteger("status")).isEqualTo(400);
    assertThat(problem.getJsonArray("errors")).containsExactly(new JsonObject().put("path", "[1].rule_id")
        .put("rule", "required").put("message", "is required"));
    assertThat(problem.getString("detail")).isEqualTo("[1].rule_id: is required");
    assertThat(new JsonObject(get("api/v1/reports").body()).getJsonArray("items")).isEmpty();
  }

  @Test
  void anSnsNotificationCarryingAnAlertIsAccepted() throws Exception {
    start(TestServer.config(""));
    String envelope = new JsonObject().put("Type", "Notification").put("MessageId", "m-1")
        .put("TopicArn", "arn:aws:sns:eu-west-1:123456789012:alerts").put("Message", ALERT).encode();
    HttpResponse<String> response = server.post("api/v1/alerts", envelope, null);
    assertThat(response.statusCode()).isEqualTo(202);

    String confirmation = new JsonObject().put("Type", "SubscriptionConfirmation")
        .put("TopicArn", "arn:aws:sns:eu-west-1:123456789012:alerts").put("SubscribeURL", "https://example.invalid")
        .encode();
    HttpResponse<String> refused = server.post("api/v1/alerts", confirmation, null);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(refused.body()).getString("detail")).contains("SubscriptionConfirmation");
  }

  @Test
  void withTokensARequestWithoutOneIs401AndAReadTokenCannotWrite() throws Exception {
    start(TestServer.config(TestServer.AUTH));
    HttpResponse<String> anonymous = server.post("api/v1/alerts", ALERT, null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"alertresponder\"");
    assertThat(server.post("api/v1/alerts", ALERT, "not-a-token-at-all-0000").statusCode()).isEqualTo(401);

    HttpResponse<String> readerWriting = server.post("api/v1/alerts", ALERT, TestServer.READ_TOKEN);
    assertThat(readerWriting.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(readerWriting.body()).getString("detail")).isEqualTo("token reader lacks the write scope");

    assertThat(server.post("api/v1/alerts", ALERT, TestServer.WRITE_TOKEN).statusCode()).isEqualTo(202);
    assertThat(server.get("api/v1/reports", TestServer.READ_TOKEN).statusCode()).isEqualTo(200);
    assertThat(server.get("api/v1/reports", null).statusCode()).isEqualTo(401);
    assertThat(server.get("metrics", null).statusCode()).isEqualTo(401);
    assertThat(server.get("healthz", null).statusCode()).isEqualTo(200);
    assertThat(server.get("readyz", null).statusCode()).isEqualTo(200);
  }

  @Test
  void aBodyOverTheLimitIs413() throws Exception {
    start(TestServer.config("").replace("http:\n", "http:\n  limits: {body: 2KiB}\n"));
    HttpResponse<String> response = server.post("api/v1/alerts", "{\"detector\": \"" + "x".repeat(4096) + "\"}",
        null);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(new JsonObject(response.body()).getString("detail")).contains("limit of 2048 bytes");
  }

  @Test
  void whenTheBacklogIsFullAlertsAre429WithRetryAfterAndNothingIsStored() throws Exception {
    start(TestServer.config("intake: {max-backlog: 2}\ninspection: {delay: 0s}\n"
        + "inspectors:\n  - {name: slow, type: slow, concurrency: 1, options: {delay: 1h}}\nemitters: []\n"));
    String threeAddresses = """
        {"detector": "ids", "rule_id": "scan", "alert_key": "net-1", "attributes": [
          {"type": "ipaddr", "key": "a", "value": "198.51.100.1"},
          {"type": "ipaddr", "key": "b", "value": "198.51.100.2"},
          {"type": "ipaddr", "key": "c", "value": "198.51.100.3"}]}
        """;
    assertThat(server.post("api/v1/alerts", threeAddresses, null).statusCode()).isEqualTo(202);
    // The backlog fills once the alert's inspection timer has fired and queued its three inspections; an alert
    // posted before then is rightly accepted, so the test waits for that first.
    eventually(() -> get("metrics").body().contains("alertresponder_backlog 3.0") ? "full" : null);
    HttpResponse<String> refused = post("api/v1/alerts", ALERT);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).contains("1");
    assertThat(new JsonObject(refused.body()).getString("detail")).startsWith("the engine's backlog is full");
    assertThat(new JsonObject(get("api/v1/reports").body()).getJsonArray("items")).hasSize(1);
    assertThat(get("metrics").body()).contains("alertresponder_alerts_rejected_total{reason=\"backlog\"} 1.0");
  }

  @Test
  void metricsCountWhatHappened() throws Exception {
    start(TestServer.config("inspection: {delay: 0s}\nreview: {delay: 0s}\n"
        + "inspectors:\n  - {name: slow, type: slow}\nemitters: []\n"));
    server.post("api/v1/alerts", ALERT, null);
    server.post("api/v1/alerts", "{\"detector\": 1}", null);
    String metrics = eventually(() -> {
      String text = get("metrics").body();
      return text.contains("alertresponder_reports_published_total") ? text : null;
    });
    assertThat(metrics)
        .contains("alertresponder_alerts_accepted_total 1.0")
        .contains("alertresponder_alerts_rejected_total{reason=\"invalid\"} 1.0")
        .contains("alertresponder_reports_new_total 1.0")
        .contains("alertresponder_reports_published_total{severity=\"unclassified\",version=\"first\"} 1.0")
        .contains("alertresponder_inspection_duration_seconds_count{cached=\"false\",inspector=\"slow\",status=\"done\"} 1")
        .contains("alertresponder_timer_lag_seconds_count{kind=\"review\"} 1")
        .contains("alertresponder_backlog");
  }

  @Test
  void reportsCanBeFilteredAndPagedAndBadParametersAreNamed() throws Exception {
    start(TestServer.config(""));
    for (int i = 0; i < 3; i++) {
      server.post("api/v1/alerts", ALERT.replace("i-0abc12", "i-" + i), null);
    }
    JsonObject first = new JsonObject(get("api/v1/reports?limit=2&status=open&detector=guardduty").body());
    assertThat(first.getJsonArray("items")).hasSize(2);
    JsonObject second = new JsonObject(get("api/v1/reports?limit=2&cursor=" + first.getString("next_cursor")).body());
    assertThat(second.getJsonArray("items")).hasSize(1);
    assertThat(new JsonObject(get("api/v1/reports?status=published").body()).getJsonArray("items")).isEmpty();

    HttpResponse<String> bad = server.get("api/v1/reports?since=yesterday", null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(bad.body()).getString("detail"))
        .isEqualTo("since: expected an RFC 3339 date-time like 2026-11-27T10:00:00Z, found \"yesterday\"");
    assertThat(new JsonObject(server.get("api/v1/reports?limit=0", null).body()).getString("detail"))
        .isEqualTo("limit: expected a number from 1 to 1000, found \"0\"");
  }

  @Test
  void unknownThingsAreProblemsToo() throws Exception {
    start(TestServer.config(""));
    HttpResponse<String> missing = server.get("api/v1/reports/no-such-report", null);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(missing.body()).getString("detail")).isEqualTo("no report no-such-report");
    assertThat(server.post("api/v1/dead-letters/nothing/replay", "", null).statusCode()).isEqualTo(404);
    assertThat(server.get("api/v1/nowhere", null).statusCode()).isEqualTo(404);
    assertThat(new JsonObject(server.get("api/v1/alerts", null).body()).getInteger("status")).isEqualTo(405);
    assertThat(new JsonObject(get("api/v1/dead-letters").body()).getJsonArray("items")).isEqualTo(new JsonArray());
  }

  @Test
  void withoutAuthOnLoopbackAForeignHostOrACrossSiteOriginIsRefused() throws Exception {
    start(TestServer.config(""));
    String foreignHost = raw("GET /api/v1/reports HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n");
    assertThat(foreignHost).startsWith("HTTP/1.1 421");
    String body = ALERT.replace("\n", " ");
    String crossSite = raw("POST /api/v1/alerts HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://evil.example\r\n"
        + "Content-Type: text/plain\r\nContent-Length: " + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
        + "\r\nConnection: close\r\n\r\n" + body);
    assertThat(crossSite).startsWith("HTTP/1.1 403");
    assertThat(new JsonObject(get("api/v1/reports").body()).getJsonArray("items")).isEmpty();
    String sameMachine = raw("GET /healthz HTTP/1.1\r\nHost: localhost:8080\r\nOrigin: http://localhost:3000\r\n"
        + "Connection: close\r\n\r\n");
    assertThat(sameMachine).startsWith("HTTP/1.1 200");
  }

  @Test
  void aWrongMethodNamesTheAllowedOnesAndHealthAnswersHead() throws Exception {
    start(TestServer.config(""));
    HttpResponse<String> wrong = server.get("api/v1/alerts", null);
    assertThat(wrong.statusCode()).isEqualTo(405);
    assertThat(wrong.headers().firstValue("Allow")).contains("POST");
    assertThat(raw("HEAD /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 200");
    String upperCaseType = raw("POST /api/v1/alerts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: Application/JSON\r\n"
        + "Content-Length: " + ALERT.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\nConnection: close"
        + "\r\n\r\n" + ALERT);
    assertThat(upperCaseType).startsWith("HTTP/1.1 202");
  }

  @Test
  void aRequestInProgressWhenTheServerShutsDownIsStillAnswered() throws Exception {
    start(TestServer.config(""));
    byte[] body = ALERT.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.base.getPort())) {
      socket.setSoTimeout(20_000);
      java.io.OutputStream out = socket.getOutputStream();
      out.write(("POST /api/v1/alerts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.write(body, 0, body.length - 5);
      out.flush();
      Thread.sleep(200);
      var stopping = server.server.shutdown(java.time.Duration.ofSeconds(10));
      Thread.sleep(200);
      out.write(body, body.length - 5, 5);
      out.flush();
      String answer = new String(socket.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(answer).isEqualTo("HTTP/1.1 202");
      stopping.await(30, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  @Test
  void requestPathsAreLoggedWithoutControlCharacters() {
    assertThat(org.alertresponder.launcher.http.ApiVerticle.printable("/x\u001b[31m\u0000y")).isEqualTo("/x\\x1b[31m\\x00y");
    assertThat(org.alertresponder.launcher.http.ApiVerticle.printable("/" + "a".repeat(500))).hasSize(203);
  }

  /** A request written by hand, for headers an HTTP client will not send (Host, Origin). */
  private String raw(String request) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.base.getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private HttpResponse<String> get(String path) {
    try {
      return server.get(path, null);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private HttpResponse<String> post(String path, String body) {
    try {
      return server.post(path, body, null);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Polls (the server runs on the wall clock) until the supplier returns something, for up to 10 s. */
  static <T> T eventually(Supplier<T> probe) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the condition did not hold within 10s");
      }
      Thread.sleep(20);
    }
  }
}
