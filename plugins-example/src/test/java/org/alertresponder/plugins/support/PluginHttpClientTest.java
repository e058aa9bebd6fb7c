package org.alertresponder.plugins.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginException;
import org.alertresponder.engine.spi.PluginOptions;
import org.alertresponder.tck.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.alertresponder.plugins.support.PluginFutures.await;
import static org.alertresponder.plugins.support.PluginFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;

/** What every HTTP plugin gets from its client: answers bounded in size and in time. */
@ExtendWith(VertxExtension.class)
class PluginHttpClientTest {
  @Test
  void anAnswerLargerThanTheBoundIsCutOffRetryably(Vertx vertx) throws Exception {
    HttpServer server = serve(vertx, (request) -> request.response().end(Buffer.buffer(new byte[64 * 1024])));
    PluginHttpClient client = client(vertx, Map.of("max-answer-size", "16KiB"));

    PluginException failure = failure(client.send(HttpMethod.GET, url(server), Map.of(), null, "the peer"));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.getMessage()).isEqualTo("the peer was cut off: its answer is larger than 16384 bytes");
    assertThat(await(client(vertx, Map.of()).send(HttpMethod.GET, url(server), Map.of(), null, "the peer"))
        .body().length()).isEqualTo(64 * 1024);
  }

  @Test
  void anAnswerTrickledToDodgeTheIdleTimeoutStillEnds(Vertx vertx) throws Exception {
    // One byte every 100 ms, forever: never idle for 300 ms, so only a bound on the whole answer ends it.
    HttpServer server = serve(vertx, request -> {
      request.response().setChunked(true).write("[");
      vertx.setPeriodic(100, id -> {
        if (request.response().closed()) {
          vertx.cancelTimer(id);
        } else {
          request.response().write(" ");
        }
      });
    });
    PluginHttpClient client = client(vertx, Map.of("request-timeout", "300ms"));
    long start = System.nanoTime();

    PluginException failure = failure(client.send(HttpMethod.GET, url(server), Map.of(), null, "the peer"));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.getMessage()).isEqualTo("the peer was cut off: its answer was still arriving at the deadline");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
  }

  private static HttpServer serve(Vertx vertx, io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> handler)
      throws Exception {
    return await(vertx.createHttpServer().requestHandler(handler).listen(0, "127.0.0.1"));
  }

  private static String url(HttpServer server) {
    return "http://127.0.0.1:" + server.actualPort() + "/answer";
  }

  private static PluginHttpClient client(Vertx vertx, Map<String, Object> options) {
    return PluginHttpClient.create(new PluginContext("peer", new PluginOptions("emitters[0].options", options), vertx,
        new ManualClock(java.time.Instant.parse("2026-12-01T00:00:00Z")), Path.of(".")));
  }

}
