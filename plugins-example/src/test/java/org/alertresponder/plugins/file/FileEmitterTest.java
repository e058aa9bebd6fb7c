package org.alertresponder.plugins.file;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.alertresponder.engine.api.Alert;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.Origin;
import org.alertresponder.engine.api.ReceivedAlert;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportAttribute;
import org.alertresponder.engine.api.ReportCodec;
import org.alertresponder.engine.api.ReportStatus;
import org.alertresponder.engine.api.Verdict;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.Emitter;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginException;
import org.alertresponder.engine.spi.PluginOptions;
import org.alertresponder.tck.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.alertresponder.plugins.support.PluginFutures.await;
import static org.alertresponder.plugins.support.PluginFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@ExtendWith(VertxExtension.class)
class FileEmitterTest {
  private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");

  @TempDir
  Path configDir;

  @Test
  void writesEachPublicationAsOneLineOfTheReportsWireJson(Vertx vertx) throws Exception {
    Emitter emitter = create(vertx, Map.of("path", "reports.jsonl"));
    Report first = report("r-1", 1, "");
    Report second = report("r-1", 2, "");

    await(emitter.emit(first));
    await(emitter.emit(second));

    List<String> lines = Files.readAllLines(configDir.resolve("reports.jsonl"), StandardCharsets.UTF_8);
    assertThat(lines).hasSize(2);
    assertThat(new JsonObject(lines.get(0))).isEqualTo(ReportCodec.encode(first));
    assertThat(new JsonObject(lines.get(1))).isEqualTo(ReportCodec.encode(second));
    assertThat(ReportCodec.decodeReport(new JsonObject(lines.get(1))).version()).isEqualTo(2);
  }

  @Test
  void createsTheParentFoldersOfARelativePathInTheConfigurationFolder(Vertx vertx) throws Exception {
    Emitter emitter = create(vertx, Map.of("path", "var/alertresponder/reports.jsonl", "fsync", true));

    await(emitter.emit(report("r-1", 1, "")));

    assertThat(Files.readAllLines(configDir.resolve("var/alertresponder/reports.jsonl"))).hasSize(1);
  }

  @Test
  void rotatesBeforeALineWouldPassMaxSizeAndKeepsMaxFiles(Vertx vertx) throws Exception {
    Path file = configDir.resolve("reports.jsonl");
    Emitter emitter = create(vertx, Map.of("path", "reports.jsonl", "max-size", "4KiB", "max-files", 2));
    // Lines of 1600 bytes: two fit in 4 KiB, a third does not.
    String padding = "x".repeat(1600 - lineLength(report("r-0", 1, "")));
    assertThat(lineLength(report("r-0", 1, padding))).isEqualTo(1600);
    for (int i = 0; i < 10; i++) {
      await(emitter.emit(report("r-" + i, 1, padding)));
    }

    assertThat(file).exists();
    assertThat(file.resolveSibling("reports.jsonl.1")).exists();
    assertThat(file.resolveSibling("reports.jsonl.2")).exists();
    assertThat(file.resolveSibling("reports.jsonl.3")).doesNotExist();
    List<String> kept = new ArrayList<>();
    for (String name : List.of("reports.jsonl.2", "reports.jsonl.1", "reports.jsonl")) {
      Path part = file.resolveSibling(name);
      assertThat(Files.size(part)).isEqualTo(3200);
      for (String line : Files.readAllLines(part)) {
        kept.add(new JsonObject(line).getString("id"));
      }
    }
    // Oldest first, newest last, with nothing missing in between: the oldest lines were the ones dropped.
    assertThat(kept).containsExactly("r-4", "r-5", "r-6", "r-7", "r-8", "r-9");
  }

  @Test
  void aLineLargerThanMaxSizeIsWrittenAloneRatherThanLost(Vertx vertx) throws Exception {
    Path file = configDir.resolve("reports.jsonl");
    Emitter emitter = create(vertx, Map.of("path", "reports.jsonl", "max-size", "1KiB", "max-files", 3));

    await(emitter.emit(report("r-small", 1, "")));
    await(emitter.emit(report("r-large", 1, "x".repeat(2000))));
    await(emitter.emit(report("r-after", 1, "")));

    assertThat(Files.readAllLines(file)).singleElement().asString().contains("\"r-after\"");
    assertThat(Files.readAllLines(file.resolveSibling("reports.jsonl.1"))).singleElement().asString()
        .contains("\"r-large\"");
    assertThat(Files.readAllLines(file.resolveSibling("reports.jsonl.2"))).singleElement().asString()
        .contains("\"r-small\"");
  }

  @Test
  void concurrentPublicationsFromManyEventLoopsNeverInterleave(Vertx vertx) throws Exception {
    Emitter emitter = create(vertx, Map.of("path", "reports.jsonl", "max-size", "64KiB", "max-files", 1000));
    List<Context> contexts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ContextOfItsOwn verticle = new ContextOfItsOwn();
      await(vertx.deployVerticle(verticle));
      contexts.add(verticle.context());
    }
    List<Future<Void>> emits = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Report report = report("r-" + i, 1, "y".repeat(i % 7 * 200));
      Promise<Void> done = Promise.promise();
      contexts.get(i % contexts.size()).runOnContext(ignored -> emitter.emit(report).onComplete(done));
      emits.add(done.future());
    }
    await(Future.all(emits));

    Set<String> ids = new HashSet<>();
    try (var files = Files.list(configDir)) {
      for (Path file : files.toList()) {
        for (String line : Files.readAllLines(file)) {
          ids.add(new JsonObject(line).getString("id"));
        }
      }
    }
    assertThat(ids).hasSize(300);
  }

  @Test
  void aFolderThatCannotBeCreatedFailsRetryablyAndNamesThePath(Vertx vertx) throws Exception {
    Files.writeString(configDir.resolve("not-a-folder"), "a file where a folder should be");
    Emitter emitter = create(vertx, Map.of("path", "not-a-folder/reports.jsonl"));

    PluginException failure = failure(emitter.emit(report("r-1", 1, "")));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.getMessage()).contains(configDir.resolve("not-a-folder/reports.jsonl").toString());
  }

  @Test
  void aFullDiskFailsRetryably(Vertx vertx) throws Exception {
    Path full = Path.of("/dev/full");
    assumeTrue(Files.isWritable(full), "the system has /dev/full, a device that is always full");
    Emitter emitter = create(vertx, Map.of("path", full.toString()));

    PluginException failure = failure(emitter.emit(report("r-1", 1, "")));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.getMessage()).contains("/dev/full").contains("No space left on device");
  }

  @Test
  void sizesTakeBinaryAndDecimalUnits() {
    assertThat(size("10MiB")).isEqualTo(10 * FileEmitterFactory.MIB);
    assertThat(size("512KiB")).isEqualTo(512 * FileEmitterFactory.KIB);
    assertThat(size("1 GiB")).isEqualTo(FileEmitterFactory.GIB);
    assertThat(size("1500kb")).isEqualTo(1_500_000);
    assertThat(size(4096)).isEqualTo(4096);
    assertThat(size(null)).isEqualTo(FileEmitterFactory.DEFAULT_MAX_SIZE);
  }

  @Test
  void wrongOptionsNameTheOption(Vertx vertx) {
    assertThatThrownBy(() -> create(vertx, Map.of()))
        .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("emitters[0].options.path:");
    assertThatThrownBy(() -> create(vertx, Map.of("path", "r.jsonl", "max-size", "10 apples")))
        .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("emitters[0].options.max-size:")
        .hasMessageContaining("100MiB");
    assertThatThrownBy(() -> create(vertx, Map.of("path", "r.jsonl", "max-size", 100)))
        .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("emitters[0].options.max-size:");
    assertThatThrownBy(() -> create(vertx, Map.of("path", "r.jsonl", "max-size", "99999999999999GiB")))
        .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("emitters[0].options.max-size:");
    assertThatThrownBy(() -> create(vertx, Map.of("path", "r.jsonl", "max-files", 0)))
        .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("emitters[0].options.max-files:");
    assertThatThrownBy(() -> create(vertx, Map.of("path", "r.jsonl", "fsync", "yes")))
        .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("emitters[0].options.fsync:");
    assertThatThrownBy(() -> create(vertx, Map.of("path", "r.jsonl", "max_size", "1MiB")))
        .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("emitters[0].options.max_size:");
  }

  /** A verticle whose only purpose is its own event-loop context, to emit from. */
  private static final class ContextOfItsOwn extends VerticleBase {
    Context context() {
      return context;
    }
  }

  // ---- helpers --------------------------------------------------------------------------------------------

  private Emitter create(Vertx vertx, Map<String, Object> options) {
    PluginOptions pluginOptions = new PluginOptions("emitters[0].options", new LinkedHashMap<>(options));
    Emitter emitter = new FileEmitterFactory().create(new PluginContext("archive", pluginOptions, vertx,
        ManualClock.atDefaultStart(), configDir));
    pluginOptions.requireAllRead();
    return emitter;
  }

  private static long size(Object value) {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("max-size", value);
    return new PluginOptions("emitters[0].options", options).size("max-size", FileEmitterFactory.DEFAULT_MAX_SIZE,
        FileEmitterFactory.MIN_MAX_SIZE, FileEmitterFactory.MAX_MAX_SIZE);
  }

  private static Report report(String id, int version, String padding) {
    Alert alert = Alert.builder("guardduty", "UnauthorizedAccess:EC2/SSHBruteForce").ruleName("SSH brute force")
        .alertKey("i-0abc12").description("brute force " + padding).timestamp(AT)
        .attribute(Attribute.IPADDR, "source address", "198.51.100.7", "remote").build();
    ReportAttribute attribute = ReportAttribute.of(alert.attributes().get(0), 0, Origin.alert("a-1"));
    return new Report(id, "group-1", "guardduty", "UnauthorizedAccess:EC2/SSHBruteForce", "SSH brute force",
        "i-0abc12", ReportStatus.PUBLISHED, version, AT, AT, List.of(new ReceivedAlert("a-1", AT, alert)),
        List.of(attribute), List.of(), List.of(), List.of(), 0, Verdict.urgent("known bad source"), List.of());
  }

  /** The bytes of the report's line, its line end included. */
  private static int lineLength(Report report) {
    return ReportCodec.encode(report).encode().getBytes(StandardCharsets.UTF_8).length + 1;
  }

}
