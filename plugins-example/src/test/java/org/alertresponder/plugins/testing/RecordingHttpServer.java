package org.alertresponder.plugins.testing;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 that records every request and answers as the test says: the peer that
 * the HTTP plugins are tested against.
 */
public final class RecordingHttpServer implements AutoCloseable {
  /** A request as it arrived. */
  public record Recorded(String method, String path, String query, MultiMap headers, Buffer body) {
    public String bodyText() {
      return body.toString();
    }
  }

  /** An answer: status, headers, body; {@code null} from the answerer means "never answer". */
  public record Answer(int status, MultiMap headers, String body) {
    public static Answer of(int status, String body) {
      return new Answer(status, MultiMap.caseInsensitiveMultiMap(), body);
    }

    public Answer header(String name, String value) {
      headers.add(name, value);
      return this;
    }
  }

  private final HttpServer server;
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private volatile Function<Recorded, Answer> answerer = request -> Answer.of(200, "ok");

  private RecordingHttpServer(HttpServer server) {
    this.server = server;
  }

  public static RecordingHttpServer start(Vertx vertx) throws Exception {
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0));
    RecordingHttpServer recording = new RecordingHttpServer(server);
    server.requestHandler(recording::handle);
    server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return recording;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  public void answer(Function<Recorded, Answer> answerer) {
    this.answerer = answerer;
  }

  public List<Recorded> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
      Recorded recorded = new Recorded(request.method().name(), request.path(), request.query(), headers, body);
      requests.add(recorded);
      Answer answer = answerer.apply(recorded);
      if (answer == null) {
        return;
      }
      request.response().setStatusCode(answer.status()).headers().addAll(answer.headers());
      request.response().end(answer.body() == null ? "" : answer.body());
    });
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
