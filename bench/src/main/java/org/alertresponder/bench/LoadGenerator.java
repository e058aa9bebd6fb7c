package org.alertresponder.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.alertresponder.adapter.local.InMemoryAdapter;
import org.alertresponder.adapter.local.sqlite.SqliteAdapter;
import org.alertresponder.engine.api.Alert;
import org.alertresponder.engine.api.AlertEngine;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.EngineConfig;
import org.alertresponder.engine.api.ReceivedAlert;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.engine.spi.EmitterSpec;
import org.alertresponder.engine.spi.InspectionResult;
import org.alertresponder.engine.spi.InspectorSpec;

import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Drives the whole pipeline with generated alerts and measures what a user would: alerts per second
 * through it, the time from an alert's submission to the first publication that carries it (p50, p90, p99,
 * max), the heap, and the JVM's garbage-collection pauses. Prints a progress line every second and ends
 * with a {@code RESULT} line; {@code out=FILE} writes the figures as JSON too.
 *
 * <pre>
 * java -cp "$(cat bench/target/classpath.txt):bench/target/bench-0.1.0-SNAPSHOT.jar" \
 *     org.alertresponder.bench.LoadGenerator alerts=200000 keys=10000 rate=0 out=load.json
 * </pre>
 *
 * <p>Parameters ({@code name=value}): {@code target} ({@code embedded}; an in-process engine),
 * {@code alerts} (200000), {@code keys} (10000: distinct detector/rule/key groups, so reports),
 * {@code attributes} (3 per alert), {@code inspectors} (1, each answering at once), {@code concurrency} (each
 * inspector's calls in flight at most: 16, the engine's default), {@code emitters} (1),
 * {@code rate} (0: closed loop with {@code window} alerts in flight; else alerts offered per second),
 * {@code window} (1024), {@code store} ({@code memory} or {@code sqlite}), {@code inspection-delay} and
 * {@code review-delay} (0s), {@code warm-up} (20000 alerts, not measured), {@code publish} ({@code true}: wait
 * for every alert's publication; {@code false}, with a long review delay, measures the heap of open reports
 * instead), {@code out} (a JSON file).
 */
public final class LoadGenerator {
  private static final PrintStream CONSOLE = System.out;
  /** Each alert's description is this and its number, which tells a publication which alerts it carries. */
  private static final String DESCRIPTION = "alert ";

  private LoadGenerator() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>(Map.of("target", "embedded", "alerts", "200000", "keys",
        "10000", "attributes", "3", "inspectors", "1", "emitters", "1", "rate", "0", "window", "1024",
        "store", "memory"));
    options.putAll(Map.of("inspection-delay", "0s", "review-delay", "0s", "warm-up", "20000", "publish", "true",
        "concurrency", String.valueOf(InspectorSpec.DEFAULT_CONCURRENCY)));
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (equals < 1 || !options.containsKey(arg.substring(0, equals)) && !arg.startsWith("out=")) {
        throw new IllegalArgumentException("expected name=value with a name among " + options.keySet()
            + " or out, found \"" + arg + "\"");
      }
      options.put(arg.substring(0, equals), arg.substring(equals + 1));
    }
    if (!options.get("target").equals("embedded")) {
      throw new IllegalArgumentException("target must be embedded (the http target is not written yet)");
    }
    CONSOLE.println("load: " + options);
    JsonObject result = new LoadGenerator.Run(options).call();
    CONSOLE.println("RESULT " + result.encode());
    if (options.containsKey("out")) {
      Files.writeString(Path.of(options.get("out")), result.encodePrettily());
    }
    System.exit(0);
  }

  /** One run with its options. */
  private static final class Run {
    private final int alerts;
    private final int keys;
    private final int attributes;
    private final int inspectors;
    private final int concurrency;
    private final int emitters;
    private final int rate;
    private final int window;
    private final int warmUp;
    private final String store;
    private final Duration inspectionDelay;
    private final Duration reviewDelay;
    private final boolean publish;
    /**
     * When each alert was submitted (System.nanoTime), by its number, until the first publication that carries
     * it: set before the submission, so that a publication faster than the receipt still finds it.
     */
    private final AtomicLongArray submittedAt;
    private final AtomicLongArray latencies;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong publications = new AtomicLong();

    Run(Map<String, String> options) {
      alerts = Integer.parseInt(options.get("alerts"));
      keys = Integer.parseInt(options.get("keys"));
      attributes = Integer.parseInt(options.get("attributes"));
      inspectors = Integer.parseInt(options.get("inspectors"));
      concurrency = Integer.parseInt(options.get("concurrency"));
      emitters = Integer.parseInt(options.get("emitters"));
      rate = Integer.parseInt(options.get("rate"));
      window = Integer.parseInt(options.get("window"));
      warmUp = Integer.parseInt(options.get("warm-up"));
      store = options.get("store");
      inspectionDelay = org.alertresponder.engine.api.Durations.parse(options.get("inspection-delay"));
      reviewDelay = org.alertresponder.engine.api.Durations.parse(options.get("review-delay"));
      publish = Boolean.parseBoolean(options.get("publish"));
      latencies = new AtomicLongArray(alerts);
      submittedAt = new AtomicLongArray(warmUp + alerts);
    }

    JsonObject call() throws Exception {
      Vertx vertx = Vertx.vertx();
      Path dir = Files.createTempDirectory("alertresponder-load");
      Adapter adapter = store.equals("sqlite") ? new SqliteAdapter(dir.resolve("load.db"),
          SqliteAdapter.Settings.defaults().withFullSync(false)) : new InMemoryAdapter();
      AlertEngine.Builder builder = AlertEngine.builder().adapter(adapter)
          .config(EngineConfig.builder().inspectionDelay(inspectionDelay).reviewDelay(reviewDelay)
              .maxBacklog(Long.MAX_VALUE).aggregationInstances(2).build());
      for (int i = 0; i < inspectors; i++) {
        builder.inspector(InspectorSpec.of("inspector-" + i, Attribute.IPADDR, Attribute.DOMAIN, Attribute.USERNAME)
                .withConcurrency(concurrency),
            task -> Future.succeededFuture(InspectionResult.empty()));
      }
      for (int i = 0; i < emitters; i++) {
        boolean measuring = i == 0;
        builder.emitter(EmitterSpec.of("emitter-" + i), report -> {
          if (measuring) {
            published(report);
          }
          return Future.succeededFuture();
        });
      }
      AlertEngine engine = builder.build();
      engine.start(vertx).await(60, TimeUnit.SECONDS);

      submit(engine, 0, warmUp, "warm-up", false);
      if (publish) {
        awaitPublished(warmUp, "warm-up");
      }
      System.gc();
      long heapBefore = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      long gcCountBefore = gcCount();
      long gcTimeBefore = gcMillis();
      long started = System.nanoTime();
      submit(engine, warmUp, alerts, "measured", true);
      double submitSeconds = (System.nanoTime() - started) / 1e9;
      if (publish) {
        awaitPublished(warmUp + alerts, "publishing");
      }
      double throughSeconds = (System.nanoTime() - started) / 1e9;
      long gcCount = gcCount() - gcCountBefore;
      long gcMillis = gcMillis() - gcTimeBefore;
      System.gc();
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      engine.stop().await(60, TimeUnit.SECONDS);
      vertx.close().await(60, TimeUnit.SECONDS);

      long[] sorted = new long[alerts];
      for (int i = 0; i < alerts; i++) {
        sorted[i] = latencies.get(i);
      }
      Arrays.sort(sorted);
      return new JsonObject()
          .put("publish", publish)
          .put("alerts", alerts).put("keys", keys).put("attributes", attributes).put("inspectors", inspectors)
          .put("concurrency", concurrency)
          .put("emitters", emitters).put("rate", rate).put("window", window).put("store", store)
          .put("accepted_per_second", Math.round(alerts / submitSeconds))
          .put("through_pipeline_per_second", Math.round(alerts / throughSeconds))
          .put("publications", publications.get())
          .put("latency_ms", !publish ? null : new JsonObject().put("p50", millis(sorted, 0.50))
              .put("p90", millis(sorted, 0.90)).put("p99", millis(sorted, 0.99)).put("max", millis(sorted, 1.0)))
          .put("gc", new JsonObject().put("collections", gcCount).put("pause_ms_total", gcMillis))
          .put("heap_after_gc_bytes", heap)
          // Meaningful with publish=false: what the measured alerts' open reports hold (a group of the warm-up
          // may be joined rather than created, so keys above the warm-up's count it best).
          .put("heap_per_key_bytes", Math.round((heap - heapBefore) / (double) Math.min(keys, alerts)));
    }

    /** Records, for each alert this publication carries for the first time, its time from submission. */
    private void published(Report report) {
      publications.incrementAndGet();
      long now = System.nanoTime();
      for (ReceivedAlert alert : report.alerts()) {
        int number = Integer.parseInt(alert.alert().description().substring(DESCRIPTION.length()));
        long submitted = submittedAt.getAndSet(number, 0);
        if (submitted != 0) {
          published.incrementAndGet();
          if (number >= warmUp) {
            latencies.set(number - warmUp, now - submitted);
          }
        }
      }
    }

    private void submit(AlertEngine engine, int first, int count, String phase, boolean paced) throws Exception {
      Semaphore inFlight = new Semaphore(window);
      AtomicLong remaining = new AtomicLong(count);
      AtomicLong failures = new AtomicLong();
      ProgressLine progress = new ProgressLine(CONSOLE, phase, "alerts", count, remaining::get);
      long started = System.nanoTime();
      for (int i = first; i < first + count; i++) {
        if (paced && rate > 0) {
          long due = started + (long) ((i - first) * (1e9 / rate));
          long wait = due - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
        }
        inFlight.acquire();
        submittedAt.set(i, System.nanoTime());
        engine.submit(alert(i)).onComplete(ar -> {
          if (ar.failed()) {
            failures.incrementAndGet();
          }
          inFlight.release();
          remaining.decrementAndGet();
        });
      }
      inFlight.acquire(window);
      progress.stop();
      if (failures.get() > 0) {
        throw new IllegalStateException(failures.get() + " submissions failed");
      }
    }

    /** Waits until {@code total} alerts have been published, at most a minute after the last one was. */
    private void awaitPublished(long total, String phase) throws Exception {
      ProgressLine progress = new ProgressLine(CONSOLE, phase, "alerts published", total,
          () -> total - published.get());
      long last = published.get();
      long lastChange = System.nanoTime();
      while (published.get() < total) {
        TimeUnit.MILLISECONDS.sleep(20);
        long now = published.get();
        if (now != last) {
          last = now;
          lastChange = System.nanoTime();
        } else if (System.nanoTime() - lastChange > TimeUnit.MINUTES.toNanos(1)) {
          progress.stop();
          throw new IllegalStateException("no publication for a minute: " + now + " of " + total + " published");
        }
      }
      progress.stop();
    }

    private Alert alert(int i) {
      // A group is detector, rule and key; the rule follows from the key so that there are exactly `keys` groups.
      int key = i % keys;
      Alert.Builder builder = Alert.builder("load", "rule-" + key % 7).alertKey("host-" + key)
          .description(DESCRIPTION + i);
      String[] types = {Attribute.IPADDR, Attribute.USERNAME, Attribute.DOMAIN};
      for (int a = 0; a < attributes; a++) {
        String type = types[a % types.length];
        String value = switch (type) {
          case Attribute.IPADDR -> "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i + a & 255);
          case Attribute.USERNAME -> "user-" + (i + a) % 50;
          default -> "d" + (i + a) % 100 + ".example";
        };
        builder.attribute(type, type + "-" + a, value, Attribute.REMOTE);
      }
      return builder.build();
    }

    private static double millis(long[] sorted, double quantile) {
      if (sorted.length == 0) {
        return 0;
      }
      int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
      return Math.round(sorted[Math.max(0, index)] / 1e4) / 100.0;
    }

    private static long gcCount() {
      return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount)
          .sum();
    }

    private static long gcMillis() {
      return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime)
          .sum();
    }
  }

}
