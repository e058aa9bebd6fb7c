package org.alertresponder.plugins.support;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 standing in for a public API: it records every request exactly as it arrived
 * (method, path, query, headers, body) and answers what the test scripts, or never answers at all.
 */
public final class RecordingHttpPeer {
  /** A request as the peer received it. */
  public record Request(HttpMethod method, String path, String query, MultiMap params, MultiMap headers,
                        Buffer body) {
    public String header(String name) {
      return headers.get(name);
    }

    public JsonObject json() {
      return body.toJsonObject();
    }

    /** The path with its query, as the client sent it. */
    public String uri() {
      return query == null ? path : path + "?" + query;
    }
  }

  /** What the peer answers; {@link #never()} leaves the request hanging, as a stuck server would. */
  public record Answer(int status, Map<String, String> headers, String body) {
    public static Answer json(int status, Object json) {
      return new Answer(status, Map.of("Content-Type", "application/json; charset=utf-8"),
          json instanceof String text ? text : io.vertx.core.json.Json.encode(json));
    }

    public static Answer text(int status, String text) {
      return new Answer(status, Map.of("Content-Type", "text/plain; charset=utf-8"), text);
    }

    public static Answer never() {
      return new Answer(-1, Map.of(), null);
    }

    public Answer withHeader(String name, String value) {
      Map<String, String> more = new java.util.LinkedHashMap<>(headers);
      more.put(name, value);
      return new Answer(status, Map.copyOf(more), body);
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile Function<Request, Answer> answers;

  private RecordingHttpPeer(HttpServer server) {
    this.server = server;
  }

  /** Starts a peer on 127.0.0.1 on a free port, answering each request with {@code answers}. */
  public static RecordingHttpPeer start(Vertx vertx, Function<Request, Answer> answers) throws Exception {
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0));
    RecordingHttpPeer peer = new RecordingHttpPeer(server);
    peer.answers = answers;
    server.requestHandler(request -> request.body().onSuccess(body -> {
      Request recorded = new Request(request.method(), request.path(), request.query(), request.params(),
          MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), body);
      peer.requests.add(recorded);
      Answer answer;
      try {
        answer = peer.answers.apply(recorded);
      } catch (RuntimeException | AssertionError e) {
        answer = Answer.text(599, "the test peer failed: " + e);
      }
      if (answer.status() < 0) {
        return;
      }
      answer.headers().forEach(request.response()::putHeader);
      request.response().setStatusCode(answer.status()).end(answer.body() == null ? "" : answer.body());
    }));
    PluginFutures.await(server.listen());
    return peer;
  }

  /** Changes what the peer answers from now on. */
  public void answer(Function<Request, Answer> newAnswers) {
    this.answers = newAnswers;
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public Request only() {
    if (requests.size() != 1) {
      throw new AssertionError("expected exactly one request, got " + requests.size() + ": "
          + requests.stream().map(r -> r.method() + " " + r.uri()).toList());
    }
    return requests.get(0);
  }

  public void close() throws Exception {
    PluginFutures.await(server.close());
  }
}
