package org.alertresponder.launcher;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What the web console stands on: its pages, the session, health, search and event endpoints. */
class ConsoleApiTest {
  private TestServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static String alert(String key, String source) {
    return new JsonObject().put("detector", "guardduty").put("rule_id", "UnauthorizedAccess:EC2/SSHBruteForce")
        .put("alert_key", key).put("attributes", new JsonArray().add(new JsonObject().put("type", "ipaddr")
            .put("key", "source address").put("value", source).put("context", new JsonArray().add("remote"))))
        .encode();
  }

  @Test
  void theConsoleIsServedWithoutATokenUnderAStrictContentSecurityPolicy() throws Exception {
    server = new TestServer(TestServer.config(TestServer.AUTH));
    HttpResponse<String> page = server.get("", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
        .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"));
    assertThat(page.headers().firstValue("Cache-Control")).contains("no-cache");
    assertThat(page.body()).contains("<title>AlertResponder</title>").doesNotContain("http://", "https://");

    Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(page.body());
    assertThat(script.find()).as("index.html names its script").isTrue();
    HttpResponse<String> code = server.get(script.group(1).substring(1), null);
    assertThat(code.statusCode()).isEqualTo(200);
    assertThat(code.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
    assertThat(code.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");

    String etag = page.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.base)
        .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(again.statusCode()).isEqualTo(304);

    // The console's routes are its own paths only: a mistyped API path is still a 404, whatever the method.
    HttpResponse<String> mistyped = server.post("api/v1/alert", "{}", TestServer.WRITE_TOKEN);
    assertThat(mistyped.statusCode()).isEqualTo(404);
    assertThat(server.get("index.html.bak", null).statusCode()).isEqualTo(404);
  }

  @Test
  void theConsoleCanBeTurnedOff() throws Exception {
    server = new TestServer(TestServer.config("").replace("http:\n", "http:\n  console: false\n"));
    HttpResponse<String> page = server.get("", null);
    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.headers().firstValue("Content-Type")).contains("application/problem+json");
  }

  @Test
  void theSessionNamesTheTokenAndItsScopes() throws Exception {
    server = new TestServer(TestServer.config(TestServer.AUTH));
    assertThat(server.get("api/v1/session", null).statusCode()).isEqualTo(401);
    assertThat(server.get("api/v1/session", "not-a-token-of-this-server").statusCode()).isEqualTo(401);
    assertThat(new JsonObject(server.get("api/v1/session", TestServer.READ_TOKEN).body())).isEqualTo(new JsonObject()
        .put("auth", "tokens").put("token", "reader").put("scopes", new JsonArray().add("read")));
    assertThat(new JsonObject(server.get("api/v1/session", TestServer.WRITE_TOKEN).body()).getJsonArray("scopes"))
        .containsExactly("read", "write");
  }

  @Test
  void withoutAuthenticationTheSessionHasEveryScope() throws Exception {
    server = new TestServer(TestServer.config(""));
    assertThat(new JsonObject(server.get("api/v1/session", null).body())).isEqualTo(new JsonObject()
        .put("auth", "none").putNull("token").put("scopes", new JsonArray().add("read").add("write")));
  }

  @Test
  void healthShowsTheStoreQueuesAndPlugins() throws Exception {
    server = new TestServer(TestServer.config(TestServer.AUTH));
    assertThat(server.get("api/v1/health", null).statusCode()).isEqualTo(401);
    JsonObject health = new JsonObject(server.get("api/v1/health", TestServer.READ_TOKEN).body());
    assertThat(health.getJsonObject("store").getString("status")).isEqualTo("ok");
    assertThat(health.getJsonObject("store").getString("adapter")).isEqualTo("in-memory");
    assertThat(health.getJsonObject("backlog").getLong("current")).isZero();
    assertThat(health.getJsonArray("queues").stream().map(q -> ((JsonObject) q).getString("name")))
        .containsExactly("timers", "emitter:log");
    assertThat(health.getJsonArray("plugins").stream().map(p -> ((JsonObject) p).getString("kind") + ":"
        + ((JsonObject) p).getString("name"))).containsExactly("reviewer:default", "emitter:log");
    JsonObject emitter = health.getJsonArray("plugins").getJsonObject(1);
    assertThat(emitter.getLong("failed")).isZero();
    assertThat(emitter.getLong("dead_letters")).isZero();
  }

  @Test
  void searchingByAttributeValueFindsTheReportsHoldingIt() throws Exception {
    server = new TestServer(TestServer.config(""));
    for (int i = 1; i <= 3; i++) {
      assertThat(server.post("api/v1/alerts", alert("i-" + i, "198.51.100." + (10 + i)), null).statusCode())
          .isEqualTo(202);
    }
    JsonObject found = new JsonObject(server.get("api/v1/reports?attribute=100.12", null).body());
    assertThat(found.getJsonArray("items")).singleElement()
        .satisfies(item -> assertThat(((JsonObject) item).getString("alert_key")).isEqualTo("i-2"));
    assertThat(found.getInteger("scanned")).isEqualTo(3);
    assertThat(new JsonObject(server.get("api/v1/reports?attribute=198.51.100&limit=2", null).body())
        .getJsonArray("items")).hasSize(2);
    assertThat(new JsonObject(server.get("api/v1/reports?attribute=203.0.113.9&detector=guardduty", null).body())
        .getJsonArray("items")).isEmpty();

    HttpResponse<String> blank = server.get("api/v1/reports?attribute=%20", null);
    assertThat(blank.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(blank.body()).getString("detail")).startsWith("attribute: expected part of an attribute");
  }

  @Test
  void theEventStreamTellsOfChangedReportsAndEndsWhenTheServerStops() throws Exception {
    server = new TestServer(TestServer.config(TestServer.AUTH));
    HttpClient client = HttpClient.newHttpClient();
    URI events = server.base.resolve("api/v1/events");
    assertThat(client.send(HttpRequest.newBuilder(events).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode()).isEqualTo(401);

    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    HttpResponse<Stream<String>> stream = client.send(HttpRequest.newBuilder(events)
        .header("Authorization", "Bearer " + TestServer.READ_TOKEN).build(), HttpResponse.BodyHandlers.ofLines());
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.headers().firstValue("Content-Type")).contains("text/event-stream; charset=utf-8");
    Thread reader = new Thread(() -> stream.body().forEach(lines::add));
    reader.setDaemon(true);
    reader.start();
    assertThat(nextEvent(lines)).isEqualTo("ready");

    HttpResponse<String> posted = server.post("api/v1/alerts", alert("i-9", "198.51.100.9"), TestServer.WRITE_TOKEN);
    String reportId = new JsonObject(posted.body()).getJsonArray("reports").getJsonObject(0).getString("report_id");
    assertThat(nextEvent(lines)).isEqualTo("reports");
    assertThat(new JsonObject(lines.poll(5, TimeUnit.SECONDS).substring("data: ".length())))
        .isEqualTo(new JsonObject().put("ids", new JsonArray().add(reportId)));

    // A graceful shutdown ends the stream instead of waiting out its grace period for it.
    long started = System.nanoTime();
    server.server.shutdown(Duration.ofSeconds(30)).await(40, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    reader.join(10_000);
    assertThat(reader.isAlive()).as("the stream ended").isFalse();
  }

  /** The name of the next event on the stream, skipping comments and blank lines. */
  private static String nextEvent(BlockingQueue<String> lines) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line != null && line.startsWith("event: ")) {
        return line.substring("event: ".length());
      }
    }
    throw new AssertionError("no event within 10 s; lines so far: " + List.copyOf(lines));
  }
}
