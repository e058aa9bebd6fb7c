package org.alertresponder.plugins.pagerduty;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.Severity;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.Emitter;
import org.alertresponder.engine.spi.EmitterFactory;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginException;
import org.alertresponder.engine.spi.PluginOptions;
import org.alertresponder.plugins.support.DeliveryOrder;
import org.alertresponder.plugins.support.HttpAnswers;
import org.alertresponder.plugins.support.PluginHttpClient;
import org.alertresponder.plugins.support.ReportDigest;
import org.alertresponder.plugins.support.ReportLinks;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The emitter type {@code pagerduty}: triggers (and resolves) PagerDuty alerts through the Events API v2.
 * See the package documentation for the options and what is sent.
 */
public final class PagerDutyEmitterFactory implements EmitterFactory {
  /** The Events API v2 endpoint. */
  public static final String DEFAULT_URL = "https://events.pagerduty.com/v2/enqueue";
  /** The Events API's severities. */
  static final Set<String> PD_SEVERITIES = Set.of("critical", "error", "warning", "info");
  /** An integration key (the routing key of an Events API v2 integration) is 32 characters long. */
  static final int ROUTING_KEY_LENGTH = 32;

  @Override
  public String type() {
    return "pagerduty";
  }

  @Override
  public Emitter create(PluginContext context) {
    PluginOptions options = context.options();
    String routingKey = PluginHttpClient.secret(options, "routing-key", null).strip();
    if (routingKey.length() != ROUTING_KEY_LENGTH || !routingKey.chars().allMatch(c -> c > ' ' && c < 127)) {
      throw new ConfigurationException(options.pathOf("routing-key"),
          "the 32-character integration key of an Events API v2 integration",
          "a value of " + routingKey.length() + " characters (not shown, since it is a secret)");
    }
    String url = PluginHttpClient.url(options, "url", DEFAULT_URL);
    Map<Severity, String> severities = severityMap(options);
    boolean resolveWhenSafe = options.bool("resolve-when-safe", true);
    String source = options.string("source", "alertresponder");
    if (source.isBlank()) {
      throw new ConfigurationException(options.pathOf("source"), "a non-empty string", "\"\"");
    }
    PagerDutyEvents events = new PagerDutyEvents(routingKey, source, optional(options, "component"),
        optional(options, "group"), optional(options, "class"), severities, ReportLinks.option(options, "report-url"));
    return new PagerDutyEmitter(PluginHttpClient.create(context), url, events, resolveWhenSafe, context.clock());
  }

  /** Our severities to PagerDuty's: the defaults, overridden by the option. */
  private static Map<Severity, String> severityMap(PluginOptions options) {
    Map<Severity, String> map = new EnumMap<>(Severity.class);
    map.put(Severity.URGENT, "critical");
    map.put(Severity.UNCLASSIFIED, "warning");
    for (Map.Entry<String, String> entry : options.stringMap("severity-map").entrySet()) {
      String path = options.pathOf("severity-map") + "." + entry.getKey();
      Severity ours = switch (entry.getKey()) {
        case "urgent" -> Severity.URGENT;
        case "unclassified" -> Severity.UNCLASSIFIED;
        default -> throw new ConfigurationException(path,
            "urgent or unclassified as the key (a safe verdict never triggers an alert)",
            PluginOptions.describe(entry.getKey()));
      };
      String theirs = entry.getValue().strip().toLowerCase(Locale.ROOT);
      if (!PD_SEVERITIES.contains(theirs)) {
        throw new ConfigurationException(path, "critical, error, warning or info",
            PluginOptions.describe(entry.getValue()));
      }
      map.put(ours, theirs);
    }
    return map;
  }

  private static String optional(PluginOptions options, String key) {
    String value = options.string(key, null);
    return value == null || value.isBlank() ? null : value.strip();
  }

  /**
   * Sends a trigger for every publication that is not safe, and a resolve for a safe one that follows one that
   * was not. The report's id is the {@code dedup_key}, so a retried delivery (or a later version) lands on the same
   * PagerDuty alert instead of opening another. The deliveries of one report go out one after another, and a
   * version older than one already delivered is not sent ({@link DeliveryOrder}): a late trigger of version 1
   * after version 2 resolved the alert would page someone again for a report that is safe.
   */
  static final class PagerDutyEmitter implements Emitter, AutoCloseable {
    private static final Map<String, String> HEADERS = Map.of(
        "Content-Type", "application/json",
        "Accept", "application/json");
    private static final String PEER = "PagerDuty";

    private final PluginHttpClient http;
    private final String url;
    private final PagerDutyEvents events;
    private final boolean resolveWhenSafe;
    private final Clock clock;
    private final DeliveryOrder order = new DeliveryOrder();

    PagerDutyEmitter(PluginHttpClient http, String url, PagerDutyEvents events, boolean resolveWhenSafe,
                     Clock clock) {
      this.http = http;
      this.url = url;
      this.events = events;
      this.resolveWhenSafe = resolveWhenSafe;
      this.clock = clock;
    }

    /** Releases the HTTP connections; the engine calls it when it stops. */
    @Override
    public void close() {
      http.close();
    }

    @Override
    public Future<Void> emit(Report report) {
      return order.deliver(report, () -> send(report));
    }

    private Future<Void> send(Report report) {
      Severity severity = ReportDigest.severityOf(report);
      JsonObject event;
      if (severity != Severity.SAFE) {
        event = events.trigger(report, publishedAt(report));
      } else if (resolveWhenSafe && ReportDigest.wasEverUnsafe(report)) {
        event = events.resolve(report);
      } else {
        // Nothing was ever paged for this report (or resolving is left to people): there is nothing to say.
        return Future.succeededFuture();
      }
      return http.send(HttpMethod.POST, url, HEADERS, event.toBuffer(), PEER)
          .compose(PagerDutyEmitter::accepted)
          .recover(failure -> Future.failedFuture(HttpAnswers.withoutSecrets(failure, List.of(events.routingKey()))));
    }

    /** When this version was published (the event's time), or now when the report does not say. */
    private Instant publishedAt(Report report) {
      Instant published = ReportDigest.publishedAt(report);
      return published != null ? published : clock.now();
    }

    /**
     * PagerDuty answers 202 with {@code {"status": "success", ...}}. Another 2xx body is accepted as it is, but a
     * status that is not "success" means the event was not processed: it is worth sending again.
     */
    private static Future<Void> accepted(HttpResponse<Buffer> response) {
      Buffer body = response.body();
      if (body == null || body.length() == 0) {
        return Future.succeededFuture();
      }
      Object json;
      try {
        json = Json.decodeValue(body);
      } catch (DecodeException e) {
        return Future.succeededFuture();
      }
      if (json instanceof JsonObject answer && answer.getValue("status") instanceof String status
          && !status.equals("success")) {
        String message = answer.getValue("message") instanceof String text ? text : "no message";
        JsonArray errors = answer.getValue("errors") instanceof JsonArray list ? list : null;
        return Future.failedFuture(PluginException.retryable("PagerDuty answered " + response.statusCode()
            + " with status \"" + status + "\": " + message + (errors == null ? "" : " " + errors.encode())));
      }
      return Future.succeededFuture();
    }
  }
}
