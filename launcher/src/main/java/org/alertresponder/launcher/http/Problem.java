package org.alertresponder.launcher.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.alertresponder.engine.api.Violation;

import java.util.List;

/**
 * An RFC 9457 problem: {@code application/problem+json} with {@code type}, {@code title}, {@code status}
 * and {@code detail}, plus {@code errors} naming each bad field for validation problems.
 */
public record Problem(int status, String type, String title, String detail, JsonArray errors) {
  public static final String CONTENT_TYPE = "application/problem+json";
  private static final String TYPE_PREFIX = "urn:alertresponder:problem:";
  /** At most this many field errors are listed; the detail says how many there were. */
  public static final int MAX_ERRORS = 100;

  public static Problem of(int status, String kind, String title, String detail) {
    return new Problem(status, TYPE_PREFIX + kind, title, detail, null);
  }

  /** A 400 naming every broken rule (up to {@link #MAX_ERRORS}). */
  public static Problem invalid(String title, List<Violation> violations) {
    JsonArray errors = new JsonArray();
    for (Violation violation : violations.subList(0, Math.min(MAX_ERRORS, violations.size()))) {
      JsonObject error = new JsonObject().put("path", violation.path()).put("rule", violation.rule())
          .put("message", violation.message());
      if (violation.limit() != null) {
        error.put("limit", violation.limit());
      }
      errors.add(error);
    }
    String detail = violations.size() == 1 ? violations.get(0).toString()
        : violations.size() + " rules are broken"
            + (violations.size() > MAX_ERRORS ? " (the first " + MAX_ERRORS + " are listed)" : "")
            + "; first: " + violations.get(0);
    return new Problem(400, TYPE_PREFIX + "invalid-alert", title, detail, errors);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("type", type).put("title", title).put("status", status)
        .put("detail", detail);
    if (errors != null) {
      json.put("errors", errors);
    }
    return json;
  }

  public void send(RoutingContext context) {
    if (context.response().headWritten()) {
      context.response().reset();
      return;
    }
    context.response().setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE).end(toJson().encode());
  }
}
