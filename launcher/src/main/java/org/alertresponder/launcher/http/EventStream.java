package org.alertresponder.launcher.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.alertresponder.launcher.console.ConsoleEvents;

import java.util.HashSet;
import java.util.Set;

/**
 * {@code GET /api/v1/events}: the engine's changes as server-sent events ({@link ConsoleEvents} says which),
 * for the console's live views. One instance per HTTP verticle, used on its event loop only.
 *
 * <p>A client too slow to take the events is not buffered for: the events it missed are dropped and,
 * once it drains, it is told {@code reports {"all":true}} so that it reloads. A comment line every
 * {@value #HEARTBEAT_MILLIS} ms keeps proxies and the server's idle timeout from closing a quiet stream.
 */
final class EventStream {
  static final long HEARTBEAT_MILLIS = 15_000;

  private final Vertx vertx;
  private final Set<HttpServerResponse> open = new HashSet<>();

  EventStream(Vertx vertx) {
    this.vertx = vertx;
  }

  void handle(RoutingContext context) {
    HttpServerResponse response = context.response();
    response.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Accel-Buffering", "no");
    boolean[] behind = {false};
    MessageConsumer<String> consumer = vertx.eventBus().localConsumer(ConsoleEvents.ADDRESS, message -> {
      if (response.writeQueueFull()) {
        behind[0] = true;
      } else {
        response.write(message.body());
      }
    });
    response.drainHandler(v -> {
      if (behind[0]) {
        behind[0] = false;
        response.write(ConsoleEvents.RELOAD);
      }
    });
    long heartbeat = vertx.setPeriodic(HEARTBEAT_MILLIS, t -> {
      if (!response.writeQueueFull()) {
        response.write(": keep-alive\n\n");
      }
    });
    open.add(response);
    // Whichever comes first, the client going or the server ending the stream; the second is harmless.
    Handler<Void> forget = v -> {
      open.remove(response);
      vertx.cancelTimer(heartbeat);
      consumer.unregister();
    };
    response.closeHandler(forget);
    response.endHandler(forget);
    // The first event tells the client it is connected; it reloads what it shows then, which covers
    // whatever changed while it was not.
    consumer.completion().onComplete(ar -> {
      if (!response.ended() && !response.closed()) {
        response.write("retry: 2000\nevent: ready\ndata: {}\n\n");
      }
    });
  }

  /** Ends every open stream, so that a graceful shutdown does not wait on them. */
  void closeAll() {
    for (HttpServerResponse response : Set.copyOf(open)) {
      if (!response.ended() && !response.closed()) {
        response.end();
      }
    }
    open.clear();
  }
}
