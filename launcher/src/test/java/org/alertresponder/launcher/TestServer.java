package org.alertresponder.launcher;

import io.vertx.core.Vertx;
import org.alertresponder.launcher.config.ConfigFile;
import org.alertresponder.launcher.config.LauncherConfig;
import org.alertresponder.launcher.config.LauncherConfigBinder;
import org.alertresponder.launcher.plugins.PluginRegistry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A server started in the test JVM from a YAML text, on a free port, with a small HTTP client. */
final class TestServer implements AutoCloseable {
  static final String WRITE_TOKEN = "write-token-0123456789";
  static final String READ_TOKEN = "read-token-0123456789";
  static final Map<String, String> ENV = Map.of("TEST_WRITE_TOKEN", WRITE_TOKEN, "TEST_READ_TOKEN", READ_TOKEN);
  /** An {@code http.auth} section with a writer token (read, write) and a reader token (read), for {@link #config}. */
  static final String AUTH = """
        auth:
          tokens:
            - {name: writer, scopes: [read, write], env: TEST_WRITE_TOKEN}
            - {name: reader, scopes: [read], env: TEST_READ_TOKEN}
      """;

  final Vertx vertx = Vertx.vertx();
  final Server server;
  final URI base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  TestServer(String yaml) throws Exception {
    LauncherConfig config = new LauncherConfigBinder(ENV::get)
        .bind(ConfigFile.parse(yaml, "test.yaml", ENV::get), Path.of("."));
    server = Server.start(vertx, config, PluginRegistry.load(getClass().getClassLoader()))
        .await(30, TimeUnit.SECONDS);
    base = URI.create("http://127.0.0.1:" + server.port() + "/");
  }

  /** A YAML text: the given sections after an HTTP section on a free port with one instance, in memory. */
  static String config(String rest) {
    String store = rest.contains("store:") ? "" : "store: {type: memory}\n";
    return "http:\n  port: 0\n  instances: 1\n  request-log: false\n" + rest + store;
  }

  HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET(), token);
  }

  HttpResponse<String> post(String path, String body, String token) throws IOException, InterruptedException {
    return post(path, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), token);
  }

  HttpResponse<String> post(String path, byte[] body, String token) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)), token);
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String token) throws IOException, InterruptedException {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws Exception {
    server.shutdown(Duration.ofSeconds(5)).await(30, TimeUnit.SECONDS);
    vertx.close().await(30, TimeUnit.SECONDS);
  }
}
