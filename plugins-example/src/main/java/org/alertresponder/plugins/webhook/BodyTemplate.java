package org.alertresponder.plugins.webhook;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * A request body with {@code {{path}}} placeholders, filled from the report's wire JSON: {@code {{id}}},
 * {@code {{version}}}, {@code {{result.severity}}}, {@code {{alerts.0.description}}}, and the extras
 * {@code {{title}}} and {@code {{summary}}} (see {@link WebhookEmitterFactory}). A string is inserted escaped
 * for JSON when the body is JSON (the template supplies the quotes), as is otherwise; any other value is
 * inserted as JSON ({@code {{alerts}}} is an array); a missing one as nothing.
 */
final class BodyTemplate {
  private final List<String> literals;
  private final List<String[]> paths;
  private final boolean json;

  private BodyTemplate(List<String> literals, List<String[]> paths, boolean json) {
    this.literals = literals;
    this.paths = paths;
    this.json = json;
  }

  /**
   * @throws IllegalArgumentException when a placeholder is not closed or empty, naming its position
   */
  static BodyTemplate parse(String template, boolean json) {
    List<String> literals = new ArrayList<>();
    List<String[]> paths = new ArrayList<>();
    int from = 0;
    while (true) {
      int open = template.indexOf("{{", from);
      if (open < 0) {
        literals.add(template.substring(from));
        return new BodyTemplate(literals, paths, json);
      }
      int close = template.indexOf("}}", open + 2);
      if (close < 0) {
        throw new IllegalArgumentException("the placeholder at character " + (open + 1) + " is not closed with }}");
      }
      String path = template.substring(open + 2, close).strip();
      if (path.isEmpty() || !path.matches("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*")) {
        throw new IllegalArgumentException("the placeholder at character " + (open + 1) + " is not a path like "
            + "result.severity: \"{{" + template.substring(open + 2, close) + "}}\"");
      }
      literals.add(template.substring(from, open));
      paths.add(path.split("\\."));
      from = close + 2;
    }
  }

  String render(JsonObject values) {
    StringBuilder out = new StringBuilder(literals.get(0));
    for (int i = 0; i < paths.size(); i++) {
      Object value = lookup(values, paths.get(i));
      if (value instanceof String text) {
        out.append(json ? escape(text) : text);
      } else if (value != null) {
        out.append(Json.encode(value instanceof JsonObject o ? o.getMap() : value instanceof JsonArray a ? a.getList()
            : value));
      }
      out.append(literals.get(i + 1));
    }
    return out.toString();
  }

  private static Object lookup(Object root, String[] path) {
    Object current = root;
    for (String step : path) {
      if (current instanceof JsonObject object) {
        current = object.getValue(step);
      } else if (current instanceof JsonArray array && step.chars().allMatch(Character::isDigit) && step.length() < 6) {
        int index = Integer.parseInt(step);
        current = index < array.size() ? array.getValue(index) : null;
      } else {
        return null;
      }
    }
    return current;
  }

  /** The string's JSON encoding without its quotes. */
  private static String escape(String text) {
    String encoded = Json.encode(text);
    return encoded.substring(1, encoded.length() - 1);
  }
}
