package org.alertresponder.plugins.webhook;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * A request body with {@code {{path}}} placeholders, filled from the report's wire JSON: {@code {{id}}},
 * {@code {{version}}}, {@code {{result.severity}}}, {@code {{alerts.0.description}}}, and the extras
 * {@code {{title}}} and {@code {{summary}}} (see {@link WebhookEmitterFactory}).
 *
 * <p>In a JSON body, what a placeholder becomes depends on where it stands, so that the body is valid JSON
 * whatever the report holds: inside a string ({@code "text": "{{summary}}"}) any value is inserted as escaped
 * text (an object as its JSON, escaped); outside one ({@code "alerts": {{alerts}}}) any value is inserted as
 * JSON (a string with its quotes), and a missing one as {@code null}. In any other body, values are inserted
 * as text and a missing one as nothing.
 */
final class BodyTemplate {
  private final List<String> literals;
  private final List<String[]> paths;
  private final List<Boolean> inString;
  private final boolean json;

  private BodyTemplate(List<String> literals, List<String[]> paths, List<Boolean> inString, boolean json) {
    this.literals = literals;
    this.paths = paths;
    this.inString = inString;
    this.json = json;
  }

  /**
   * @throws IllegalArgumentException when a placeholder is not closed or empty, naming its position
   */
  static BodyTemplate parse(String template, boolean json) {
    List<String> literals = new ArrayList<>();
    List<String[]> paths = new ArrayList<>();
    List<Boolean> inString = new ArrayList<>();
    JsonPosition position = new JsonPosition();
    int from = 0;
    while (true) {
      int open = template.indexOf("{{", from);
      if (open < 0) {
        literals.add(template.substring(from));
        return new BodyTemplate(literals, paths, inString, json);
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
      position.read(template, from, open);
      inString.add(position.inString);
      paths.add(path.split("\\."));
      from = close + 2;
    }
  }

  String render(JsonObject values) {
    StringBuilder out = new StringBuilder(literals.get(0));
    for (int i = 0; i < paths.size(); i++) {
      Object value = lookup(values, paths.get(i));
      if (!json) {
        out.append(value == null ? "" : value instanceof String text ? text : encode(value));
      } else if (inString.get(i)) {
        out.append(value == null ? "" : escape(value instanceof String text ? text : encode(value)));
      } else {
        out.append(value == null ? "null" : encode(value));
      }
      out.append(literals.get(i + 1));
    }
    return out.toString();
  }

  private static String encode(Object value) {
    return Json.encode(value instanceof JsonObject o ? o.getMap() : value instanceof JsonArray a ? a.getList() : value);
  }

  /** Whether a place in a JSON text is inside a string, followed through the template's literal parts. */
  private static final class JsonPosition {
    boolean inString;
    private boolean escaped;

    void read(String text, int from, int to) {
      for (int i = from; i < to; i++) {
        char c = text.charAt(i);
        if (escaped) {
          escaped = false;
        } else if (inString && c == '\\') {
          escaped = true;
        } else if (c == '"') {
          inString = !inString;
        }
      }
    }
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
