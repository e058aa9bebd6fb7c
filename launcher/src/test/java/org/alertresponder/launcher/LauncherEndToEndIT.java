package org.alertresponder.launcher;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the built jar as a separate process and uses it only through HTTP and the command line, as an
 * operator would: a plugin jar in the plugins/ folder, bearer tokens, the limits, metrics, the CLI,
 * and a graceful stop on SIGTERM.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherEndToEndIT {
  private static final String WRITE_TOKEN = "e2e-operator-token-0123456789";
  private static final String READ_TOKEN = "e2e-viewer-token-0123456789";
  private static final Path JAR = Path.of(System.getProperty("alertresponder.jar", "target/alertresponder.jar"));
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String ALERT = """
      {"detector": "guardduty", "rule_id": "UnauthorizedAccess:EC2/SSHBruteForce", "alert_key": "i-0abc12",
       "description": "198.51.100.7 is performing SSH brute force attacks against i-0abc12",
       "attributes": [{"type": "ipaddr", "key": "source address", "value": "198.51.100.7", "context": ["remote"]}]}
      """;

  private static Path dir;
  private static Process server;
  private static URI base;

  @BeforeAll
  static void startServer() throws Exception {
    assertThat(JAR).as("the packaged jar (run through mvn verify)").exists();
    dir = Files.createTempDirectory("alertresponder-e2e");
    TestPluginJar.write(dir.resolve("plugins").resolve("test-plugins.jar"));
    int port = freePort();
    Files.writeString(dir.resolve("config.yaml"), """
        http:
          port: %d
          limits: {body: 64KiB}
          auth:
            tokens:
              - {name: operator, scopes: [read, write], env: E2E_WRITE_TOKEN}
              - {name: viewer, scopes: [read], env: E2E_READ_TOKEN}
        intake: {max-backlog: 40}
        inspection: {delay: 0s}
        review: {delay: 1s}
        inspectors:
          - {name: slow, type: slow, concurrency: 2, options: {delay: "${SLOW_DELAY:20ms}"}}
        emitters:
          - {name: log, type: log}
        """.formatted(port));
    base = URI.create("http://127.0.0.1:" + port + "/");
    server = process(List.of("serve", "--config", dir.resolve("config.yaml").toString()), dir.resolve("server"));
    awaitReady();
  }

  @AfterAll
  static void stopServer() {
    if (server != null && server.isAlive()) {
      server.destroyForcibly();
    }
  }

  @Test
  @Order(1)
  void anAlertPostedOverHttpIsInspectedByThePluginJarAndPublishedWithAVerdict() throws Exception {
    HttpResponse<String> posted = post("api/v1/alerts", ALERT, WRITE_TOKEN);
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
    String id = new JsonObject(posted.body()).getJsonArray("reports").getJsonObject(0).getString("report_id");

    JsonObject report = eventually(() -> {
      JsonObject current = new JsonObject(get("api/v1/reports/" + id, READ_TOKEN).body());
      return "published".equals(current.getString("status")) ? current : null;
    });
    assertThat(report.getInteger("version")).isEqualTo(1);
    assertThat(report.getJsonObject("result").getString("severity")).isEqualTo("unclassified");
    assertThat(report.getJsonObject("result").getString("reason")).contains("1 alert");
    JsonArray sections = report.getJsonArray("sections");
    assertThat(sections).hasSize(1);
    assertThat(sections.getJsonObject(0).getJsonArray("findings").getJsonObject(0).getString("author"))
        .isEqualTo("slow");
    assertThat(eventually(() -> read(dir.resolve("server.out")).contains(id) ? "logged" : null)).isEqualTo("logged");
  }

  @Test
  @Order(2)
  void aBatchWithOneBadAlertGetsAProblemNamingTheIndexAndTheField() throws Exception {
    String batch = "[" + ALERT + ", " + ALERT.replace("\"198.51.100.7\", \"context\"", "\"999.1.1.1\", \"context\"")
        + "]";
    HttpResponse<String> response = post("api/v1/alerts", batch, WRITE_TOKEN);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    JsonObject error = new JsonObject(response.body()).getJsonArray("errors").getJsonObject(0);
    assertThat(error.getString("path")).isEqualTo("[1].attributes[0].value");
    assertThat(error.getString("rule")).isEqualTo("format");
    assertThat(error.getString("message")).isEqualTo("must be an IPv4 or IPv6 address, was \"999.1.1.1\"");
  }

  @Test
  @Order(3)
  void withoutATokenIt401sAndAReadTokenMayNotWrite() throws Exception {
    assertThat(post("api/v1/alerts", ALERT, null).statusCode()).isEqualTo(401);
    assertThat(get("api/v1/reports", null).statusCode()).isEqualTo(401);
    HttpResponse<String> forbidden = post("api/v1/alerts", ALERT, READ_TOKEN);
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(forbidden.body()).getString("detail")).isEqualTo("token viewer lacks the write scope");
    assertThat(get("api/v1/reports", READ_TOKEN).statusCode()).isEqualTo(200);
  }

  @Test
  @Order(4)
  void aBodyOverTheLimitIs413() throws Exception {
    String big = "[" + (ALERT + ",").repeat(300) + ALERT + "]";
    HttpResponse<String> response = post("api/v1/alerts", big, WRITE_TOKEN);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(new JsonObject(response.body()).getString("detail")).contains("limit of 65536 bytes");
  }

  @Test
  @Order(5)
  void theCommandLineSubmitsAndListsAndShowsReports() throws Exception {
    Path alert = dir.resolve("alert.json");
    Files.writeString(alert, ALERT.replace("i-0abc12", "i-cli"));
    Result submitted = run(List.of("submit", alert.toString(), "--url", base.toString()), WRITE_TOKEN);
    assertThat(submitted.status()).as(submitted.err()).isZero();
    String id = new JsonObject(submitted.out()).getJsonArray("reports").getJsonObject(0).getString("report_id");

    Result listed = run(List.of("reports", "list", "--url", base.toString()), READ_TOKEN);
    assertThat(listed.status()).as(listed.err()).isZero();
    assertThat(listed.out()).contains(id).contains("guardduty / UnauthorizedAccess:EC2/SSHBruteForce");

    Result shown = run(List.of("reports", "show", id, "--url", base.toString()), READ_TOKEN);
    assertThat(shown.status()).isZero();
    assertThat(new JsonObject(shown.out()).getString("alert_key")).isEqualTo("i-cli");

    Result refused = run(List.of("submit", alert.toString(), "--url", base.toString()), READ_TOKEN);
    assertThat(refused.status()).isEqualTo(1);
    assertThat(refused.err()).contains("403 Forbidden: token viewer lacks the write scope");

    Result noDeadLetters = run(List.of("dead-letters", "list", "--url", base.toString()), READ_TOKEN);
    assertThat(noDeadLetters.status()).isZero();
    Result missing = run(List.of("dead-letters", "replay", "nope", "--url", base.toString()), WRITE_TOKEN);
    assertThat(missing.status()).isEqualTo(1);
    assertThat(missing.err()).contains("404 Not Found: no dead letter with id nope");
  }

  @Test
  @Order(6)
  void metricsCountWhatHappened() throws Exception {
    String metrics = eventually(() -> {
      String text = get("metrics", READ_TOKEN).body();
      return text.contains("alertresponder_reports_published_total") ? text : null;
    });
    assertThat(metrics)
        .contains("alertresponder_alerts_accepted_total 2.0")
        .contains("alertresponder_alerts_rejected_total{reason=\"invalid\"} 1.0")
        .contains("alertresponder_reports_new_total 2.0")
        .contains("alertresponder_delivery_attempts_total{emitter=\"log\",outcome=\"delivered\"}")
        .contains("alertresponder_inspection_duration_seconds_count{cached=\"false\",inspector=\"slow\",status=\"done\"}")
        .contains("alertresponder_queue_depth{queue=\"timers\"}");
  }

  @Test
  @Order(7)
  void configCheckRejectsATypoNamingTheKey() throws Exception {
    Path typo = dir.resolve("typo.yaml");
    Files.writeString(typo, "http:\n  port: 8080\nreview:\n  dealy: 1s\n");
    Result result = run(List.of("config", "check", typo.toString()), Map.of());
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err()).contains("review.dealy (line 4, column 10): expected one of the keys delay, early, "
        + "timeout, max-attempts, backoff, found the unknown key \"dealy\" (did you mean \"delay\"?)");
    Result good = run(List.of("config", "check", dir.resolve("config.yaml").toString()),
        Map.of("E2E_WRITE_TOKEN", WRITE_TOKEN, "E2E_READ_TOKEN", READ_TOKEN));
    assertThat(good.status()).as(good.err()).isZero();
  }

  @Test
  @Order(8)
  void everyCommandExplainsItselfWithHelp() throws Exception {
    for (List<String> command : List.of(List.of("--help"), List.of("serve", "--help"), List.of("submit", "--help"),
        List.of("reports", "list", "--help"), List.of("reports", "show", "--help"),
        List.of("dead-letters", "list", "--help"), List.of("dead-letters", "replay", "--help"),
        List.of("config", "check", "--help"), List.of("version", "--help"))) {
      Result help = run(command, Map.of());
      assertThat(help.status()).as("%s", command).isZero();
      assertThat(help.out()).as("%s", command).contains("Usage:");
    }
    assertThat(run(List.of("version"), Map.of()).out()).startsWith("alertresponder ");
  }

  @Test
  @Order(8)
  void aCorruptOrUnreadableStoreStopsStartUpNamingTheFileAndLeavesItAlone() throws Exception {
    Path corrupt = dir.resolve("corrupt").resolve("data").resolve("alertresponder.db");
    Files.createDirectories(corrupt.getParent());
    byte[] garbage = "not a database, only text long enough to fill a page header; ".repeat(200).getBytes();
    Files.write(corrupt, garbage);
    Result refused = serveWithStore(dir.resolve("corrupt"), "data/alertresponder.db");
    assertThat(refused.status()).as(refused.err()).isEqualTo(1);
    assertThat(refused.err()).contains("start-up failed: the store " + corrupt.toAbsolutePath().normalize()
        + " is not an AlertResponder store or is corrupt").doesNotContain("\tat ");
    assertThat(Files.readAllBytes(corrupt)).as("the damaged file is kept for recovery").isEqualTo(garbage);

    Path folder = dir.resolve("folder").resolve("store.db");
    Files.createDirectories(folder);
    Result notAFile = serveWithStore(dir.resolve("folder"), "store.db");
    assertThat(notAFile.status()).as(notAFile.err()).isEqualTo(1);
    assertThat(notAFile.err()).contains("start-up failed: cannot open the store " + folder.toAbsolutePath().normalize());

    Path blocked = dir.resolve("blocked");
    Files.createDirectories(blocked);
    Files.writeString(blocked.resolve("data"), "a file where the store's folder should be");
    Result noFolder = serveWithStore(blocked, "data/alertresponder.db");
    assertThat(noFolder.status()).as(noFolder.err()).isEqualTo(1);
    assertThat(noFolder.err()).contains("start-up failed: cannot create the folder of the store "
        + blocked.resolve("data").resolve("alertresponder.db").toAbsolutePath().normalize() + ": "
        + blocked.resolve("data").toAbsolutePath().normalize() + " exists and is not a folder");
  }

  /** Runs serve on a config in {@code home} whose store is {@code storePath}, expecting it to stop at once. */
  private static Result serveWithStore(Path home, String storePath) throws Exception {
    Files.writeString(home.resolve("config.yaml"), """
        http: {port: %d}
        store: {path: %s}
        emitters: []
        """.formatted(freePort(), storePath));
    return run(List.of("serve", "--config", home.resolve("config.yaml").toString()), Map.of());
  }

  @Test
  @Order(8)
  void usageMistakesExitWithStatusTwoAndSayWhatIsWrong() throws Exception {
    for (List<String> command : List.<List<String>>of(List.of(), List.of("reports"), List.of("dead-letters"),
        List.of("config"))) {
      Result usage = run(command, Map.of());
      assertThat(usage.status()).as("%s", command).isEqualTo(2);
      assertThat(usage.err()).as("%s", command).contains("Usage:");
    }
    Result badUrl = run(List.of("reports", "list", "--url", "notaurl"), Map.of());
    assertThat(badUrl.status()).isEqualTo(2);
    assertThat(badUrl.err()).contains("--url: expected an http or https URL like http://127.0.0.1:8080, found "
        + "\"notaurl\"");
    Result directory = run(List.of("submit", dir.toString(), "--url", base.toString()), WRITE_TOKEN);
    assertThat(directory.status()).isEqualTo(2);
    assertThat(directory.err()).startsWith("error: cannot read " + dir);
    Result badGrace = run(List.of("serve", "--grace", "soon"), Map.of());
    assertThat(badGrace.status()).isEqualTo(2);
    assertThat(badGrace.err()).contains("--grace: expected a duration like 250ms, 30s, 5m, 3h or 7d, found \"soon\"");
  }

  @Test
  @Order(9)
  void aFloodIsTurnedAwayWith429AndRetryAfterButNeverAServerError() throws Exception {
    // Waves of concurrent batches, faster than the slow inspector drains them (10 addresses a second),
    // until the backlog bound (40) turns requests away.
    List<HttpResponse<String>> responses = new ArrayList<>();
    for (int wave = 0; wave < 20 && responses.stream().noneMatch(r -> r.statusCode() == 429); wave++) {
      List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
      for (int request = 0; request < 5; request++) {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 10; i++) {
          batch.append(i == 0 ? "" : ",").append(ALERT.replace("198.51.100.7", "10." + wave + "." + request + "." + i));
        }
        HttpRequest post = HttpRequest.newBuilder(base.resolve("api/v1/alerts"))
            .header("Authorization", "Bearer " + WRITE_TOKEN).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(batch.append("]").toString())).build();
        flood.add(HTTP.sendAsync(post, HttpResponse.BodyHandlers.ofString()));
      }
      flood.forEach(response -> responses.add(response.join()));
    }
    assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(202, 429).contains(429);
    HttpResponse<String> refused = responses.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
    assertThat(refused.headers().firstValue("Retry-After")).contains("1");
    assertThat(new JsonObject(refused.body()).getString("detail")).startsWith("the engine's backlog is full");
    assertThat(get("healthz", null).statusCode()).isEqualTo(200);
  }

  @Test
  @Order(10)
  void sigtermStopsIntakeFinishesAndExitsZero() throws Exception {
    server.destroy();
    assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
    assertThat(server.exitValue()).isZero();
    assertThat(read(dir.resolve("server.err"))).contains("shutting down").contains("stopped");
    assertThat(dir.resolve("data").resolve("alertresponder.db")).exists();
    assertThat(dir.resolve("data").resolve("alertresponder.db-wal"))
        .as("after a clean stop the store's log is folded into the file, so the file alone is a backup")
        .doesNotExist();
  }

  // ---- helpers --------------------------------------------------------------------------------

  private record Result(int status, String out, String err) {
  }

  private static Result run(List<String> arguments, String token) throws Exception {
    return run(arguments, token == null ? Map.of() : Map.of("ALERTRESPONDER_TOKEN", token));
  }

  private static Result run(List<String> arguments, Map<String, String> environment) throws Exception {
    Path output = dir.resolve("cli-" + System.nanoTime());
    ProcessBuilder builder = command(arguments, output);
    builder.environment().putAll(environment);
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", arguments).isTrue();
    return new Result(process.exitValue(), read(Path.of(output + ".out")), read(Path.of(output + ".err")));
  }

  private static Process process(List<String> arguments, Path output) throws IOException {
    ProcessBuilder builder = command(arguments, output);
    builder.environment().put("E2E_WRITE_TOKEN", WRITE_TOKEN);
    builder.environment().put("E2E_READ_TOKEN", READ_TOKEN);
    builder.environment().put("SLOW_DELAY", "200ms");
    return builder.start();
  }

  private static ProcessBuilder command(List<String> arguments, Path output) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toAbsolutePath().toString()));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().remove("ALERTRESPONDER_TOKEN");
    builder.redirectOutput(Path.of(output + ".out").toFile()).redirectError(Path.of(output + ".err").toFile());
    return builder;
  }

  private static void awaitReady() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      assertThat(server.isAlive()).as("server running; its log: %s", read(dir.resolve("server.err"))).isTrue();
      try {
        if (get("readyz", null).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(50);
    }
    throw new AssertionError("not ready within 60s: " + read(dir.resolve("server.err")));
  }

  private static HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String body, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Polls (the server runs on the wall clock) until the probe returns something, for up to 20 s. */
  private static <T> T eventually(Probe<T> probe) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the condition did not hold within 20s");
      }
      Thread.sleep(50);
    }
  }

  private interface Probe<T> {
    T get() throws Exception;
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
