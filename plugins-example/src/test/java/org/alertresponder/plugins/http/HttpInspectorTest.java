package org.alertresponder.plugins.http;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.InspectionResult;
import org.alertresponder.engine.spi.InspectionTask;
import org.alertresponder.engine.spi.Inspector;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginException;
import org.alertresponder.engine.spi.PluginOptions;
import org.alertresponder.tck.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

import static org.alertresponder.plugins.support.PluginFutures.await;
import static org.alertresponder.plugins.support.PluginFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class HttpInspectorTest {
  private static final String SECRET = "a shared secret of some length";
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  private static final InspectionTask TASK = new InspectionTask("r-1",
      Attribute.of(Attribute.IPADDR, "source address", "198.51.100.7", "remote"), 0);

  /** One request as the server saw it. */
  private record Seen(String method, String path, String query, MultiMap headers, Buffer body) {
  }

  private Vertx vertx;
  private HttpServer server;
  private final AtomicReference<Seen> seen = new AtomicReference<>();
  /** How the server answers; each test sets it. */
  private volatile BiConsumer<Seen, HttpServerResponse> answer;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0));
    server.requestHandler(request -> request.body().onSuccess(body -> {
      Seen request1 = new Seen(request.method().name(), request.path(), request.query(),
          MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), body);
      seen.set(request1);
      answer.accept(request1, request.response());
    }));
    await(server.listen());
  }

  @AfterEach
  void stop() throws Exception {
    await(server.close());
  }

  @Test
  void postsTheSignedTaskAndReadsFindingsAndNewAttributes() throws Exception {
    answer = (request, response) -> json(response, 200, new JsonObject()
        .put("findings", new JsonArray().add(new JsonObject().put("type", "host")
            .put("content", new JsonObject().put("country", new JsonArray().add("NL"))
                .put("hostname", new JsonArray().add("scanner.example.net")))))
        .put("attributes", new JsonArray().add(new JsonObject().put("type", "domain").put("key", "reverse name")
            .put("value", "scanner.example.net").put("context", new JsonArray().add("remote")))));
    Inspector inspector = inspector(Map.of("url", url("/inspect?tenant=blue"), "secret", SECRET,
        "headers", Map.of("Authorization", "Bearer api-token")));

    InspectionResult result = await(inspector.inspect(TASK));

    Seen request = seen.get();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/inspect");
    assertThat(request.query()).isEqualTo("tenant=blue");
    assertThat(request.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(request.headers().get("Authorization")).isEqualTo("Bearer api-token");
    assertThat(request.headers().get("X-AlertResponder-Timestamp")).isEqualTo("1795773600");
    assertThat(request.headers().get("X-AlertResponder-Signature"))
        .isEqualTo("sha256=" + hmac(SECRET, "1795773600." + request.body()));
    assertThat(new JsonObject(request.body())).isEqualTo(new JsonObject()
        .put("report_id", "r-1")
        .put("attribute", new JsonObject().put("type", "ipaddr").put("key", "source address")
            .put("value", "198.51.100.7").put("context", new JsonArray().add("remote")))
        .put("depth", 0));
    assertThat(result.findings()).containsExactly(Finding.of("host", new JsonObject()
        .put("country", new JsonArray().add("NL")).put("hostname", new JsonArray().add("scanner.example.net"))));
    assertThat(result.attributes()).containsExactly(
        Attribute.of(Attribute.DOMAIN, "reverse name", "scanner.example.net", "remote"));
  }

  @Test
  void sendsTheAttributesTimestampAndDepthWhenThereAreSome() throws Exception {
    answer = (request, response) -> response.setStatusCode(204).end();
    InspectionTask task = new InspectionTask("r-2", Attribute.of(Attribute.DOMAIN, "", "example.net", "remote")
        .withTimestamp(Instant.parse("2026-11-27T09:59:00Z")), 2);

    await(inspector(Map.of("url", url("/"), "secret", SECRET)).inspect(task));

    JsonObject body = new JsonObject(seen.get().body());
    assertThat(body.getInteger("depth")).isEqualTo(2);
    assertThat(body.getJsonObject("attribute").getString("timestamp")).isEqualTo("2026-11-27T09:59:00Z");
  }

  @Test
  void noContentAndAnEmptyBodyMeanNothingFound() throws Exception {
    Inspector inspector = inspector(Map.of("url", url("/"), "secret", SECRET));

    answer = (request, response) -> response.setStatusCode(204).end();
    assertThat(await(inspector.inspect(TASK))).isEqualTo(InspectionResult.empty());
    answer = (request, response) -> response.setStatusCode(200).end();
    assertThat(await(inspector.inspect(TASK))).isEqualTo(InspectionResult.empty());
    answer = (request, response) -> json(response, 200, new JsonObject());
    assertThat(await(inspector.inspect(TASK))).isEqualTo(InspectionResult.empty());
  }

  @Test
  void withoutASecretNothingIsSignedButTheTimestampIsSent() throws Exception {
    answer = (request, response) -> response.setStatusCode(204).end();

    await(inspector(Map.of("url", url("/"))).inspect(TASK));

    assertThat(seen.get().headers().get("X-AlertResponder-Signature")).isNull();
    assertThat(seen.get().headers().get("X-AlertResponder-Timestamp")).isEqualTo("1795773600");
  }

  @Test
  void clientErrorsArePermanentAndServerErrorsRetryable() throws Exception {
    Inspector inspector = inspector(Map.of("url", url("/inspect?token=query-secret"), "secret", SECRET));

    answer = (request, response) -> response.setStatusCode(400).end("unknown attribute type");
    PluginException badRequest = failure(inspector.inspect(TASK));
    assertThat(badRequest.retryable()).isFalse();
    assertThat(badRequest.getMessage()).contains("the HTTP inspector at http://127.0.0.1:" + server.actualPort()
        + "/inspect").contains("400").contains("unknown attribute type").doesNotContain("query-secret");

    answer = (request, response) -> response.setStatusCode(401).end();
    assertThat(failure(inspector.inspect(TASK)).retryable()).isFalse();
    answer = (request, response) -> response.setStatusCode(429).end();
    assertThat(failure(inspector.inspect(TASK)).retryable()).isTrue();
    answer = (request, response) -> response.setStatusCode(500).end("boom");
    assertThat(failure(inspector.inspect(TASK)).retryable()).isTrue();
    answer = (request, response) -> response.setStatusCode(503).end();
    assertThat(failure(inspector.inspect(TASK)).retryable()).isTrue();
  }

  @Test
  void aRedirectIsNotFollowedAndIsPermanent() throws Exception {
    answer = (request, response) -> response.setStatusCode(302).putHeader("Location", "http://127.0.0.1:1/").end();

    PluginException failure = failure(inspector(Map.of("url", url("/"), "secret", SECRET)).inspect(TASK));

    assertThat(failure.retryable()).isFalse();
    assertThat(failure.getMessage()).contains("302");
  }

  @Test
  void anEndpointThatNeverAnswersIsRetryable() throws Exception {
    answer = (request, response) -> {
      // Never answers.
    };

    PluginException failure = failure(inspector(Map.of("url", url("/inspect?token=query-secret"),
        "request-timeout", "200ms")).inspect(TASK));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.getMessage()).contains("did not answer in time").doesNotContain("query-secret");
  }

  @Test
  void aRefusedConnectionIsRetryable() throws Exception {
    Inspector inspector = inspector(Map.of("url", url("/")));
    await(server.close());

    PluginException failure = failure(inspector.inspect(TASK));

    assertThat(failure.retryable()).isTrue();
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0));
    server.requestHandler(request -> request.response().end());
    await(server.listen());
  }

  @Test
  void anAnswerThatIsNotJsonIsPermanent() throws Exception {
    answer = (request, response) -> response.putHeader("Content-Type", "text/html").end("<html>hello</html>");

    PluginException failure = failure(inspector(Map.of("url", url("/"))).inspect(TASK));

    assertThat(failure.retryable()).isFalse();
    assertThat(failure.getMessage()).contains("not JSON");
  }

  @Test
  void anAnswerOfTheWrongShapeIsPermanentAndSaysWhereItIsWrong() throws Exception {
    Inspector inspector = inspector(Map.of("url", url("/")));

    answer = (request, response) -> json(response, 200, new JsonObject().put("findings", new JsonArray()
        .add(new JsonObject().put("content", new JsonObject()))
        .add(new JsonObject().put("type", "Host!").put("content", new JsonObject()))
        .add(new JsonObject().put("type", "host").put("content", "not an object"))
        .add("not a finding")));
    PluginException findings = failure(inspector.inspect(TASK));
    assertThat(findings.retryable()).isFalse();
    assertThat(findings.getMessage()).contains("findings[0].type").contains("findings[1].type")
        .contains("findings[2].content").contains("findings[3]");

    answer = (request, response) -> json(response, 200, new JsonObject().put("attributes", new JsonArray()
        .add(new JsonObject().put("type", "ipaddr").put("key", "").put("value", "999.1.1.1"))));
    PluginException attributes = failure(inspector.inspect(TASK));
    assertThat(attributes.retryable()).isFalse();
    assertThat(attributes.getMessage()).contains("attributes[0].value");

    answer = (request, response) -> json(response, 200, new JsonObject().put("findings", "none"));
    assertThat(failure(inspector.inspect(TASK)).getMessage()).contains("findings");

    answer = (request, response) -> response.end("[1, 2, 3]");
    assertThat(failure(inspector.inspect(TASK)).getMessage()).contains("$");
  }

  @Test
  void verifiedAnswersMustBeSignedOverTheRequestsSignatureAndTheBody() throws Exception {
    Inspector inspector = inspector(Map.of("url", url("/"), "secret", SECRET, "verify-answers", true));
    String body = new JsonObject().put("findings", new JsonArray().add(new JsonObject().put("type", "host")
        .put("content", new JsonObject().put("owner", new JsonArray().add("soc")))))
        .encode();

    answer = (request, response) -> response.putHeader("X-AlertResponder-Signature", "sha256="
        + hmac(SECRET, request.headers().get("X-AlertResponder-Signature") + "." + body)).end(body);
    assertThat(await(inspector.inspect(TASK)).findings()).hasSize(1);

    answer = (request, response) -> response.putHeader("X-AlertResponder-Signature", "sha256="
        + hmac(SECRET, request.headers().get("X-AlertResponder-Signature") + ".")).setStatusCode(204).end();
    assertThat(await(inspector.inspect(TASK))).isEqualTo(InspectionResult.empty());

    answer = (request, response) -> response.end(body);
    PluginException unsigned = failure(inspector.inspect(TASK));
    assertThat(unsigned.retryable()).isFalse();
    assertThat(unsigned.getMessage()).contains("without the X-AlertResponder-Signature");

    answer = (request, response) -> response.putHeader("X-AlertResponder-Signature", "sha256="
        + hmac(SECRET, body)).end(body);
    PluginException bodyOnly = failure(inspector.inspect(TASK));
    assertThat(bodyOnly.retryable()).isFalse();
    assertThat(bodyOnly.getMessage()).contains("does not match");

    answer = (request, response) -> response.setStatusCode(204).end();
    assertThat(failure(inspector.inspect(TASK)).getMessage()).contains("without the X-AlertResponder-Signature");
  }

  @Test
  void anOversizedAnswerIsPermanent() throws Exception {
    answer = (request, response) -> response.end("{\"findings\": [], \"padding\": \"" + "x".repeat(1024 * 1024)
        + "\"}");

    PluginException failure = failure(inspector(Map.of("url", url("/"))).inspect(TASK));

    assertThat(failure.retryable()).isFalse();
    assertThat(failure.getMessage()).contains("more than");
  }

  @Test
  void handlesTheFiveKnownAttributeTypesByDefault() {
    assertThat(new HttpInspectorFactory().defaultAttributeTypes())
        .containsExactlyInAnyOrder("ipaddr", "domain", "username", "filehash", "url");
    assertThat(new HttpInspectorFactory().type()).isEqualTo("http");
  }

  @Test
  void wrongOptionsNameTheOptionAndNeverTheSecret() {
    assertThatThrownBy(() -> inspector(Map.of()))
        .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("inspectors[0].options.url:");
    assertThatThrownBy(() -> inspector(Map.of("url", "ftp://127.0.0.1/")))
        .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("inspectors[0].options.url:");
    assertThatThrownBy(() -> inspector(Map.of("url", url("/"), "headers", Map.of("X-AlertResponder-Signature", "x"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("inspectors[0].options.headers.X-AlertResponder-Signature:");
    assertThatThrownBy(() -> inspector(Map.of("url", url("/"), "headers", Map.of("Content-Type", "text/plain"))))
        .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("inspectors[0].options.headers.");
    assertThatThrownBy(() -> inspector(Map.of("url", url("/"), "headers", Map.of("Bad Name", "x"))))
        .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("inspectors[0].options.headers:");
    assertThatThrownBy(() -> inspector(Map.of("url", url("/"), "headers", Map.of("X-Token", "a\r\nHost: evil"))))
        .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("inspectors[0].options.headers.X-Token:")
        .hasMessageNotContaining("evil");
    assertThatThrownBy(() -> inspector(Map.of("url", url("/"), "verify-answers", true)))
        .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("inspectors[0].options.secret:");
    assertThatThrownBy(() -> inspector(Map.of("url", url("/"), "secret", List.of("s3cret"))))
        .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("inspectors[0].options.secret:")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> inspector(Map.of("url", url("/"), "request-timeout", "0s")))
        .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("inspectors[0].options.request-timeout:");
    assertThatThrownBy(() -> inspector(Map.of("url", url("/"), "verify_answers", true)))
        .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("inspectors[0].options.verify_answers:");
  }

  // ---- helpers --------------------------------------------------------------------------------------------

  private String url(String pathAndQuery) {
    return "http://127.0.0.1:" + server.actualPort() + pathAndQuery;
  }

  private Inspector inspector(Map<String, Object> options) {
    PluginOptions pluginOptions = new PluginOptions("inspectors[0].options", new LinkedHashMap<>(options));
    Inspector inspector = new HttpInspectorFactory().create(new PluginContext("remote", pluginOptions, vertx,
        new ManualClock(NOW), Path.of(".")));
    pluginOptions.requireAllRead();
    return inspector;
  }

  private static void json(HttpServerResponse response, int status, JsonObject body) {
    response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }

  /** HMAC-SHA256 in hex, computed here rather than with the code under test. */
  private static String hmac(String secret, String content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

}
