package org.alertresponder.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.adapter.local.InMemoryAdapter;
import org.alertresponder.adapter.local.sqlite.SqliteAdapter;
import org.alertresponder.engine.api.Alert;
import org.alertresponder.engine.api.AlertCodec;
import org.alertresponder.engine.api.AlertEngine;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.EngineConfig;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.engine.spi.EmitterSpec;
import org.alertresponder.engine.spi.InspectionResult;
import org.alertresponder.engine.spi.InspectionTask;
import org.alertresponder.engine.spi.InspectorSpec;

import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

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
 * <p>Parameters ({@code name=value}):
 * <ul>
 *   <li>{@code target}: {@code embedded} (an engine in this JVM, the default) or {@code http} (a server);</li>
 *   <li>{@code alerts} (200000), {@code keys} (10000: distinct detector/rule/key groups, so reports),
 *       {@code attributes} (3 per alert), {@code warm-up} (20000 alerts, not measured);</li>
 *   <li>{@code inspectors} (1, each answering at once; over HTTP, a {@code blocklist}), {@code concurrency}
 *       (each inspector's calls in flight at most: 16, the engine's default), {@code findings} (0: what an
 *       embedded inspector finds about each address), {@code emitters} (1);</li>
 *   <li>{@code rate} (0: a closed loop with {@code window} alerts in flight, 1024; else alerts offered per
 *       second), {@code store} ({@code memory} or {@code sqlite}, with {@code synchronous: full}),
 *       {@code inspection-delay} and {@code review-delay} (0s);</li>
 *   <li>{@code publish} ({@code true}: wait for every alert's publication and measure the time to it;
 *       {@code false}, with a long review delay, measures the heap of open reports once their inspections have
 *       run (embedded), or intake alone (HTTP));</li>
 *   <li>over HTTP: {@code batch} (100 alerts a request; 1 posts single objects), {@code connections} (64
 *       keep-alive connections, one request in flight on each), {@code url} (a running server, measured with
 *       {@code publish=false}; without it the launcher's jar is started with a configuration made for the run,
 *       its publications posted back to this generator by a {@code webhook} emitter), {@code token-env} (the
 *       variable holding a write token for {@code url});</li>
 *   <li>{@code out}: a file for the JSON result; {@code histogram}: print this many rows of the classes that
 *       hold the most of the heap after the run; {@code live-every}: every so many seconds, a full collection and
 *       the heap after it (what is live), for memory runs.</li>
 * </ul>
 */
public final class LoadGenerator {
  private static final PrintStream CONSOLE = System.out;
  /** Each alert's description is this and its number, which tells a publication which alerts it carries. */
  private static final String DESCRIPTION = "alert ";
  /** Options without a default. */
  private static final List<String> OPTIONAL = List.of("out", "url", "token-env", "histogram", "live-every");
  /** Finds the alerts a published report's JSON carries, by their descriptions. */
  private static final Pattern DESCRIPTION_IN_JSON = Pattern.compile("\"description\":\"" + DESCRIPTION + "(\\d+)\"");

  private LoadGenerator() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>(Map.of("target", "embedded", "alerts", "200000", "keys",
        "10000", "attributes", "3", "inspectors", "1", "emitters", "1", "rate", "0", "window", "1024",
        "store", "memory"));
    options.putAll(Map.of("inspection-delay", "0s", "review-delay", "0s", "warm-up", "20000", "publish", "true",
        "concurrency", String.valueOf(InspectorSpec.DEFAULT_CONCURRENCY), "batch", "100", "connections", "64"));
    options.put("findings", "0");
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (equals < 1 || !options.containsKey(arg.substring(0, equals)) && !OPTIONAL.contains(arg.substring(0, equals))) {
        throw new IllegalArgumentException("expected name=value with a name among " + options.keySet()
            + " or " + OPTIONAL + ", found \"" + arg + "\"");
      }
      options.put(arg.substring(0, equals), arg.substring(equals + 1));
    }
    if (!List.of("embedded", "http").contains(options.get("target"))) {
      throw new IllegalArgumentException("target must be embedded or http, was " + options.get("target"));
    }
    if (!List.of("memory", "sqlite").contains(options.get("store"))) {
      throw new IllegalArgumentException("store must be memory or sqlite, was " + options.get("store"));
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
    private final int findings;
    private final int emitters;
    private final int rate;
    private final int window;
    private final int warmUp;
    private final String store;
    private final Duration inspectionDelay;
    private final Duration reviewDelay;
    private final boolean publish;
    private final boolean http;
    private final int batch;
    private final int connections;
    private final String url;
    private final String tokenEnv;
    private final int histogram;
    private final int liveEvery;
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
      findings = Integer.parseInt(options.get("findings"));
      emitters = Integer.parseInt(options.get("emitters"));
      rate = Integer.parseInt(options.get("rate"));
      window = Integer.parseInt(options.get("window"));
      warmUp = Integer.parseInt(options.get("warm-up"));
      store = options.get("store");
      inspectionDelay = org.alertresponder.engine.api.Durations.parse(options.get("inspection-delay"));
      reviewDelay = org.alertresponder.engine.api.Durations.parse(options.get("review-delay"));
      publish = Boolean.parseBoolean(options.get("publish"));
      http = options.get("target").equals("http");
      batch = Integer.parseInt(options.get("batch"));
      connections = Integer.parseInt(options.get("connections"));
      url = options.get("url");
      tokenEnv = options.get("token-env");
      histogram = Integer.parseInt(options.getOrDefault("histogram", "0"));
      liveEvery = Integer.parseInt(options.getOrDefault("live-every", "0"));
      latencies = new AtomicLongArray(alerts);
      submittedAt = new AtomicLongArray(warmUp + alerts);
    }

    JsonObject call() throws Exception {
      Target target = http ? new HttpTarget(this) : new EmbeddedTarget(this);
      target.start();
      submit(target, 0, warmUp, "warm-up", false);
      if (publish) {
        awaitPublished(warmUp, "warm-up");
      }
      System.gc();
      long heapBefore = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      long gcCountBefore = gcCount();
      long gcTimeBefore = gcMillis();
      HeapAfterCollections heapSeries = new HeapAfterCollections();
      LiveHeap liveHeap = liveEvery > 0 ? new LiveHeap(liveEvery) : null;
      long started = System.nanoTime();
      submit(target, warmUp, alerts, "measured", true);
      double submitSeconds = (System.nanoTime() - started) / 1e9;
      if (publish) {
        awaitPublished(warmUp + alerts, "publishing");
      } else {
        target.settle();
      }
      double throughSeconds = (System.nanoTime() - started) / 1e9;
      long gcCount = gcCount() - gcCountBefore;
      long gcMillis = gcMillis() - gcTimeBefore;
      heapSeries.stop();
      JsonArray live = liveHeap == null ? null : liveHeap.stop();
      System.gc();
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      if (histogram > 0) {
        printHistogram(histogram);
      }
      target.close();

      long[] sorted = new long[alerts];
      for (int i = 0; i < alerts; i++) {
        sorted[i] = latencies.get(i);
      }
      Arrays.sort(sorted);
      return new JsonObject()
          .put("target", http ? "http" : "embedded")
          .put("publish", publish)
          .put("alerts", alerts).put("keys", keys).put("attributes", attributes).put("inspectors", inspectors)
          .put("concurrency", concurrency).put("findings", findings)
          .put("emitters", emitters).put("rate", rate).put("window", window).put("store", store)
          .put("batch", http ? batch : null).put("connections", http ? connections : null)
          .put("accepted_per_second", Math.round(alerts / submitSeconds))
          .put("requests_per_second", http ? Math.round(Math.ceil(alerts / (double) batch) / submitSeconds) : null)
          .put("through_pipeline_per_second", publish ? Math.round(alerts / throughSeconds) : null)
          .put("publications", publications.get())
          .put("latency_ms", !publish ? null : new JsonObject().put("p50", millis(sorted, 0.50))
              .put("p90", millis(sorted, 0.90)).put("p99", millis(sorted, 0.99)).put("max", millis(sorted, 1.0)))
          .put("gc", new JsonObject().put("collections", gcCount).put("pause_ms_total", gcMillis))
          // The heap this JVM holds (with the embedded target, the engine's and its store's), after the run and a
          // full collection, and after each collection during the measured run, in MB: flat when nothing piles up.
          .put("heap_after_gc_bytes", heap)
          .put("heap_after_each_gc_mb", heapSeries.megabytes())
          // With live-every=N: the heap after a full collection every N seconds, in MB, which is what is live.
          .put("live_heap_mb", live)
          // Meaningful with publish=false: what the measured alerts' open reports hold (a group of the warm-up
          // may be joined rather than created, so keys above the warm-up's count it best).
          .put("heap_per_key_bytes", Math.round((heap - heapBefore) / (double) Math.min(keys, alerts)));
    }

    /** Records, for each alert a publication carries for the first time, its time from submission. */
    void published(int[] numbers) {
      publications.incrementAndGet();
      long now = System.nanoTime();
      for (int number : numbers) {
        long submitted = submittedAt.getAndSet(number, 0);
        if (submitted != 0) {
          published.incrementAndGet();
          if (number >= warmUp) {
            latencies.set(number - warmUp, now - submitted);
          }
        }
      }
    }

    /**
     * Submits alerts {@code first} to {@code first + count - 1}, as many at once as the target takes in one
     * request, with at most {@code window} requests in flight, paced at {@code rate} alerts per second when set.
     */
    private void submit(Target target, int first, int count, String phase, boolean paced) throws Exception {
      int perRequest = target.alertsPerRequest();
      int inFlightLimit = target.requestsInFlight();
      Semaphore inFlight = new Semaphore(inFlightLimit);
      AtomicLong remaining = new AtomicLong(count);
      AtomicLong failures = new AtomicLong();
      List<String> firstFailure = new ArrayList<>();
      target.prepare(first, count);
      ProgressLine progress = new ProgressLine(CONSOLE, phase, "alerts", count, remaining::get);
      long started = System.nanoTime();
      for (int i = first; i < first + count; i += perRequest) {
        int size = Math.min(perRequest, first + count - i);
        if (paced && rate > 0) {
          long due = started + (long) ((i - first) * (1e9 / rate));
          long wait = due - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
        }
        inFlight.acquire();
        long now = System.nanoTime();
        for (int n = i; n < i + size; n++) {
          submittedAt.set(n, now);
        }
        target.submit(i, size).onComplete(ar -> {
          if (ar.failed() && failures.getAndIncrement() == 0) {
            synchronized (firstFailure) {
              firstFailure.add(ar.cause().toString());
            }
          }
          inFlight.release();
          remaining.addAndGet(-size);
        });
      }
      inFlight.acquire(inFlightLimit);
      progress.stop();
      if (failures.get() > 0) {
        throw new IllegalStateException(failures.get() + " submissions failed, the first with " + firstFailure);
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

    /** What an embedded inspector finds: {@code findings} findings about an address, nothing about the rest. */
    InspectionResult findings(InspectionTask task) {
      if (findings == 0 || !task.attribute().type().equals(Attribute.IPADDR)) {
        return InspectionResult.empty();
      }
      List<Finding> found = new ArrayList<>(findings);
      for (int i = 0; i < findings; i++) {
        found.add(Finding.of(Finding.HOST, new JsonObject().put("source", "load").put("score", i)));
      }
      return new InspectionResult(found, List.of());
    }

    Alert alert(int i) {
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

    /** Prints the classes that hold the most of the heap (as {@code jcmd GC.class_histogram} does), the top {@code rows}. */
    private static void printHistogram(int rows) throws Exception {
      Object text = ManagementFactory.getPlatformMBeanServer().invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
          new Object[] {new String[0]}, new String[] {String[].class.getName()});
      String[] lines = text.toString().split("\n");
      for (int i = 0; i < Math.min(lines.length, rows + 2); i++) {
        CONSOLE.println("  " + lines[i]);
      }
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


  /** Where the alerts go: an engine in this JVM, or a server over HTTP. */
  private interface Target {
    void start() throws Exception;

    /** Alerts in one submission. */
    int alertsPerRequest();

    /** Submissions in flight at most. */
    int requestsInFlight();

    /**
     * Waits, without publications to wait for, until what the run's alerts set off has run: their inspections, and
     * everything else due before the review delay. Only the embedded target can tell.
     */
    default void settle() throws Exception {
    }

    /** Makes ready what submitting alerts {@code first} to {@code first + count - 1} takes, before it is timed. */
    default void prepare(int first, int count) {
    }

    /** Submits alerts {@code first} to {@code first + count - 1}; completes once they are accepted. */
    Future<Void> submit(int first, int count);

    void close() throws Exception;
  }

  /** An engine in this JVM, with inspectors that answer at once and emitters that record the publications. */
  private static final class EmbeddedTarget implements Target {
    private final Run run;
    private Vertx vertx;
    private AlertEngine engine;

    EmbeddedTarget(Run run) {
      this.run = run;
    }

    @Override
    public void start() throws Exception {
      vertx = Vertx.vertx();
      Path dir = Files.createTempDirectory("alertresponder-load");
      Adapter adapter = run.store.equals("sqlite") ? new SqliteAdapter(dir.resolve("load.db"),
          SqliteAdapter.Settings.defaults()) : new InMemoryAdapter();
      AlertEngine.Builder builder = AlertEngine.builder().adapter(adapter)
          .config(EngineConfig.builder().inspectionDelay(run.inspectionDelay).reviewDelay(run.reviewDelay)
              .maxBacklog(Long.MAX_VALUE).aggregationInstances(2).build());
      for (int i = 0; i < run.inspectors; i++) {
        builder.inspector(InspectorSpec.of("inspector-" + i, Attribute.IPADDR, Attribute.DOMAIN, Attribute.USERNAME)
                .withConcurrency(run.concurrency),
            task -> Future.succeededFuture(run.findings(task)));
      }
      for (int i = 0; i < run.emitters; i++) {
        boolean measuring = i == 0;
        builder.emitter(EmitterSpec.of("emitter-" + i), report -> {
          if (measuring) {
            int[] numbers = new int[report.alerts().size()];
            for (int a = 0; a < numbers.length; a++) {
              numbers[a] = Integer.parseInt(report.alerts().get(a).alert().description().substring(DESCRIPTION.length()));
            }
            run.published(numbers);
          }
          return Future.succeededFuture();
        });
      }
      engine = builder.build();
      engine.start(vertx).await(60, TimeUnit.SECONDS);
    }

    @Override
    public int alertsPerRequest() {
      return 1;
    }

    @Override
    public void settle() throws Exception {
      engine.whenIdle().await(10, TimeUnit.MINUTES);
    }

    @Override
    public int requestsInFlight() {
      return run.window;
    }

    @Override
    public Future<Void> submit(int first, int count) {
      return engine.submit(run.alert(first)).mapEmpty();
    }

    @Override
    public void close() throws Exception {
      engine.stop().await(60, TimeUnit.SECONDS);
      vertx.close().await(60, TimeUnit.SECONDS);
    }
  }

  /**
   * A server over HTTP: the one at {@code url}, or the launcher's jar started here with a configuration made
   * for the run (the store, one {@code blocklist} inspector, and a {@code webhook} emitter that posts each
   * publication back to this generator, which is how it sees them). Alerts go in batches of {@code batch}
   * (a single alert is posted as an object) over at most {@code connections} keep-alive connections, one
   * request in flight on each.
   */
  private static final class HttpTarget implements Target {
    private final Run run;
    private Vertx vertx;
    private HttpClientAgent client;
    private final Map<Integer, Buffer> bodies = new java.util.concurrent.ConcurrentHashMap<>();
    private Context context;
    private Process server;
    private String host;
    private int port;
    private String path;
    private String authorization;

    HttpTarget(Run run) {
      this.run = run;
    }

    @Override
    public void start() throws Exception {
      vertx = Vertx.vertx();
      if (run.url != null) {
        if (run.publish) {
          throw new IllegalArgumentException("with url=, also give publish=false: the generator cannot see the "
              + "publications of a server it did not configure; it measures acceptance");
        }
        URI base = URI.create(run.url.endsWith("/") ? run.url : run.url + "/");
        host = base.getHost();
        port = base.getPort() < 0 ? 80 : base.getPort();
        path = base.getPath() + "api/v1/alerts";
        if (run.tokenEnv != null) {
          String token = System.getenv(run.tokenEnv);
          if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("token-env=" + run.tokenEnv + " names an unset variable");
          }
          authorization = "Bearer " + token;
        }
      } else {
        startServer();
      }
      context = vertx.getOrCreateContext();
      client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setDefaultHost(host)
          .setDefaultPort(port), new PoolOptions().setHttp1MaxSize(run.connections));
    }

    private void startServer() throws Exception {
      Path jar = Path.of("launcher", "target", "alertresponder.jar").toAbsolutePath();
      if (!Files.exists(jar)) {
        throw new IllegalStateException("build the server first: mvn -q -B package -DskipTests (looked for "
            + jar + ")");
      }
      Path dir = Files.createTempDirectory("alertresponder-load");
      String emitters = "[]";
      if (run.publish) {
        HttpServer receiver = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
          Matcher matcher = DESCRIPTION_IN_JSON.matcher(body.toString());
          List<Integer> numbers = new ArrayList<>();
          while (matcher.find()) {
            numbers.add(Integer.parseInt(matcher.group(1)));
          }
          run.published(numbers.stream().mapToInt(Integer::intValue).toArray());
          request.response().setStatusCode(204).end();
        })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        emitters = "[{name: load, type: webhook, concurrency: 64, options: {url: 'http://127.0.0.1:"
            + receiver.actualPort() + "/published'}}]";
      }
      Files.writeString(dir.resolve("feed.txt"), "203.0.113.7\nbad.example\n");
      host = "127.0.0.1";
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      path = "/api/v1/alerts";
      String inspectors = run.inspectors == 0 ? "[]" : "[{name: blocklist, type: blocklist, concurrency: "
          + run.concurrency + ", options: {feeds: [{path: feed.txt}]}}]";
      Files.writeString(dir.resolve("config.yaml"), """
          http: {port: %d, request-log: false, limits: {batch: %d}}
          store: {type: %s, path: load.db}
          intake: {max-backlog: 1000000000}
          aggregation: {instances: 2}
          inspection: {delay: %s}
          review: {delay: %s}
          inspectors: %s
          emitters: %s
          """.formatted(port, Math.max(run.batch, 1000), run.store, run.inspectionDelay.toMillis() + "ms",
          run.reviewDelay.toMillis() + "ms", inspectors, emitters));
      // Extra server JVM options (for example a flight recording) come from -Dbench.serverJvmOptions.
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString()));
      String jvmOptions = System.getProperty("bench.serverJvmOptions", "").trim();
      if (!jvmOptions.isEmpty()) {
        command.addAll(List.of(jvmOptions.split("\\s+")));
      }
      command.addAll(List.of("-jar", jar.toString(), "serve", "--config", dir.resolve("config.yaml").toString()));
      CONSOLE.println("load: server log in " + dir.resolve("server.log"));
      server = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(dir.resolve("server.log").toFile()).start();
      awaitReady();
    }

    private void awaitReady() throws Exception {
      HttpClientAgent probe = vertx.createHttpClient();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        if (!server.isAlive()) {
          throw new IllegalStateException("the server exited with " + server.exitValue() + "; see its log");
        }
        try {
          int status = probe.request(HttpMethod.GET, port, host, "/readyz").compose(request -> request.send())
              .map(response -> response.statusCode()).await(5, TimeUnit.SECONDS);
          if (status == 200) {
            probe.close();
            return;
          }
        } catch (Exception notYet) {
          // Not listening yet.
        }
        TimeUnit.MILLISECONDS.sleep(100);
      }
      throw new IllegalStateException("the server did not become ready within a minute");
    }

    @Override
    public int alertsPerRequest() {
      return run.batch;
    }

    @Override
    public int requestsInFlight() {
      return run.connections;
    }

    /**
     * Encodes the request bodies of a phase before it starts, so that the generator's own work while it is timed
     * is little more than the HTTP client's: it runs on the same two cores as the server.
     */
    @Override
    public void prepare(int first, int count) {
      bodies.clear();
      for (int i = first; i < first + count; i += run.batch) {
        int size = Math.min(run.batch, first + count - i);
        if (size == 1) {
          bodies.put(i, AlertCodec.encode(run.alert(i)).toBuffer());
        } else {
          JsonArray array = new JsonArray();
          for (int n = i; n < i + size; n++) {
            array.add(AlertCodec.encode(run.alert(n)));
          }
          bodies.put(i, array.toBuffer());
        }
      }
    }

    @Override
    public Future<Void> submit(int first, int count) {
      Buffer body = bodies.remove(first);
      // The client is used from its own context only: called from the generator's thread, Vert.x 5.0.7's
      // connection pool now and then lost a request for good (its answer never came, its connection was idle).
      Promise<Void> done = Promise.promise();
      context.runOnContext(v -> post(body).onComplete(done));
      return done.future();
    }

    private Future<Void> post(Buffer body) {
      // A request unanswered for a minute fails the run with its reason instead of hanging it.
      RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setURI(path).setIdleTimeout(60_000);
      return client.request(options).compose(request -> {
        request.putHeader("Content-Type", "application/json");
        if (authorization != null) {
          request.putHeader("Authorization", authorization);
        }
        return request.send(body);
      }).compose(response -> response.body().compose(answer -> response.statusCode() == 202
          ? Future.<Void>succeededFuture()
          : Future.failedFuture("POST answered " + response.statusCode() + ": " + answer)));
    }

    @Override
    public void close() throws Exception {
      client.close().await(10, TimeUnit.SECONDS);
      vertx.close().await(60, TimeUnit.SECONDS);
      if (server != null) {
        server.destroy();
        server.waitFor(60, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * What is live on the heap, every so many seconds: the heap after a full collection, which the collector's
   * own collections do not tell (G1's young collections leave garbage in the old generation until a mixed one).
   * Each full collection pauses the run, so use it for memory runs, not for throughput.
   */
  private static final class LiveHeap {
    private final List<Long> samples = new ArrayList<>();
    private final Thread thread;

    LiveHeap(int seconds) {
      thread = new Thread(() -> {
        try {
          while (true) {
            TimeUnit.SECONDS.sleep(seconds);
            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            synchronized (samples) {
              samples.add(used);
            }
          }
        } catch (InterruptedException stop) {
          // The run is over.
        }
      });
      thread.setDaemon(true);
      thread.start();
    }

    JsonArray stop() {
      thread.interrupt();
      JsonArray array = new JsonArray();
      synchronized (samples) {
        samples.forEach(used -> array.add(Math.round(used / 1e6)));
      }
      return array;
    }
  }

  /**
   * The heap right after each garbage collection while it runs, which stays flat when nothing piles up
   * (collections that leave garbage in the old generation for later show as peaks above the floor).
   */
  private static final class HeapAfterCollections {
    private final List<Long> samples = new ArrayList<>();
    private final List<Runnable> removals = new ArrayList<>();

    HeapAfterCollections() {
      for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (bean instanceof NotificationEmitter emitter) {
          NotificationListener listener = (notification, handback) -> {
            if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
              return;
            }
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                (CompositeData) notification.getUserData());
            long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
            synchronized (samples) {
              samples.add(used);
            }
          };
          emitter.addNotificationListener(listener, null, null);
          removals.add(() -> {
            try {
              emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
              // Already gone.
            }
          });
        }
      }
    }

    void stop() {
      removals.forEach(Runnable::run);
    }

    JsonArray megabytes() {
      JsonArray array = new JsonArray();
      synchronized (samples) {
        samples.forEach(used -> array.add(Math.round(used / 1e6)));
      }
      return array;
    }
  }

}
