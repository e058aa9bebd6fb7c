package org.alertresponder.launcher;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing accepted is lost when the process dies: 2,000 alerts over 100 keys are posted while the server
 * (the real jar, on its SQLite store) is killed with SIGKILL at random moments at least five times and
 * restarted each time. Afterwards every alert that got a 202 is in a published report, every publication
 * reached the emitter at least once, and the emitter saw a publication twice only if it was in flight at a
 * kill (the test prints how many).
 */
class CrashRecoveryIT {
  private static final Path JAR = Path.of(System.getProperty("alertresponder.jar", "target/alertresponder.jar"));
  private static final int ALERTS = 2000;
  private static final int KEYS = 100;
  private static final int BATCH = 20;
  private static final int KILLS = 5;
  /** Deliveries in flight at once; a kill can interrupt at most this many after they reached the emitter. */
  private static final int EMITTER_CONCURRENCY = 4;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Path dir;
  private URI base;
  private volatile Process server;
  private final AtomicInteger starts = new AtomicInteger();

  @AfterEach
  void stop() {
    Process current = server;
    if (current != null) {
      current.destroyForcibly();
    }
  }

  @Test
  void everyAcceptedAlertIsPublishedAndEveryPublicationDeliveredDespiteRepeatedKills() throws Exception {
    dir = Files.createTempDirectory("alertresponder-crash");
    TestPluginJar.write(dir.resolve("plugins").resolve("test-plugins.jar"));
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    base = URI.create("http://127.0.0.1:" + port + "/");
    Files.writeString(dir.resolve("config.yaml"), """
        http: {port: %d, request-log: false}
        store: {path: data/crash.db}
        inspection: {delay: 0s}
        review: {delay: 1s, timeout: 2s, max-attempts: 1}
        timers: {lease: 5s, poll-interval: 500ms}
        emitters:
          - {name: record, type: record, timeout: 10s, concurrency: %d, options: {file: delivered.txt}}
        """.formatted(port, EMITTER_CONCURRENCY));
    start();

    // Each alert carries its own timestamp, so posting it again after a kill stores it once.
    List<String> batches = new ArrayList<>();
    Instant t0 = Instant.parse("2026-11-27T10:00:00Z");
    for (int first = 0; first < ALERTS; first += BATCH) {
      JsonArray batch = new JsonArray();
      for (int i = first; i < first + BATCH; i++) {
        batch.add(new JsonObject().put("detector", "crash-test").put("rule_id", "rule").put("alert_key", "key-" + i % KEYS)
            .put("description", "alert " + i).put("timestamp", t0.plusMillis(i).toString())
            .put("attributes", new JsonArray().add(new JsonObject().put("type", "ipaddr").put("key", "source")
                .put("value", "10.0." + (i / 256) % 256 + "." + i % 256))));
      }
      batches.add(batch.encode());
    }

    AtomicBoolean submitting = new AtomicBoolean(true);
    AtomicInteger kills = new AtomicInteger();
    Thread killer = new Thread(() -> killAtRandom(submitting, kills), "killer");
    killer.start();

    Map<String, String> acceptedAlertToReport = new HashMap<>();
    int retries = 0;
    for (String batch : batches) {
      while (true) {
        HttpResponse<String> response = post(batch);
        if (response != null && response.statusCode() == 202) {
          JsonArray reports = new JsonObject(response.body()).getJsonArray("reports");
          for (int i = 0; i < reports.size(); i++) {
            acceptedAlertToReport.put(reports.getJsonObject(i).getString("alert_id"),
                reports.getJsonObject(i).getString("report_id"));
          }
          break;
        }
        retries++;
        Thread.sleep(50);
      }
    }
    submitting.set(false);
    killer.join();
    assertThat(kills.get()).isGreaterThanOrEqualTo(KILLS);
    assertThat(acceptedAlertToReport).hasSize(ALERTS);

    // No more kills: wait until every report is published and every publication delivered.
    awaitReady();
    Map<String, JsonObject> reports = awaitAllPublished(new HashSet<>(acceptedAlertToReport.values()));
    Set<String> storedAlerts = new HashSet<>();
    Set<String> publications = new HashSet<>();
    for (JsonObject report : reports.values()) {
      for (Object alert : report.getJsonArray("alerts")) {
        storedAlerts.add(((JsonObject) alert).getString("id"));
      }
      for (int version = 1; version <= report.getInteger("version"); version++) {
        publications.add(report.getString("id") + " " + version);
      }
    }
    assertThat(storedAlerts).as("every alert acknowledged with 202 is in a published report")
        .containsAll(acceptedAlertToReport.keySet());
    List<String> deliveries = awaitDelivered(publications);
    int duplicates = deliveries.size() - new HashSet<>(deliveries).size();
    System.out.printf("crash test: %d alerts in %d reports, %d kills, %d server starts, %d retried posts, "
            + "%d publications, %d deliveries, %d duplicate deliveries%n", storedAlerts.size(), reports.size(),
        kills.get(), starts.get(), retries, publications.size(), deliveries.size(), duplicates);
    assertThat(new HashSet<>(deliveries)).containsAll(publications);
    // A delivery holds its slot until it is recorded as delivered, so only those in flight at a kill can
    // reach the emitter twice.
    assertThat(duplicates).as("duplicates: at most the deliveries in flight at the kills")
        .isLessThanOrEqualTo(kills.get() * EMITTER_CONCURRENCY);
  }

  private void killAtRandom(AtomicBoolean submitting, AtomicInteger kills) {
    Random random = new Random(20261127);
    try {
      while (submitting.get() || kills.get() < KILLS) {
        Thread.sleep(800 + random.nextInt(1600));
        Process current = server;
        current.destroyForcibly();
        current.waitFor(30, TimeUnit.SECONDS);
        kills.incrementAndGet();
        start();
      }
    } catch (Exception e) {
      throw new IllegalStateException("the killer failed", e);
    }
  }

  private void start() throws Exception {
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        JAR.toAbsolutePath().toString(), "serve", "--config", dir.resolve("config.yaml").toString());
    int number = starts.incrementAndGet();
    server = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve("server-" + number + ".out").toFile())
        .redirectError(dir.resolve("server-" + number + ".err").toFile()).start();
    awaitReady();
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(base.resolve("readyz")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the server did not become ready; its log: "
        + Files.readString(dir.resolve("server-" + starts.get() + ".err")));
  }

  /** A post, or null when the server is down or died while answering. */
  private HttpResponse<String> post(String body) throws InterruptedException {
    try {
      return HTTP.send(HttpRequest.newBuilder(base.resolve("api/v1/alerts")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    }
  }

  private Map<String, JsonObject> awaitAllPublished(Set<String> reportIds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (true) {
      Map<String, JsonObject> reports = new HashMap<>();
      boolean allPublished = true;
      for (String id : reportIds) {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve("api/v1/reports/" + id)).build(),
            HttpResponse.BodyHandlers.ofString());
        JsonObject report = new JsonObject(response.body());
        reports.put(id, report);
        allPublished &= "published".equals(report.getString("status"));
      }
      if (allPublished) {
        return reports;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("reports still not published after 180s");
      }
      Thread.sleep(500);
    }
  }

  private List<String> awaitDelivered(Set<String> publications) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (true) {
      Path file = dir.resolve("delivered.txt");
      List<String> lines = new ArrayList<>();
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file)) {
          if (line.matches("\\S+ \\d+")) {
            lines.add(line);
          }
        }
      }
      if (new HashSet<>(lines).containsAll(publications) || System.nanoTime() > deadline) {
        return lines;
      }
      Thread.sleep(500);
    }
  }
}
