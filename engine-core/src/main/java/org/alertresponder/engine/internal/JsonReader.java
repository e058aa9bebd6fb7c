package org.alertresponder.engine.internal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Violation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads fields out of untrusted JSON, recording a {@link Violation} for every field of the wrong type
 * instead of throwing at the first one, so that a caller can report all problems at once.
 */
public final class JsonReader {
  private final List<Violation> violations = new ArrayList<>();

  public List<Violation> violations() {
    return violations;
  }

  public boolean hasViolationAt(String path) {
    for (Violation violation : violations) {
      if (violation.path().equals(path)) {
        return true;
      }
    }
    return false;
  }

  public void add(Violation violation) {
    violations.add(violation);
  }

  /** The object itself, or null (with a violation) when the value is not a JSON object. */
  public JsonObject asObject(Object value, String path) {
    if (value instanceof JsonObject object) {
      return object;
    }
    if (value instanceof Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> cast = (Map<String, Object>) map;
      return new JsonObject(cast);
    }
    typeViolation(path, "an object", value);
    return null;
  }

  public String string(JsonObject object, String field, String path) {
    Object value = object.getValue(field);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    typeViolation(path, "a string", value);
    return null;
  }

  public Integer integer(JsonObject object, String field, String path) {
    Object value = object.getValue(field);
    if (value == null) {
      return null;
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return ((Number) value).intValue();
    }
    typeViolation(path, "an integer", value);
    return null;
  }

  public JsonArray array(JsonObject object, String field, String path) {
    Object value = object.getValue(field);
    if (value == null || value instanceof JsonArray) {
      return (JsonArray) value;
    }
    typeViolation(path, "an array", value);
    return null;
  }

  public JsonObject object(JsonObject object, String field, String path) {
    Object value = object.getValue(field);
    if (value == null || value instanceof JsonObject) {
      return (JsonObject) value;
    }
    typeViolation(path, "an object", value);
    return null;
  }

  /** A list of strings; non-string items are reported and kept as null so indexes stay stable. */
  public List<String> strings(JsonObject object, String field, String path) {
    JsonArray array = array(object, field, path);
    if (array == null) {
      return null;
    }
    List<String> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      Object item = array.getValue(i);
      if (item instanceof String s) {
        out.add(s);
      } else {
        typeViolation(path + "[" + i + "]", "a string", item);
        out.add(null);
      }
    }
    return out;
  }

  /** An RFC 3339 date-time with an offset, as an instant; null (with a violation) when malformed. */
  public Instant timestamp(JsonObject object, String field, String path) {
    String text = string(object, field, path);
    if (text == null) {
      return null;
    }
    Instant parsed = parseTimestamp(text);
    if (parsed == null) {
      violations.add(new Violation(path, Violation.FORMAT, null,
          "must be an RFC 3339 date-time with an offset, like 2026-11-27T10:00:00Z, was \"" + clip(text) + "\""));
    }
    return parsed;
  }

  /**
   * Parses RFC 3339 text ("2026-11-27T10:00:00Z", "2026-11-27T11:00:00.5+01:00"), or returns null.
   * Seconds and an offset (Z or ±hh:mm) are required; leap seconds are not representable and refused.
   */
  public static Instant parseTimestamp(String text) {
    return Rfc3339.parse(text);
  }

  public void typeViolation(String path, String expected, Object actual) {
    violations.add(new Violation(path, Violation.TYPE, null, "must be " + expected + ", was " + describe(actual)));
  }

  /** How a JSON value reads in a message: "a string", "a number", "an array", ... */
  public static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    if (value instanceof Number) {
      return "a number";
    }
    if (value instanceof JsonArray || value instanceof List<?>) {
      return "an array";
    }
    if (value instanceof JsonObject || value instanceof Map<?, ?>) {
      return "an object";
    }
    return value.getClass().getSimpleName();
  }

  private static String clip(String value) {
    return value.length() <= 64 ? value : value.substring(0, 61) + "...";
  }
}
