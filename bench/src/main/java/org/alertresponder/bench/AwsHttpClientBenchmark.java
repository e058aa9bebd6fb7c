package org.alertresponder.bench;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.alertresponder.adapter.aws.AwsConnection;
import org.alertresponder.adapter.aws.AwsHttpClient;
import org.alertresponder.adapter.aws.Dynalite;
import org.alertresponder.engine.spi.InspectionResult;
import org.alertresponder.engine.spi.ResultCache;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The AWS SDK's own Netty HTTP client against the Vert.x one, on the same workload: a number of
 * concurrent users, each writing a cached inspection result (PutItem) and reading it back (a GetItem,
 * sent as BatchGetItem by the cache) through the adapter's {@code ResultCache}, from the event loops of
 * one Vert.x instance, as the engine calls it. The store is dynalite on 127.0.0.1, started by the run.
 *
 * <pre>
 * mvn -q -B install -DskipTests &amp;&amp; bash adapter-aws/emulators/install.sh
 * java -cp "$(cat bench/target/classpath.txt):bench/target/bench-0.1.0-SNAPSHOT.jar" \
 *     org.alertresponder.bench.AwsHttpClientBenchmark compare [runs] [pairs]
 * java -cp ... org.alertresponder.bench.AwsHttpClientBenchmark run netty|vertx concurrency [pairs]
 * </pre>
 *
 * <p>{@code compare} runs every (client, concurrency) of 16 and 64 concurrent users {@code runs} times
 * (default 5), each in a JVM of its own with a dynalite of its own, the two clients interleaved, so that
 * a busy machine slows both alike; it prints each run and then medians and ranges. {@code run} is one
 * measurement in this JVM.
 */
public final class AwsHttpClientBenchmark {
  /**
   * Where the benchmark reports: it is a command-line program whose output is its result, like the
   * launcher's commands, so this is the one place it names the console.
   */
  private static final java.io.PrintStream CONSOLE = System.out;
  private static final int WARM_UP_PAIRS = 3_000;
  /** Keys are reused, so the emulator's table stays the same size however long the run. */
  private static final int KEYS = 1_000;
  private static final List<String> METRICS = List.of("requests_per_s", "pairs_per_s", "p50_ms", "p99_ms",
      "threads", "peak_threads", "cpu_us_per_request", "heap_after_gc_mb");

  private AwsHttpClientBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "compare";
    switch (mode) {
      case "run" -> run(AwsHttpClient.valueOf(args[1].toUpperCase(Locale.ROOT)), Integer.parseInt(args[2]),
          args.length > 3 ? Integer.parseInt(args[3]) : 20_000);
      case "compare" -> compare(args.length > 1 ? Integer.parseInt(args[1]) : 5,
          args.length > 2 ? Integer.parseInt(args[2]) : 20_000);
      default -> throw new IllegalArgumentException("mode must be compare or run, was " + mode);
    }
    System.exit(0);
  }

  // ---- one measurement ------------------------------------------------------------------------

  private static void run(AwsHttpClient client, int concurrency, int pairs) throws Exception {
    // The emulator takes any key; the SDK's default chain reads these first and never asks the instance
    // metadata service.
    System.setProperty("aws.accessKeyId", "bench");
    System.setProperty("aws.secretAccessKey", "bench");
    if (System.getProperty("alertresponder.emulators") == null) {
      System.setProperty("alertresponder.emulators", Path.of("adapter-aws", "emulators").toString());
    }
    URI dynalite = Dynalite.endpoint();
    Vertx vertx = Vertx.vertx();
    // No SQS request is sent: the queue URL and endpoint only have to be well-formed.
    AwsConnection connection = new AwsConnection(new AwsConnection.Settings("bench-" + UUID.randomUUID(),
        "http://127.0.0.1:9/000000000000/unused", "bench-work-", null, 10, "us-east-1", dynalite,
        URI.create("http://127.0.0.1:9"), true, Duration.ofDays(1), client));
    connection.open(vertx).await(60, TimeUnit.SECONDS);
    List<Context> eventLoops = eventLoopContexts(vertx);
    String name = client.name().toLowerCase(Locale.ROOT) + " c=" + concurrency;

    drive(connection.cache(), eventLoops, concurrency, WARM_UP_PAIRS, null, name + " warm-up");
    long[] latencies = new long[2 * pairs];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long requestsBefore = requests(connection);
    long cpuBefore = os.getProcessCpuTime();
    long started = System.nanoTime();
    long failures = drive(connection.cache(), eventLoops, concurrency, pairs, latencies, name + " measured");
    double seconds = (System.nanoTime() - started) / 1e9;
    long cpu = os.getProcessCpuTime() - cpuBefore;
    long requests = requests(connection) - requestsBefore;
    int liveThreads = threads.getThreadCount();
    int peakThreads = threads.getPeakThreadCount();
    System.gc();
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    Arrays.sort(latencies);
    CONSOLE.printf(Locale.ROOT, "RESULT client=%s concurrency=%d pairs=%d requests=%d failures=%d seconds=%.2f"
            + " requests_per_s=%.0f pairs_per_s=%.0f p50_ms=%.2f p99_ms=%.2f threads=%d peak_threads=%d"
            + " cpu_us_per_request=%.0f heap_after_gc_mb=%.1f%n",
        client.name().toLowerCase(Locale.ROOT), concurrency, pairs, requests, failures, seconds, requests / seconds,
        pairs / seconds, percentile(latencies, 0.50) / 1e6, percentile(latencies, 0.99) / 1e6, liveThreads,
        peakThreads, cpu / 1e3 / requests, heap / 1048576.0);
    connection.close().await(30, TimeUnit.SECONDS);
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  /** One context on each of the instance's event loops, as the engine's verticles have. */
  private static List<Context> eventLoopContexts(Vertx vertx) throws Exception {
    List<Context> contexts = new CopyOnWriteArrayList<>();
    int eventLoops = 2 * Runtime.getRuntime().availableProcessors();
    vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        contexts.add(context);
        return Future.succeededFuture();
      }
    }, new DeploymentOptions().setInstances(eventLoops)).await(30, TimeUnit.SECONDS);
    return contexts;
  }

  /**
   * Runs {@code pairs} write-then-read pairs with {@code concurrency} users spread over the event loops,
   * recording each call's latency (as the caller sees it) when {@code latencies} is given.
   *
   * @return the calls that failed
   */
  private static long drive(ResultCache cache, List<Context> eventLoops, int concurrency, int pairs,
                            long[] latencies, String phase) throws InterruptedException {
    AtomicInteger claimed = new AtomicInteger();
    AtomicInteger recorded = new AtomicInteger();
    AtomicLong failures = new AtomicLong();
    CountDownLatch done = new CountDownLatch(pairs);
    InspectionResult result = InspectionResult.empty();
    ProgressLine progress = new ProgressLine(CONSOLE, phase, "pairs", pairs, done::getCount);
    for (int user = 0; user < concurrency; user++) {
      Context context = eventLoops.get(user % eventLoops.size());
      context.runOnContext(v -> new User(cache, result, claimed, pairs, latencies, recorded, failures, done).next());
    }
    done.await();
    progress.stop();
    return failures.get();
  }

  /** One user: writes a result, reads it back, and starts over while pairs are left. */
  private record User(ResultCache cache, InspectionResult result, AtomicInteger claimed, int pairs, long[] latencies,
                      AtomicInteger recorded, AtomicLong failures, CountDownLatch done) {
    void next() {
      int pair = claimed.getAndIncrement();
      if (pair >= pairs) {
        return;
      }
      String key = "bench#" + pair % KEYS;
      long writeStarted = System.nanoTime();
      cache.put(key, result, Instant.now().plusSeconds(3600))
          .transform(written -> {
            record(written.failed(), writeStarted);
            long readStarted = System.nanoTime();
            return cache.get(key, Instant.now()).andThen(read -> record(read.failed(), readStarted));
          })
          .onComplete(ignored -> {
            done.countDown();
            next();
          });
    }

    private void record(boolean failed, long started) {
      if (failed) {
        failures.incrementAndGet();
      }
      if (latencies != null) {
        latencies[recorded.getAndIncrement()] = System.nanoTime() - started;
      }
    }
  }

  private static long requests(AwsConnection connection) {
    return connection.requestCounts().stream().mapToLong(AwsConnection.RequestCount::count).sum();
  }

  private static long percentile(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  // ---- interleaved comparison -----------------------------------------------------------------

  private static void compare(int runs, int pairs) throws Exception {
    Map<String, List<Map<String, Double>>> results = new LinkedHashMap<>();
    for (int run = 1; run <= runs; run++) {
      for (int concurrency : new int[] {16, 64}) {
        for (AwsHttpClient client : AwsHttpClient.values()) {
          String name = client.name().toLowerCase(Locale.ROOT);
          CONSOLE.printf("run %d of %d: %s, %d concurrent users, %,d pairs%n", run, runs, name, concurrency, pairs);
          Map<String, Double> measured = child(name, concurrency, pairs);
          results.computeIfAbsent(name + " c=" + concurrency, k -> new ArrayList<>()).add(measured);
        }
      }
    }
    CONSOLE.println();
    CONSOLE.printf("Medians of %d runs [lowest - highest]%n", runs);
    CONSOLE.printf("%-12s", "client");
    for (String metric : METRICS) {
      CONSOLE.printf(" | %-22s", metric);
    }
    CONSOLE.println();
    results.forEach((name, measured) -> {
      CONSOLE.printf("%-12s", name);
      for (String metric : METRICS) {
        double[] values = measured.stream().mapToDouble(m -> m.get(metric)).sorted().toArray();
        CONSOLE.printf(Locale.ROOT, " | %-22s", String.format(Locale.ROOT, "%s [%s - %s]", format(median(values)),
            format(values[0]), format(values[values.length - 1])));
      }
      CONSOLE.println();
    });
  }

  /** One measurement in a JVM of its own; its progress is passed through, its RESULT line parsed. */
  private static Map<String, Double> child(String client, int concurrency, int pairs) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms512m", "-Xmx512m", "-cp", System.getProperty("java.class.path")));
    if (System.getProperty("alertresponder.emulators") != null) {
      command.add("-Dalertresponder.emulators=" + System.getProperty("alertresponder.emulators"));
    }
    command.addAll(List.of(AwsHttpClientBenchmark.class.getName(), "run", client, Integer.toString(concurrency),
        Integer.toString(pairs)));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    Map<String, Double> measured = null;
    try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = output.readLine()) != null) {
        if (line.startsWith("RESULT ")) {
          CONSOLE.println("  " + line);
          measured = new LinkedHashMap<>();
          for (String field : line.substring("RESULT ".length()).split(" ")) {
            String[] parts = field.split("=", 2);
            if (parts[1].matches("-?[0-9.]+")) {
              measured.put(parts[0], Double.parseDouble(parts[1]));
            }
          }
        } else if (line.startsWith("  ")) {
          CONSOLE.println("  " + line);
        }
      }
    }
    int status = process.waitFor();
    if (status != 0 || measured == null) {
      throw new IllegalStateException("the " + client + " run exited with status " + status + " without a result");
    }
    if (measured.get("failures") > 0) {
      throw new IllegalStateException("the " + client + " run had failed calls: " + measured);
    }
    return measured;
  }

  private static double median(double[] sorted) {
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  private static String format(double value) {
    return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
  }

}
