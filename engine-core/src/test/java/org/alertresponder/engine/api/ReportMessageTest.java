package org.alertresponder.engine.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.bus.ReportMessageCodec;
import org.alertresponder.engine.spi.PluginCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * How a report travels to a reviewer or an emitter: the record itself within one JVM, its JSON to a plugin in
 * another JVM of a cluster, and either way the plugin base classes read the same report.
 */
class ReportMessageTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void aPluginInTheSameJvmGetsTheRecordItselfWithoutACopy() throws Exception {
    ReportMessageCodec.register(vertx.eventBus());
    ReportMessageCodec.register(vertx.eventBus());
    Report report = ReportCodecTest.fullReport();
    CompletableFuture<Object> received = new CompletableFuture<>();
    vertx.eventBus().consumer("reviewer", message -> {
      received.complete(message.body());
      message.reply(new JsonObject());
    }).completion().await();

    vertx.eventBus().request("reviewer", report, new DeliveryOptions().setCodecName(ReportMessageCodec.NAME))
        .await(10, TimeUnit.SECONDS);

    assertThat(received.get(10, TimeUnit.SECONDS)).isSameAs(report);
    assertThat(PluginCodec.decodeReport(received.get())).isSameAs(report);
  }

  @Test
  void aPluginInAnotherJvmGetsTheReportsJsonAndReadsTheSameReport() {
    ReportMessageCodec codec = new ReportMessageCodec();
    Report report = ReportCodecTest.fullReport();
    Buffer wire = Buffer.buffer().appendString("earlier frame");

    codec.encodeToWire(wire, report);
    Object arrived = codec.decodeFromWire("earlier frame".length(), wire);

    assertThat(arrived).isEqualTo(ReportCodec.encode(report));
    assertThat(PluginCodec.decodeReport(arrived)).isEqualTo(report);
  }

  @Test
  void somethingElseThanAReportIsAMalformedMessage() {
    PluginCodec.MalformedMessageException e = catchThrowableOfType(PluginCodec.MalformedMessageException.class,
        () -> PluginCodec.decodeReport("not a report"));

    assertThat(e).hasMessageContaining("must be a report (a JSON object), was String");
    assertThat(e.violations()).extracting(Violation::path).containsExactly("$");
  }
}
