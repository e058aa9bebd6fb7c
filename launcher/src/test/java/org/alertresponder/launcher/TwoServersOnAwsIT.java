package org.alertresponder.launcher;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.adapter.aws.Dynalite;
import org.alertresponder.adapter.aws.ElasticMq;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two servers (the real jar, two processes) on one DynamoDB table and one set of SQS queues (dynalite
 * and ElasticMQ on 127.0.0.1), 1,000 alerts over 50 keys posted to both in turn.
 *
 * <p>Undisturbed, each report is created once, each attribute is inspected once per report, and each
 * publication reaches the emitter exactly once, whichever server did the work. With 10% of DynamoDB
 * requests failing and one server killed mid-run, nothing accepted is lost and only deliveries in flight
 * at the kill can reach the emitter twice.
 */
class TwoServersOnAwsIT {
  private static final Path JAR = Path.of(System.getProperty("alertresponder.jar", "target/alertresponder.jar"));
  private static final int ALERTS = 1000;
  private static final int KEYS = 50;
  private static final int BATCH = 20;
  /** Deliveries in flight at once per server; a kill can interrupt at most this many. */
  private static final int EMITTER_CONCURRENCY = 4;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final List<Process> servers = new ArrayList<>();
  private final List<Path> dirs = new ArrayList<>();
  private final List<URI> bases = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(Process::destroyForcibly);
  }

  @Test
  void twoServersShareTheWorkAndDoEachThingOnce() throws Exception {
    String name = "two-" + UUID.randomUUID().toString().substring(0, 8);
    String timers = ElasticMq.newQueue(name + "-timers");
    for (int i = 0; i < 2; i++) {
      start(name, timers, Dynalite.endpoint());
    }

    // Three attributes per key, each sent many times through both servers.
    Map<String, String> reportOfKey = new HashMap<>();
    Instant t0 = Instant.now();
    for (int first = 0; first < ALERTS; first += BATCH) {
      JsonArray batch = new JsonArray();
      for (int i = first; i < first + BATCH; i++) {
        int key = i % KEYS;
        batch.add(new JsonObject().put("detector", "two-servers").put("rule_id", "rule").put("alert_key", "key-" + key)
            .put("timestamp", t0.plusMillis(i).toString())
            .put("attributes", new JsonArray().add(new JsonObject().put("type", "ipaddr").put("key", "source")
                .put("value", "10." + key + ".0." + i % 3))));
      }
      URI base = bases.get(first / BATCH % 2);
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve("api/v1/alerts"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(batch.encode()))
          .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
      JsonArray receipts = new JsonObject(response.body()).getJsonArray("reports");
      for (int i = 0; i < receipts.size(); i++) {
        String key = "key-" + (first + i) % KEYS;
        String report = receipts.getJsonObject(i).getString("report_id");
        String earlier = reportOfKey.putIfAbsent(key, report);
        assertThat(earlier == null ? report : earlier).as("the one report of " + key).isEqualTo(report);
      }
    }
    assertThat(new HashSet<>(reportOfKey.values())).as("each key made one report").hasSize(KEYS);

    Map<String, JsonObject> reports = awaitAllPublished(new HashSet<>(reportOfKey.values()));
    Set<String> publications = new HashSet<>();
    int alertsStored = 0;
    for (JsonObject report : reports.values()) {
      alertsStored += report.getJsonArray("alerts").size();
      for (int version = 1; version <= report.getInteger("version"); version++) {
        publications.add(report.getString("id") + " " + version);
      }
    }
    assertThat(alertsStored).isEqualTo(ALERTS);

    List<String> deliveries = awaitLines("delivered.txt", publications);
    List<String> inspections = lines("inspected.txt");
    System.out.printf("two servers: %d alerts in %d reports, %d publications, %d deliveries (server 1: %d, "
            + "server 2: %d), %d inspections (server 1: %d, server 2: %d)%n", alertsStored, reports.size(),
        publications.size(), deliveries.size(), lines(dirs.get(0), "delivered.txt").size(),
        lines(dirs.get(1), "delivered.txt").size(), inspections.size(), lines(dirs.get(0), "inspected.txt").size(),
        lines(dirs.get(1), "inspected.txt").size());
    assertThat(deliveries).as("each publication delivered exactly once").hasSameSizeAs(publications)
        .containsExactlyInAnyOrderElementsOf(publications);
    assertThat(inspections).as("each attribute inspected once per report").hasSize(KEYS * 3)
        .doesNotHaveDuplicates();
    assertThat(scrape(bases.get(0))).contains("alertresponder_aws_requests_total{operation=\"PutItem\",service=\"DynamoDb\"}");
  }

  @Test
  void withFailingDynamoDbRequestsAndAKilledServerNothingAcceptedIsLost() throws Exception {
    String name = "faults-" + UUID.randomUUID().toString().substring(0, 8);
    String timers = ElasticMq.newQueue(name + "-timers");
    try (FaultyDynamoDbProxy proxy = new FaultyDynamoDbProxy(Dynalite.endpoint(), 0.10)) {
      for (int i = 0; i < 2; i++) {
        start(name, timers, proxy.endpoint());
      }
      Map<String, String> reportOfAlert = new HashMap<>();
      Map<String, String> reportOfKey = new HashMap<>();
      Instant t0 = Instant.now();
      int retried = 0;
      int batches = ALERTS / BATCH;
      for (int number = 0; number < batches; number++) {
        if (number == batches / 3) {
          servers.get(1).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (number == 2 * batches / 3) {
          restart(1);
        }
        JsonArray batch = new JsonArray();
        for (int i = number * BATCH; i < (number + 1) * BATCH; i++) {
          int key = i % KEYS;
          batch.add(new JsonObject().put("detector", "faults").put("rule_id", "rule").put("alert_key", "key-" + key)
              .put("timestamp", t0.plusMillis(i).toString())
              .put("attributes", new JsonArray().add(new JsonObject().put("type", "ipaddr").put("key", "source")
                  .put("value", "10." + key + ".1." + i % 3))));
        }
        // Each alert carries its timestamp, so posting it again (to the other server) stores it once.
        for (int attempt = 0; ; attempt++) {
          URI base = bases.get((number + attempt) % 2);
          HttpResponse<String> response = postOrNull(base, batch.encode());
          if (response != null && response.statusCode() == 202) {
            JsonArray receipts = new JsonObject(response.body()).getJsonArray("reports");
            for (int i = 0; i < receipts.size(); i++) {
              reportOfAlert.put(receipts.getJsonObject(i).getString("alert_id"),
                  receipts.getJsonObject(i).getString("report_id"));
              reportOfKey.putIfAbsent("key-" + (number * BATCH + i) % KEYS,
                  receipts.getJsonObject(i).getString("report_id"));
            }
            break;
          }
          retried++;
          assertThat(attempt).as("posting batch " + number + " keeps failing: "
              + (response == null ? "no answer" : response.statusCode() + " " + response.body())).isLessThan(50);
          Thread.sleep(100);
        }
      }
      assertThat(reportOfAlert).hasSize(ALERTS);

      Map<String, JsonObject> reports = awaitAllPublished(new HashSet<>(reportOfAlert.values()));
      Set<String> stored = new HashSet<>();
      Set<String> publications = new HashSet<>();
      for (JsonObject report : reports.values()) {
        for (Object alert : report.getJsonArray("alerts")) {
          stored.add(((JsonObject) alert).getString("id"));
        }
        for (int version = 1; version <= report.getInteger("version"); version++) {
          publications.add(report.getString("id") + " " + version);
        }
      }
      assertThat(stored).as("every alert answered with 202 is in a published report")
          .containsAll(reportOfAlert.keySet());
      List<String> deliveries = awaitLines("delivered.txt", publications);
      int duplicates = deliveries.size() - new HashSet<>(deliveries).size();
      System.out.printf("faults: %d alerts in %d reports, %d retried posts, DynamoDB through the proxy: %s; "
              + "%d publications, %d deliveries, %d duplicates%n", stored.size(), reports.size(), retried,
          proxy.describe(), publications.size(), deliveries.size(), duplicates);
      assertThat(new HashSet<>(deliveries)).as("every publication delivered").containsAll(publications);
      assertThat(duplicates).as("duplicates: at most the deliveries in flight at the kill")
          .isLessThanOrEqualTo(EMITTER_CONCURRENCY);
      assertThat(new HashSet<>(reportOfKey.values())).as("no key made a second report").hasSize(KEYS);
      assertThat(reports).hasSize(KEYS);
    }
  }

  private static HttpResponse<String> postOrNull(URI base, String body) throws InterruptedException {
    try {
      return HTTP.send(HttpRequest.newBuilder(base.resolve("api/v1/alerts")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException down) {
      return null;
    }
  }

  private void restart(int index) throws Exception {
    Path dir = dirs.get(index);
    servers.set(index, launch(dir));
    awaitReady(bases.get(index), dir);
  }

  private Process launch(Path dir) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-jar", JAR.toAbsolutePath().toString(), "serve", "--config", dir.resolve("config.yaml").toString()))
        .directory(dir.toFile())
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.out").toFile()))
        .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("server.err").toFile()));
    // The emulators accept any credentials; the SDK's default chain finds these.
    builder.environment().put("AWS_ACCESS_KEY_ID", "test");
    builder.environment().put("AWS_SECRET_ACCESS_KEY", "test");
    return builder.start();
  }

  private void start(String name, String timers, URI dynamoDb) throws Exception {
    int number = servers.size() + 1;
    Path dir = Files.createTempDirectory("alertresponder-aws-" + number);
    TestPluginJar.write(dir.resolve("plugins").resolve("test-plugins.jar"));
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Files.writeString(dir.resolve("config.yaml"), """
        http: {port: %d, request-log: false}
        store:
          type: dynamodb
          table: %s
          timer-queue: %s
          work-queue-prefix: %s-work-
          region: us-east-1
          dynamodb-endpoint: %s
          sqs-endpoint: %s
          create-resources: true
        inspection: {delay: 1s}
        review: {delay: 4s, timeout: 2s, max-attempts: 1}
        timers: {poll-interval: 200ms, lease: 10s}
        inspectors:
          - {name: whois, type: slow, timeout: 2s, max-attempts: 1, options: {record: inspected.txt}}
        emitters:
          - {name: record, type: record, timeout: 2s, concurrency: %d, options: {file: delivered.txt}}
        """.formatted(port, name, timers, name, dynamoDb, ElasticMq.endpoint(), EMITTER_CONCURRENCY));
    servers.add(launch(dir));
    dirs.add(dir);
    URI base = URI.create("http://127.0.0.1:" + port + "/");
    bases.add(base);
    awaitReady(base, dir);
  }

  private static void awaitReady(URI base, Path dir) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try {
        if (HTTP.send(HttpRequest.newBuilder(base.resolve("readyz")).build(), HttpResponse.BodyHandlers.ofString())
            .statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the server did not become ready; its log: " + Files.readString(dir.resolve("server.err")));
  }

  private Map<String, JsonObject> awaitAllPublished(Set<String> reportIds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (true) {
      Map<String, JsonObject> reports = new HashMap<>();
      boolean allPublished = true;
      for (String id : reportIds) {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(bases.get(0).resolve("api/v1/reports/" + id))
            .build(), HttpResponse.BodyHandlers.ofString());
        JsonObject report = new JsonObject(response.body());
        reports.put(id, report);
        allPublished &= "published".equals(report.getString("status"));
      }
      if (allPublished) {
        return reports;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("reports still not published after 120s: " + reports.values().stream()
            .filter(r -> !"published".equals(r.getString("status"))).map(r -> r.getString("id"))
            .collect(Collectors.toList()));
      }
      Thread.sleep(500);
    }
  }

  /**
   * The lines of a file of both servers, once every expected line is there (or after a while). Counting
   * lines would not do: a line written twice would stand in for one still missing.
   */
  private List<String> awaitLines(String file, Set<String> expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      List<String> lines = lines(file);
      if (new HashSet<>(lines).containsAll(expected) || System.nanoTime() > deadline) {
        // Anything delivered twice would show up now too.
        Thread.sleep(2000);
        return lines(file);
      }
      Thread.sleep(250);
    }
  }

  private List<String> lines(String file) throws IOException {
    List<String> all = new ArrayList<>();
    for (Path dir : dirs) {
      all.addAll(lines(dir, file));
    }
    return all;
  }

  private static List<String> lines(Path dir, String file) throws IOException {
    Path path = dir.resolve(file);
    return Files.exists(path) ? Files.readAllLines(path).stream().filter(line -> !line.isBlank()).toList() : List.of();
  }

  private static String scrape(URI base) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(base.resolve("metrics")).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
