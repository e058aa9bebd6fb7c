package org.alertresponder.plugins.webhook;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Alert;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.ReceivedAlert;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportAttribute;
import org.alertresponder.engine.api.ReportCodec;
import org.alertresponder.engine.api.ReportStatus;
import org.alertresponder.engine.api.Verdict;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.Emitter;
import org.alertresponder.engine.spi.EmitterFactory;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginOptions;
import org.alertresponder.plugins.support.HmacSignatures;
import org.alertresponder.plugins.support.HttpAnswers;
import org.alertresponder.plugins.support.PluginHttpClient;
import org.alertresponder.plugins.support.ReportDigest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The emitter type {@code webhook}: each publication as an HTTP request to a URL of yours.
 *
 * <pre>
 * emitters:
 *   - name: soar
 *     type: webhook
 *     options:
 *       url: https://soar.example/hooks/alertresponder
 *       secret: ${WEBHOOK_SECRET}     # X-AlertResponder-Signature: sha256=HMAC(secret, "<timestamp>.<body>")
 *       headers: {X-Team: secops}
 *       # template: '{"text": "{{title}}: {{result.reason}}", "severity": "{{result.severity}}"}'
 * </pre>
 *
 * <p>With a {@code secret}, {@code X-AlertResponder-Timestamp} carries the Unix time in seconds and
 * {@code X-AlertResponder-Signature} the HMAC-SHA256 of {@code <timestamp>.<body>} (see {@link HmacSignatures}).
 * Every request carries {@code Idempotency-Key: <report id>:<version>} (the same for a retried delivery,
 * so the receiver can drop a duplicate), {@code X-AlertResponder-Report} and {@code X-AlertResponder-Version}.
 * The body is the report's wire JSON unless a {@code template} (or {@code template-file}) says otherwise.
 */
public final class WebhookEmitterFactory implements EmitterFactory {

  @Override
  public String type() {
    return "webhook";
  }

  @Override
  public Emitter create(PluginContext context) {
    PluginOptions options = context.options();
    String url = PluginHttpClient.secretUrl(options, "url");
    String secret = options.has("secret") ? PluginHttpClient.secret(options, "secret", null) : null;
    String method = options.string("method", "POST").toUpperCase(Locale.ROOT);
    if (!method.equals("POST") && !method.equals("PUT")) {
      throw new ConfigurationException(options.pathOf("method"), "POST or PUT", PluginOptions.describe(method));
    }
    String contentType = options.string("content-type", "application/json");
    Map<String, String> headers = new LinkedHashMap<>(options.stringMap("headers"));
    for (String reserved : List.of("content-type", "content-length", "idempotency-key", "host",
        "x-alertresponder-signature", "x-alertresponder-timestamp", "x-alertresponder-report",
        "x-alertresponder-version")) {
      if (headers.keySet().stream().anyMatch(name -> name.toLowerCase(Locale.ROOT).equals(reserved))) {
        throw new ConfigurationException(options.pathOf("headers"), "headers other than " + reserved
            + " (the emitter sets it)", "a header " + reserved);
      }
    }
    BodyTemplate template = template(options, context, contentType);
    return new WebhookEmitter(PluginHttpClient.create(context), context.clock(), url, method, contentType, headers,
        secret, template, "the webhook " + context.name());
  }

  private static BodyTemplate template(PluginOptions options, PluginContext context, String contentType) {
    boolean hasInline = options.has("template");
    boolean hasFile = options.has("template-file");
    if (hasInline && hasFile) {
      throw new ConfigurationException(options.pathOf("template"), "either template or template-file", "both");
    }
    if (!hasInline && !hasFile) {
      return null;
    }
    String key = hasInline ? "template" : "template-file";
    String text;
    if (hasInline) {
      text = options.requiredString("template");
    } else {
      var path = context.resolve(options.requiredString("template-file"));
      try {
        text = Files.readString(path, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new ConfigurationException(options.pathOf(key), "a readable template file", path + ": " + e.getMessage());
      }
    }
    boolean json = contentType.toLowerCase(Locale.ROOT).contains("json");
    BodyTemplate template;
    try {
      template = BodyTemplate.parse(text, json);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(options.pathOf(key), "a body template with {{path}} placeholders", e.getMessage());
    }
    if (json) {
      // A template that would send invalid JSON is found now, on a sample report, not at the first urgent alert.
      String sample = template.render(values(sampleReport()));
      try {
        io.vertx.core.json.Json.decodeValue(sample);
      } catch (DecodeException e) {
        throw new ConfigurationException(options.pathOf(key), "a template that renders valid JSON (or set content-type)",
            "one that renders " + PluginOptions.describe(sample) + ": " + e.getMessage());
      }
    }
    return template;
  }

  /** What a template can refer to: the report's wire JSON, with {@code title} and {@code summary}. */
  static JsonObject values(Report report) {
    ReportDigest digest = ReportDigest.of(report);
    String summary = "[" + digest.severity().wireName() + "] " + digest.title() + ": " + digest.reason();
    return ReportCodec.encode(report).put("title", digest.title()).put("summary", summary);
  }

  private static Report sampleReport() {
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    Alert alert = Alert.builder("sample-detector", "sample-rule").ruleName("A \"quoted\" rule\n").alertKey("key")
        .description("a sample").timestamp(at).attribute(Attribute.IPADDR, "source", "192.0.2.1", "remote").build();
    return new Report("00000000-0000-7000-8000-000000000000", alert.groupKey(), alert.detector(), alert.ruleId(),
        alert.ruleName(), alert.alertKey(), ReportStatus.PUBLISHED, 1, at, at, List.of(new ReceivedAlert("a-1", at, alert)),
        ReportAttribute.ofAlert("a-1", alert.attributes()), List.of(), List.of(), List.of(), 0,
        Verdict.urgent("a \"sample\" reason"), List.of());
  }

  /** Sends one request per delivery; the engine retries what {@code HttpAnswers} calls retryable. */
  static final class WebhookEmitter implements Emitter, AutoCloseable {
    private final PluginHttpClient client;
    private final String url;
    private final HttpMethod method;
    private final String contentType;
    private final Map<String, String> headers;
    private final String secret;
    private final BodyTemplate template;
    private final String peer;
    private final Clock clock;
    /** The URL's parts and the signing key, which a failure message must not repeat (a peer may echo them). */
    private final List<String> secrets;

    WebhookEmitter(PluginHttpClient client, Clock clock, String url, String method, String contentType,
                   Map<String, String> headers, String secret, BodyTemplate template, String peer) {
      this.client = client;
      this.clock = clock;
      this.url = url;
      this.method = HttpMethod.valueOf(method);
      this.contentType = contentType;
      this.headers = Map.copyOf(headers);
      this.secret = secret;
      this.template = template;
      this.peer = peer;
      List<String> all = new ArrayList<>(PluginHttpClient.secretsOf(url));
      if (secret != null) {
        all.add(secret);
      }
      this.secrets = List.copyOf(all);
    }

    /** Releases the HTTP connections; the engine calls it when it stops. */
    @Override
    public void close() {
      client.close();
    }

    @Override
    public Future<Void> emit(Report report) {
      Buffer body = Buffer.buffer(template == null ? ReportCodec.encode(report).encode()
          : template.render(values(report)), "UTF-8");
      Map<String, String> request = new LinkedHashMap<>(headers);
      request.put("Content-Type", contentType);
      request.put("Idempotency-Key", report.id() + ":" + report.version());
      request.put("X-AlertResponder-Report", report.id());
      request.put("X-AlertResponder-Version", Integer.toString(report.version()));
      if (secret != null) {
        String timestamp = Long.toString(clock.now().getEpochSecond());
        request.put(HmacSignatures.TIMESTAMP_HEADER, timestamp);
        request.put(HmacSignatures.SIGNATURE_HEADER, HmacSignatures.sign(secret, HmacSignatures.timestamped(timestamp, body)));
      }
      return client.send(method, url, request, body, peer).<Void>mapEmpty()
          .recover(failure -> Future.failedFuture(HttpAnswers.withoutSecrets(failure, secrets)));
    }
  }
}
