package org.alertresponder.bench;

import io.vertx.core.Vertx;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.engine.spi.InspectionResult;
import org.alertresponder.engine.spi.InspectionTask;
import org.alertresponder.engine.spi.Inspector;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginOptions;
import org.alertresponder.plugins.blocklist.BlocklistInspectorFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@code blocklist} inspection (through the inspector's public interface, future included) against feeds
 * of 1,000 and of 1,000,000 entries (half IPv4 addresses and networks, half domains): the time must not grow
 * with the feed. Addresses are looked up by prefix length (at most 33 probes), domains label by label.
 *
 * <pre>
 * java -cp "$(cat bench/target/classpath.txt):bench/target/bench-0.1.0-SNAPSHOT.jar" org.openjdk.jmh.Main BlocklistLookupBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class BlocklistLookupBenchmark {
  @Param({"1000", "1000000"})
  public int entries;

  private Vertx vertx;
  private Path dir;
  private Inspector inspector;
  private InspectionTask listedAddress;
  private InspectionTask unlistedAddress;
  private InspectionTask listedSubdomain;
  private InspectionTask unlistedDomain;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    vertx = Vertx.vertx();
    dir = Files.createTempDirectory("blocklist-bench");
    Path feed = dir.resolve("feed.txt");
    try (BufferedWriter out = Files.newBufferedWriter(feed, StandardCharsets.UTF_8)) {
      for (int i = 0; i < entries / 2; i++) {
        int ip = 0x0a000000 + i * 2;
        // Every 16th entry a /28 network, so that several prefix lengths are probed.
        out.write((ip >>> 24) + "." + ((ip >>> 16) & 255) + "." + ((ip >>> 8) & 255) + "." + (ip & 255)
            + (i % 16 == 0 ? "/28" : "") + "\n");
        out.write("host-" + i + ".bad.example\n");
      }
    }
    PluginOptions options = new PluginOptions("inspectors[0].options",
        Map.of("feeds", List.of(Map.of("path", feed.toString())), "reload-interval", "0"));
    inspector = new BlocklistInspectorFactory().create(new PluginContext("blocklist", options, vertx, Clock.system(), dir));
    int last = entries / 2 - 1;
    listedAddress = task(Attribute.IPADDR, "10.0.0." + 2);
    unlistedAddress = task(Attribute.IPADDR, "192.0.2.77");
    listedSubdomain = task(Attribute.DOMAIN, "www.cdn.host-" + last + ".bad.example");
    unlistedDomain = task(Attribute.DOMAIN, "www.cdn.host-" + (last + 1) + ".bad.example");
    if (result(listedAddress).findings().isEmpty() || !result(unlistedAddress).findings().isEmpty()
        || result(listedSubdomain).findings().isEmpty() || !result(unlistedDomain).findings().isEmpty()) {
      throw new IllegalStateException("the benchmark's lookups do not answer as intended");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(dir);
  }

  @Benchmark
  public InspectionResult listedAddress() {
    return result(listedAddress);
  }

  @Benchmark
  public InspectionResult unlistedAddress() {
    return result(unlistedAddress);
  }

  @Benchmark
  public InspectionResult listedSubdomain() {
    return result(listedSubdomain);
  }

  @Benchmark
  public InspectionResult unlistedDomain() {
    return result(unlistedDomain);
  }

  private InspectionResult result(InspectionTask task) {
    // The blocklist answers at once: the future is complete when inspect returns.
    return inspector.inspect(task).result();
  }

  private static InspectionTask task(String type, String value) {
    return new InspectionTask("r-1", Attribute.of(type, "", value), 0);
  }
}
