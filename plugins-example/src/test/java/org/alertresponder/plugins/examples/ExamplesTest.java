package org.alertresponder.plugins.examples;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.Severity;
import org.alertresponder.engine.spi.EmitterFactory;
import org.alertresponder.engine.spi.InspectionResult;
import org.alertresponder.engine.spi.InspectionTask;
import org.alertresponder.engine.spi.InspectorFactory;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginException;
import org.alertresponder.engine.spi.PluginOptions;
import org.alertresponder.engine.spi.ReviewerFactory;
import org.alertresponder.plugins.support.PublishedReports;
import org.alertresponder.plugins.support.RecordingHttpPeer;
import org.alertresponder.plugins.support.RecordingHttpPeer.Answer;
import org.alertresponder.tck.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.alertresponder.plugins.support.PluginFutures.await;
import static org.alertresponder.plugins.support.PluginFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;

/** The examples of plugins-example/README.md work, are what the README shows, and stay short. */
@ExtendWith(VertxExtension.class)
class ExamplesTest {
  private static final Path SOURCES = Path.of("src/test/java/org/alertresponder/plugins/examples");

  @Test
  void theInspectorTellsReservedAddressesApart(Vertx vertx) throws Exception {
    var inspector = new ReservedAddressInspectorFactory().create(context(vertx, Map.of()));

    assertThat(reserved(inspector.inspect(task("10.1.2.3")))).isEqualTo("private");
    assertThat(reserved(inspector.inspect(task("127.0.0.1")))).isEqualTo("loopback");
    assertThat(reserved(inspector.inspect(task("fe80::1")))).isEqualTo("link-local");
    assertThat(await(inspector.inspect(task("203.0.113.7"))).findings()).isEmpty();
  }

  @Test
  void theReviewerCountsTheFindingsOfTheNamedInspectors(Vertx vertx) throws Exception {
    Report report = PublishedReports.report().build();
    var counting = new FindingCountReviewerFactory().create(context(vertx, Map.of("inspectors", List.of("blocklist"))));
    var strict = new FindingCountReviewerFactory().create(context(vertx, Map.of("min-findings", 50)));

    assertThat(await(counting.review(report)).severity()).isEqualTo(Severity.URGENT);
    assertThat(await(strict.review(report)).severity()).isEqualTo(Severity.UNCLASSIFIED);
  }

  @Test
  void theEmitterPostsALineAndSaysWhetherARetryCouldHelp(Vertx vertx) throws Exception {
    RecordingHttpPeer chat = RecordingHttpPeer.start(vertx, request -> Answer.text(200, "ok"));
    try {
      var emitter = new ChatEmitterFactory().create(context(vertx, Map.of("url", chat.url("/chat"))));
      Report report = PublishedReports.report().build();

      await(emitter.emit(report));
      assertThat(chat.only().json().getString("text")).startsWith("[urgent] guardduty / ")
          .endsWith("(report " + report.id() + ", version 1)");

      chat.answer(request -> Answer.text(400, "bad"));
      assertThat(failure(emitter.emit(report)).retryable()).isFalse();
      chat.answer(request -> Answer.text(503, "busy"));
      assertThat(failure(emitter.emit(report)).retryable()).isTrue();
    } finally {
      chat.close();
    }
  }

  @Test
  void theServicesFilesRegisterTheExamplesAsAJarWould() {
    assertThat(ServiceLoader.load(InspectorFactory.class).stream().map(p -> p.get().type()))
        .contains("example-reserved-address");
    assertThat(ServiceLoader.load(ReviewerFactory.class).stream().map(p -> p.get().type()))
        .contains("example-finding-count");
    assertThat(ServiceLoader.load(EmitterFactory.class).stream().map(p -> p.get().type())).contains("example-chat");
  }

  @Test
  void theReadmeShowsEachExampleAsCompiledAndEachIsUnderFortyLines() throws Exception {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    for (String name : List.of("ReservedAddressInspectorFactory", "FindingCountReviewerFactory", "ChatEmitterFactory")) {
      String source = Files.readString(SOURCES.resolve(name + ".java"), StandardCharsets.UTF_8);
      assertThat(readme).as("README.md shows %s.java as it is", name).contains("```java\n" + source + "```");
      assertThat(source.lines().count()).as("lines of %s.java", name).isLessThan(40);
    }
  }

  private static PluginContext context(Vertx vertx, Map<String, Object> options) {
    return new PluginContext("example", new PluginOptions("plugins[0].options", options), vertx,
        ManualClock.atDefaultStart(), Path.of("."));
  }

  private static InspectionTask task(String address) {
    return new InspectionTask("r-1", Attribute.of(Attribute.IPADDR, "source", address), 0);
  }

  private static String reserved(Future<InspectionResult> result) throws Exception {
    return await(result).findings().get(0).content().getString("reserved");
  }

}
