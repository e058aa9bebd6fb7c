package org.alertresponder.launcher;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.alertresponder.plugins.support.HmacSignatures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The day-one plugins through the built jar, as an operator configures them: a blocklist feed file, a policy
 * file and a webhook. A blocklisted source address makes the policy say urgent, and the webhook receives the
 * report, signed; an address on no list stays unclassified and, below the webhook's minimum severity, is not
 * sent.
 */
class PluginsEndToEndIT {
  private static final Path JAR = Path.of(System.getProperty("alertresponder.jar", "target/alertresponder.jar"));
  /** The README's example plugins, packed by the plugins-example build as a third party's jar. */
  private static final Path EXAMPLES_JAR = Path.of(System.getProperty("alertresponder.examplesJar",
      "../plugins-example/target/plugins-example-" + Version.current() + "-examples.jar"));
  private static final String SECRET = "e2e-webhook-secret-0123456789";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static Path dir;
  private static Process server;
  private static URI base;
  private static Vertx vertx;
  private static HttpServer receiver;
  private static final List<Received> received = new CopyOnWriteArrayList<>();

  private record Received(String path, String signature, String timestamp, String idempotencyKey, Buffer body) {
  }

  @BeforeAll
  static void start() throws Exception {
    assertThat(JAR).as("the packaged jar (run through mvn verify)").exists();
    vertx = Vertx.vertx();
    receiver = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      received.add(new Received(request.path(), request.getHeader("X-AlertResponder-Signature"),
          request.getHeader("X-AlertResponder-Timestamp"), request.getHeader("Idempotency-Key"), body));
      request.response().setStatusCode(204).end();
    }));
    receiver.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertThat(EXAMPLES_JAR).as("the example plugins' jar (built by plugins-example)").exists();
    dir = Files.createTempDirectory("alertresponder-plugins-e2e");
    Files.createDirectories(dir.resolve("plugins"));
    Files.copy(EXAMPLES_JAR, dir.resolve("plugins/example-plugins.jar"));
    Files.createDirectories(dir.resolve("feeds"));
    Files.writeString(dir.resolve("feeds/drop.txt"), """
        ; a Spamhaus DROP style feed
        203.0.113.0/24 ; SBL0001
        """);
    Files.writeString(dir.resolve("policy.yaml"), """
        rules:
          - name: blocklisted-address
            when: findings.from("blocklist", "host").exists(f, f.content.blocklisted == true)
            severity: urgent
            reason: The source address is on a blocklist
        default: {severity: unclassified, reason: No rule matched}
        """);
    int port = freePort();
    Files.writeString(dir.resolve("config.yaml"), """
        http: {port: %d}
        store: {type: memory}
        inspection: {delay: 0s}
        review: {delay: 1s, early: true}
        inspectors:
          - name: blocklist
            type: blocklist
            options:
              feeds: [{path: feeds/drop.txt}]
          - name: reserved
            type: example-reserved-address
        reviewer:
          name: policy
          type: policy
          options: {file: policy.yaml}
        emitters:
          - name: soar
            type: webhook
            min-severity: urgent
            options:
              url: http://127.0.0.1:%d/hooks/alertresponder
              secret: ${E2E_WEBHOOK_SECRET}
        """.formatted(port, receiver.actualPort()));
    base = URI.create("http://127.0.0.1:" + port + "/");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toAbsolutePath().toString(), "serve", "--config", dir.resolve("config.yaml").toString())
        .directory(dir.toFile());
    builder.environment().put("E2E_WEBHOOK_SECRET", SECRET);
    builder.redirectOutput(dir.resolve("server.out").toFile()).redirectError(dir.resolve("server.err").toFile());
    server = builder.start();
    awaitReady();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null && server.isAlive()) {
      server.destroyForcibly();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aBlocklistedAddressIsUrgentAndTheWebhookReceivesItSigned() throws Exception {
    String listed = submit("203.0.113.7", "i-listed");
    String unlisted = submit("198.51.100.7", "i-unlisted");

    JsonObject urgent = published(listed);
    JsonObject other = published(unlisted);

    assertThat(urgent.getJsonObject("result").getString("severity")).isEqualTo("urgent");
    assertThat(urgent.getJsonObject("result").getString("reason")).isEqualTo("The source address is on a blocklist");
    JsonObject finding = urgent.getJsonArray("sections").getJsonObject(0).getJsonArray("findings").getJsonObject(0);
    assertThat(finding.getString("author")).isEqualTo("blocklist");
    assertThat(finding.getJsonObject("content").getString("matched")).isEqualTo("203.0.113.0/24");
    assertThat(other.getJsonObject("result").getString("severity")).isEqualTo("unclassified");

    Received delivery = eventually(() -> received.isEmpty() ? null : received.get(0));
    assertThat(delivery.path()).isEqualTo("/hooks/alertresponder");
    assertThat(delivery.idempotencyKey()).isEqualTo(listed + ":1");
    assertThat(Math.abs(Long.parseLong(delivery.timestamp()) - java.time.Instant.now().getEpochSecond())).isLessThan(300);
    assertThat(HmacSignatures.matches(SECRET, HmacSignatures.timestamped(delivery.timestamp(), delivery.body()),
        delivery.signature())).isTrue();
    JsonObject body = new JsonObject(delivery.body());
    assertThat(body.getString("id")).isEqualTo(listed);
    assertThat(body.getJsonObject("result").getString("severity")).isEqualTo("urgent");
    // The unclassified report was published too, but it is below the webhook's minimum severity.
    assertThat(received).extracting(r -> new JsonObject(r.body()).getString("id")).doesNotContain(unlisted)
        .contains(listed);
    assertThat(Files.readString(dir.resolve("server.err"))).doesNotContain(SECRET);
  }

  @Test
  void anInspectorFromAJarInThePluginsFolderAddsItsFindings() throws Exception {
    String id = submit("10.20.30.40", "i-internal");

    JsonObject report = published(id);

    JsonObject finding = report.getJsonArray("sections").getJsonObject(0).getJsonArray("findings").getJsonObject(0);
    assertThat(finding.getString("author")).isEqualTo("reserved");
    assertThat(finding.getJsonObject("content").getString("reserved")).isEqualTo("private");
  }

  private static String submit(String address, String key) throws Exception {
    String alert = """
        {"detector": "guardduty", "rule_id": "UnauthorizedAccess:EC2/SSHBruteForce", "alert_key": "%s",
         "attributes": [{"type": "ipaddr", "key": "source address", "value": "%s", "context": ["remote"]}]}
        """.formatted(key, address);
    HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(base.resolve("api/v1/alerts"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(alert))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
    return new JsonObject(posted.body()).getJsonArray("reports").getJsonObject(0).getString("report_id");
  }

  private static JsonObject published(String id) throws Exception {
    return eventually(() -> {
      JsonObject current = new JsonObject(get("api/v1/reports/" + id).body());
      return "published".equals(current.getString("status")) ? current : null;
    });
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).GET().timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void awaitReady() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      assertThat(server.isAlive()).as("server running; its log: %s", Files.readString(dir.resolve("server.err"))).isTrue();
      try {
        if (get("readyz").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(50);
    }
    throw new AssertionError("not ready within 60s: " + Files.readString(dir.resolve("server.err")));
  }

  /** Polls (the server runs on the wall clock) until the probe returns something, for up to 30 s. */
  private static <T> T eventually(Probe<T> probe) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the condition did not hold within 30s; server log: "
            + Files.readString(dir.resolve("server.err")));
      }
      Thread.sleep(50);
    }
  }

  private interface Probe<T> {
    T get() throws Exception;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
