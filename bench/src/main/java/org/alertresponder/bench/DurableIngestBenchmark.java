package org.alertresponder.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.adapter.local.sqlite.SqliteAdapter;
import org.alertresponder.engine.api.Alert;
import org.alertresponder.engine.api.AlertEngine;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.EngineConfig;

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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Durable ingest throughput: alerts per second stored (and acknowledged) on the SQLite store, through the
 * embedded API and through HTTP batches against the real jar. Inspection is delayed beyond the run so the
 * figure is intake alone.
 *
 * <pre>
 * mvn -q -B package -DskipTests
 * java -cp "$(cat bench/target/classpath.txt):bench/target/bench-0.1.0-SNAPSHOT.jar" \
 *     org.alertresponder.bench.DurableIngestBenchmark embedded|http [alerts] [keys] [sync: full|normal]
 * </pre>
 */
public final class DurableIngestBenchmark {
  private static final int WARM_UP = 10_000;
  /**
   * Where the benchmark reports: it is a command-line program whose output is its result, like the
   * launcher's commands, so this is the one place it names the console.
   */
  private static final java.io.PrintStream CONSOLE = System.out;

  private DurableIngestBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "embedded";
    int alerts = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int keys = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
    boolean fullSync = args.length <= 3 || args[3].equals("full");
    Path dir = Files.createTempDirectory("alertresponder-bench");
    CONSOLE.printf("durable ingest, %s: %,d alerts over %,d keys, synchronous=%s, store in %s%n", mode, alerts,
        keys, fullSync ? "full" : "normal", dir);
    double perSecond = switch (mode) {
      case "embedded" -> embedded(dir, alerts, keys, fullSync);
      case "http" -> http(dir, alerts, keys, fullSync);
      default -> throw new IllegalArgumentException("mode must be embedded or http, was " + mode);
    };
    CONSOLE.printf(Locale.ROOT, "RESULT %s: %.0f alerts/s%n", mode, perSecond);
    System.exit(0);
  }

  private static Alert alert(int i, int keys) {
    return Alert.builder("bench", "rule-" + i % 7).alertKey("host-" + i % keys).description("alert " + i)
        .attribute(Attribute.IPADDR, "source", "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255),
            Attribute.REMOTE)
        .attribute(Attribute.USERNAME, "user", "user-" + i % 50)
        .attribute(Attribute.DOMAIN, "domain", "d" + i % 100 + ".example")
        .build();
  }

  // ---- embedded -------------------------------------------------------------------------------

  private static double embedded(Path dir, int alerts, int keys, boolean fullSync) throws Exception {
    Vertx vertx = Vertx.vertx();
    SqliteAdapter adapter = new SqliteAdapter(dir.resolve("bench.db"),
        SqliteAdapter.Settings.defaults().withFullSync(fullSync));
    AlertEngine engine = AlertEngine.builder().adapter(adapter)
        .config(EngineConfig.builder().inspectionDelay(Duration.ofHours(1)).reviewDelay(Duration.ofHours(2))
            .maxBacklog(Long.MAX_VALUE).aggregationInstances(2).build())
        .build();
    engine.start(vertx).await(60, TimeUnit.SECONDS);
    submit(engine, 0, WARM_UP, keys, "warm-up");
    long started = System.nanoTime();
    submit(engine, WARM_UP, alerts, keys, "measured");
    double seconds = (System.nanoTime() - started) / 1e9;
    engine.stop().await(60, TimeUnit.SECONDS);
    vertx.close().await(60, TimeUnit.SECONDS);
    return alerts / seconds;
  }

  /** Submits {@code count} alerts with at most 512 in flight, printing progress every second. */
  private static void submit(AlertEngine engine, int first, int count, int keys, String phase) throws Exception {
    Semaphore window = new Semaphore(512);
    CountDownLatch done = new CountDownLatch(count);
    AtomicLong failures = new AtomicLong();
    ProgressLine progress = new ProgressLine(CONSOLE, phase, "alerts", count, done::getCount);
    for (int i = first; i < first + count; i++) {
      window.acquire();
      Future<?> receipt = engine.submit(alert(i, keys));
      receipt.onComplete(ar -> {
        if (ar.failed()) {
          failures.incrementAndGet();
        }
        window.release();
        done.countDown();
      });
    }
    done.await();
    progress.stop();
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " submissions failed");
    }
  }

  // ---- http -----------------------------------------------------------------------------------

  private static double http(Path dir, int alerts, int keys, boolean fullSync) throws Exception {
    Path jar = Path.of("launcher", "target", "alertresponder.jar").toAbsolutePath();
    if (!Files.exists(jar)) {
      throw new IllegalStateException("build the server first: mvn -q -B package -DskipTests (looked for " + jar + ")");
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Files.writeString(dir.resolve("config.yaml"), """
        http: {port: %d, request-log: false}
        store: {path: bench.db, synchronous: %s}
        intake: {max-backlog: 1000000000}
        aggregation: {instances: %d}
        inspection: {delay: 1h}
        review: {delay: 2h}
        emitters: []
        """.formatted(port, fullSync ? "full" : "normal", Integer.getInteger("bench.aggregationInstances", 1)));
    // Extra server JVM options (for example a flight recording) come from -Dbench.serverJvmOptions.
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    String jvmOptions = System.getProperty("bench.serverJvmOptions", "").trim();
    if (!jvmOptions.isEmpty()) {
      command.addAll(List.of(jvmOptions.split("\\s+")));
    }
    command.addAll(List.of("-jar", jar.toString(), "serve", "--config", dir.resolve("config.yaml").toString()));
    Process server = new ProcessBuilder(command)
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
    URI base = URI.create("http://127.0.0.1:" + port + "/");
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try {
      awaitReady(client, base);
      post(client, base, 0, WARM_UP, keys, "warm-up");
      long started = System.nanoTime();
      post(client, base, WARM_UP, alerts, keys, "measured");
      return alerts / ((System.nanoTime() - started) / 1e9);
    } finally {
      server.destroy();
      server.waitFor(60, TimeUnit.SECONDS);
    }
  }

  /** Posts {@code count} alerts in batches of 100 from {@code bench.connections} connections (default 16). */
  private static void post(HttpClient client, URI base, int first, int count, int keys, String phase)
      throws Exception {
    int batch = 100;
    List<String> bodies = new ArrayList<>();
    for (int start = first; start < first + count; start += batch) {
      JsonArray array = new JsonArray();
      for (int i = start; i < Math.min(start + batch, first + count); i++) {
        array.add(org.alertresponder.engine.api.AlertCodec.encode(alert(i, keys)));
      }
      bodies.add(array.encode());
    }
    AtomicLong next = new AtomicLong();
    AtomicLong remaining = new AtomicLong(count);
    ProgressLine progress = new ProgressLine(CONSOLE, phase, "alerts", count, remaining::get);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < Integer.getInteger("bench.connections", 16); t++) {
      Thread thread = new Thread(() -> {
        int index;
        while ((index = (int) next.getAndIncrement()) < bodies.size()) {
          try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("api/v1/alerts"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(bodies.get(index))).build(),
                HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
              throw new IllegalStateException("POST answered " + response.statusCode() + ": " + response.body());
            }
            remaining.addAndGet(-new JsonObject(response.body()).getInteger("accepted"));
          } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
          }
        }
      });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    progress.stop();
  }

  private static void awaitReady(HttpClient client, URI base) throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      try {
        if (client.send(HttpRequest.newBuilder(base.resolve("readyz")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("the server did not become ready");
  }

}
