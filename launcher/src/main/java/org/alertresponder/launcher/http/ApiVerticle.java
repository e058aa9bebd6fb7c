package org.alertresponder.launcher.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.alertresponder.engine.api.AlertEngine;
import org.alertresponder.engine.api.BacklogFullException;
import org.alertresponder.engine.api.BatchSubmissionException;
import org.alertresponder.engine.api.Delivery;
import org.alertresponder.engine.api.InvalidAlertException;
import org.alertresponder.engine.api.ValidAlert;
import org.alertresponder.engine.api.Receipt;
import org.alertresponder.engine.api.ReportCodec;
import org.alertresponder.engine.api.ReportHeader;
import org.alertresponder.engine.api.ReportQuery;
import org.alertresponder.engine.api.ReportStatus;
import org.alertresponder.engine.api.Severity;
import org.alertresponder.engine.internal.JsonReader;
import org.alertresponder.launcher.config.HttpSettings;
import org.alertresponder.launcher.console.HealthSummary;
import org.alertresponder.launcher.console.ReportSearch;
import org.alertresponder.launcher.metrics.EngineMetrics;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP API (one instance per event loop): alerts in, reports and dead letters out, health, readiness
 * and metrics. Each handler decodes, calls the engine and replies; errors are RFC 9457 problems.
 */
public final class ApiVerticle extends VerticleBase {
  private static final System.Logger LOG = System.getLogger(ApiVerticle.class.getName());
  private static final System.Logger REQUESTS = System.getLogger("org.alertresponder.requests");
  private static final String JSON = "application/json";
  /** The console, read once per process (however many HTTP verticles serve it) and only when it is served. */
  private static final class Console {
    static final ConsoleAssets ASSETS = ConsoleAssets.load(ApiVerticle.class.getClassLoader());
  }

  private final AlertEngine engine;
  private final HttpSettings settings;
  private final EngineMetrics metrics;
  private final BearerAuth auth;
  private final AlertIntake intake;
  private final boolean guardLoopback;
  private final HealthSummary health;
  private final ReportSearch search;
  private EventStream events;
  private HttpServer server;

  public ApiVerticle(AlertEngine engine, HttpSettings settings, EngineMetrics metrics, HealthSummary health) {
    this.engine = engine;
    this.settings = settings;
    this.metrics = metrics;
    this.health = health;
    this.search = new ReportSearch(engine);
    this.auth = new BearerAuth(settings.auth());
    this.intake = new AlertIntake(settings.maxBatch());
    this.guardLoopback = !settings.auth().required()
        && org.alertresponder.launcher.config.LauncherConfigBinder.isLoopback(settings.host());
  }

  /** The port the server listens on (useful when configured as 0). */
  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    events = new EventStream(vertx);
    if (settings.requestLog()) {
      router.route().handler(this::logRequest);
    }
    if (guardLoopback) {
      router.route().handler(new LoopbackGuard());
    }
    router.route(HttpMethod.GET, "/healthz").handler(this::health);
    router.route(HttpMethod.HEAD, "/healthz").handler(this::health);
    router.route(HttpMethod.GET, "/readyz").handler(this::ready);
    router.route(HttpMethod.HEAD, "/readyz").handler(this::ready);
    router.get("/metrics").handler(auth.require("read")).handler(this::metrics);
    router.post("/api/v1/alerts").handler(auth.require("write"))
        .handler(BodyHandler.create(false).setBodyLimit(settings.bodyLimit()))
        .handler(this::postAlerts);
    router.get("/api/v1/reports").handler(auth.require("read")).handler(this::listReports);
    router.get("/api/v1/reports/:id").handler(auth.require("read")).handler(this::showReport);
    router.get("/api/v1/dead-letters").handler(auth.require("read")).handler(this::listDeadLetters);
    router.post("/api/v1/dead-letters/:id/replay").handler(auth.require("write")).handler(this::replay);
    router.get("/api/v1/session").handler(auth.identify()).handler(this::session);
    router.get("/api/v1/health").handler(auth.require("read")).handler(this::healthSummary);
    router.get("/api/v1/events").handler(auth.require("read")).handler(events::handle);
    if (settings.console()) {
      Console.ASSETS.mount(router);
    }
    router.route().failureHandler(this::failure);
    router.errorHandler(404, context -> Problem.of(404, "not-found", "Not Found",
        "no such resource: " + context.request().method() + " " + printable(context.request().path())).send(context));
    router.errorHandler(405, context -> {
      context.response().putHeader("Allow", allowed(context.request().path()));
      Problem.of(405, "method-not-allowed", "Method Not Allowed", context.request().method() + " is not allowed on "
          + printable(context.request().path()) + "; allowed: " + allowed(context.request().path())).send(context);
    });
    // Connections that stall are closed, and HTTP/2 is offered only with TLS (a reverse proxy's job):
    // cleartext HTTP/2 would let one connection carry many uploads at once.
    HttpServerOptions options = new HttpServerOptions().setHost(settings.host()).setPort(settings.port())
        .setIdleTimeout(60).setIdleTimeoutUnit(TimeUnit.SECONDS).setHttp2ClearTextEnabled(false);
    server = vertx.createHttpServer(options).requestHandler(router);
    return server.listen();
  }

  /**
   * Stops accepting connections and waits up to {@code grace} for the requests in progress to be
   * answered, so that a client whose alerts were stored is told so.
   */
  public Future<Void> shutdown(Duration grace) {
    if (events != null) {
      // Event streams never end on their own; a graceful shutdown would wait out its grace for them.
      // They belong to this verticle's event loop, and are ended there.
      context.runOnContext(v -> events.closeAll());
    }
    return server == null ? Future.succeededFuture() : server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  // ---- health ---------------------------------------------------------------------------------

  private void health(RoutingContext context) {
    json(context, 200, new JsonObject().put("status", "alive"));
  }

  private void ready(RoutingContext context) {
    engine.ready().onComplete(ar -> {
      if (ar.succeeded()) {
        json(context, 200, new JsonObject().put("status", "ready"));
      } else {
        // The cause stays in the log: this endpoint needs no token.
        LOG.log(Level.WARNING, "not ready: " + ar.cause().getMessage());
        Problem.of(503, "not-ready", "Not Ready", "the engine is not running or its store does not answer")
            .send(context);
      }
    });
  }

  private void session(RoutingContext context) {
    java.util.Set<String> scopes = context.get(BearerAuth.SCOPES);
    json(context, 200, new JsonObject().put("auth", auth.required() ? "tokens" : "none")
        .put("token", context.<String>get(BearerAuth.PRINCIPAL))
        .put("scopes", new JsonArray(scopes.stream().sorted().toList())));
  }

  private void healthSummary(RoutingContext context) {
    health.read().onComplete(ar -> {
      if (ar.failed()) {
        unavailable(context, ar.cause());
      } else {
        json(context, 200, ar.result());
      }
    });
  }

  private void metrics(RoutingContext context) {
    context.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape());
  }

  // ---- alerts ---------------------------------------------------------------------------------

  private void postAlerts(RoutingContext context) {
    String contentType = context.request().getHeader("Content-Type");
    String mediaType = contentType == null ? null : contentType.toLowerCase(java.util.Locale.ROOT);
    if (mediaType != null && !mediaType.startsWith(JSON) && !mediaType.startsWith("text/plain")) {
      Problem.of(415, "unsupported-media-type", "Unsupported Media Type",
          "send alerts as application/json (or text/plain, as SNS does), not " + contentType).send(context);
      return;
    }
    List<ValidAlert> alerts;
    try {
      alerts = intake.decode(context.body().buffer());
    } catch (AlertIntake.ProblemException e) {
      metrics.alertsRejected("invalid", 1);
      e.problem().send(context);
      return;
    }
    engine.submitValid(alerts).onComplete(ar -> {
      if (ar.succeeded()) {
        json(context, 202, accepted(ar.result()));
        return;
      }
      Throwable failure = ar.cause();
      if (failure instanceof BacklogFullException full) {
        metrics.alertsRejected("backlog", alerts.size());
        context.response().putHeader("Retry-After", String.valueOf(Math.max(1, full.retryAfter().toSeconds())));
        Problem.of(429, "backlog-full", "Too Many Requests", full.getMessage()).send(context);
      } else if (failure instanceof InvalidAlertException invalid) {
        metrics.alertsRejected("invalid", alerts.size());
        Problem.invalid("Invalid alert", invalid.violations()).send(context);
      } else if (failure instanceof BatchSubmissionException partial
          && partial.receipts().stream().anyMatch(r -> r != null)) {
        long stored = partial.receipts().stream().filter(r -> r != null).count();
        metrics.alertsRejected("unavailable", (int) (alerts.size() - stored));
        LOG.log(Level.WARNING, "a batch was stored only in part: " + failure.getMessage());
        context.response().putHeader("Retry-After", "5");
        JsonObject body = Problem.of(503, "partially-stored", "Service Unavailable", partial.getMessage()
            + "; the alerts listed in reports were stored, send the others again").toJson();
        body.put("reports", receipts(partial.receipts()));
        context.response().setStatusCode(503).putHeader("Content-Type", Problem.CONTENT_TYPE).end(body.encode());
      } else {
        metrics.alertsRejected("unavailable", alerts.size());
        LOG.log(Level.WARNING, "storing alerts failed", failure);
        context.response().putHeader("Retry-After", "5");
        Problem.of(503, "unavailable", "Service Unavailable", "the alerts were not stored; send them again")
            .send(context);
      }
    });
  }

  private static JsonObject accepted(List<Receipt> receipts) {
    return new JsonObject().put("accepted", receipts.size()).put("reports", receipts(receipts));
  }

  private static JsonArray receipts(List<Receipt> receipts) {
    JsonArray out = new JsonArray();
    for (Receipt receipt : receipts) {
      out.add(receipt == null ? null : new JsonObject().put("report_id", receipt.reportId())
          .put("status", receipt.status().wireName()).put("alert_id", receipt.alertId()));
    }
    return out;
  }

  // ---- reports and dead letters ---------------------------------------------------------------

  private void listReports(RoutingContext context) {
    ReportQuery query;
    try {
      query = reportQuery(context);
    } catch (AlertIntake.ProblemException e) {
      e.problem().send(context);
      return;
    }
    String attribute = context.queryParams().get("attribute");
    if (attribute != null) {
      if (attribute.isBlank() || attribute.length() > 256) {
        badParameter("attribute", "part of an attribute value, 1 to 256 characters", attribute).problem().send(context);
        return;
      }
      search.search(query, attribute.strip()).onComplete(ar -> {
        if (ar.failed()) {
          unavailable(context, ar.cause());
        } else {
          json(context, 200, headers(ar.result().items(), ar.result().nextCursor()).put("scanned",
              ar.result().scanned()));
        }
      });
      return;
    }
    engine.reports(query).onComplete(ar -> {
      if (ar.failed()) {
        unavailable(context, ar.cause());
      } else {
        json(context, 200, headers(ar.result().items(), ar.result().nextCursor()));
      }
    });
  }

  private static JsonObject headers(List<ReportHeader> found, String nextCursor) {
    JsonArray items = new JsonArray();
    for (ReportHeader header : found) {
      items.add(ReportCodec.encode(header));
    }
    return new JsonObject().put("items", items).put("next_cursor", nextCursor);
  }

  private static ReportQuery reportQuery(RoutingContext context) {
    ReportQuery query = ReportQuery.all();
    String status = context.queryParams().get("status");
    if (status != null) {
      try {
        query = query.withStatus(ReportStatus.fromWire(status));
      } catch (IllegalArgumentException e) {
        throw badParameter("status", "open, reviewing or published", status);
      }
    }
    String severity = context.queryParams().get("severity");
    if (severity != null) {
      if (!List.of("safe", "unclassified", "urgent").contains(severity)) {
        throw badParameter("severity", "safe, unclassified or urgent", severity);
      }
      query = query.withSeverity(Severity.fromWire(severity));
    }
    String detector = context.queryParams().get("detector");
    if (detector != null) {
      query = query.withDetector(detector);
    }
    Instant since = instant(context, "since");
    Instant until = instant(context, "until");
    query = query.withCreatedBetween(since, until);
    String cursor = context.queryParams().get("cursor");
    if (cursor != null) {
      query = query.withCursor(cursor);
    }
    String limit = context.queryParams().get("limit");
    if (limit != null) {
      if (!limit.matches("\\d{1,4}") || Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > ReportQuery.MAX_LIMIT) {
        throw badParameter("limit", "a number from 1 to " + ReportQuery.MAX_LIMIT, limit);
      }
      query = query.withLimit(Integer.parseInt(limit));
    }
    return query;
  }

  private static Instant instant(RoutingContext context, String name) {
    String value = context.queryParams().get(name);
    if (value == null) {
      return null;
    }
    Instant parsed = JsonReader.parseTimestamp(value);
    if (parsed == null) {
      throw badParameter(name, "an RFC 3339 date-time like 2026-11-27T10:00:00Z", value);
    }
    return parsed;
  }

  private static AlertIntake.ProblemException badParameter(String name, String expected, String found) {
    String shown = found.length() > 64 ? found.substring(0, 61) + "..." : found;
    return new AlertIntake.ProblemException(Problem.of(400, "invalid-parameter", "Invalid query parameter",
        name + ": expected " + expected + ", found \"" + shown + "\""));
  }

  private void showReport(RoutingContext context) {
    String id = context.pathParam("id");
    String version = context.queryParams().get("version");
    if (version != null) {
      if (!version.matches("\\d{1,9}") || Integer.parseInt(version) < 1) {
        badParameter("version", "a published version number (1, 2, ...)", version).problem().send(context);
        return;
      }
      engine.publication(id, Integer.parseInt(version)).onComplete(ar -> sendReport(context, ar.result(), ar.cause(),
          "report " + id + " has no published version " + version));
      return;
    }
    engine.report(id).onComplete(ar -> sendReport(context, ar.result(), ar.cause(), "no report " + id));
  }

  private void sendReport(RoutingContext context, java.util.Optional<org.alertresponder.engine.api.Report> report,
                          Throwable failure, String missing) {
    if (failure != null) {
      unavailable(context, failure);
    } else if (report.isEmpty()) {
      Problem.of(404, "not-found", "Not Found", missing).send(context);
    } else {
      json(context, 200, ReportCodec.encode(report.get()));
    }
  }

  private void listDeadLetters(RoutingContext context) {
    String limit = context.queryParams().get("limit");
    if (limit != null && (!limit.matches("\\d{1,4}") || Integer.parseInt(limit) < 1
        || Integer.parseInt(limit) > ReportQuery.MAX_LIMIT)) {
      badParameter("limit", "a number from 1 to " + ReportQuery.MAX_LIMIT, limit).problem().send(context);
      return;
    }
    int pageSize = limit == null ? ReportQuery.DEFAULT_LIMIT : Integer.parseInt(limit);
    engine.deadLetters(context.queryParams().get("cursor"), pageSize).onComplete(ar -> {
      if (ar.failed()) {
        unavailable(context, ar.cause());
        return;
      }
      JsonArray items = new JsonArray();
      for (Delivery delivery : ar.result().items()) {
        items.add(ReportCodec.encode(delivery));
      }
      json(context, 200, new JsonObject().put("items", items).put("next_cursor", ar.result().nextCursor()));
    });
  }

  private void replay(RoutingContext context) {
    String id = context.pathParam("id");
    engine.replay(id).onComplete(ar -> {
      if (ar.succeeded()) {
        json(context, 200, ReportCodec.encode(ar.result()));
      } else if (ar.cause() instanceof NoSuchElementException) {
        Problem.of(404, "not-found", "Not Found", ar.cause().getMessage()).send(context);
      } else {
        unavailable(context, ar.cause());
      }
    });
  }

  // ---- plumbing -------------------------------------------------------------------------------

  private static void json(RoutingContext context, int status, JsonObject body) {
    context.response().setStatusCode(status).putHeader("Content-Type", JSON).end(body.encode());
  }

  private static void unavailable(RoutingContext context, Throwable failure) {
    LOG.log(Level.WARNING, "request failed: " + context.request().method() + " "
        + printable(context.request().path()), failure);
    Problem.of(503, "unavailable", "Service Unavailable", "the store did not answer; try again").send(context);
  }

  /** The methods a path allows, for a 405's Allow header. */
  private static String allowed(String path) {
    if (path.equals("/api/v1/alerts") || path.endsWith("/replay")) {
      return "POST";
    }
    if (path.equals("/healthz") || path.equals("/readyz")) {
      return "GET, HEAD";
    }
    return "GET";
  }

  /** A request path safe to log: control characters escaped, at most 200 characters. */
  public static String printable(String path) {
    if (path == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(path.length(), 210));
    for (int i = 0; i < path.length() && out.length() < 200; i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    return path.length() > 200 ? out + "..." : out.toString();
  }

  private void failure(RoutingContext context) {
    int status = context.statusCode();
    if (status == 413) {
      Problem.of(413, "body-too-large", "Content Too Large", "the body is larger than the limit of "
          + settings.bodyLimit() + " bytes (http.limits.body); send smaller batches").send(context);
      return;
    }
    if (status >= 400 && status < 500) {
      Problem.of(status, "bad-request", "Bad Request", "the request could not be read").send(context);
      return;
    }
    LOG.log(Level.ERROR, "unexpected failure serving " + context.request().method() + " "
        + printable(context.request().path()),
        context.failure());
    Problem.of(500, "internal", "Internal Server Error", "an unexpected error occurred; it has been logged")
        .send(context);
  }

  /** One line per request: method, path, status, duration, token name. Never bodies or headers. */
  private void logRequest(RoutingContext context) {
    long started = System.nanoTime();
    context.addEndHandler(ar -> {
      Object principal = context.get(BearerAuth.PRINCIPAL);
      REQUESTS.log(Level.INFO, () -> context.request().method() + " " + printable(context.request().path()) + " "
          + context.response().getStatusCode() + " " + (System.nanoTime() - started) / 1_000_000 + "ms"
          + (principal == null ? "" : " token=" + principal));
    });
    context.next();
  }
}
