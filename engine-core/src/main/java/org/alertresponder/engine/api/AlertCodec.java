package org.alertresponder.engine.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.internal.JsonReader;
import org.alertresponder.engine.internal.ViolationOrder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Alerts and attributes to and from their JSON wire form (deepalert's snake_case names).
 *
 * <p>Decoding checks structure (each field has the right JSON type) and then every rule of
 * {@link AlertValidator}, and reports all broken rules at once. Unknown fields are ignored, as
 * deepalert did, so producers that add their own fields keep working.
 */
public final class AlertCodec {
  private AlertCodec() {
  }

  /**
   * Decodes and validates one alert.
   *
   * @param json a JSON object (a {@link JsonObject} or a {@code Map})
   * @return the alert, normalised (see {@link AlertValidator#normalize(Alert)})
   * @throws InvalidAlertException naming every broken rule
   */
  public static Alert decode(Object json) {
    return decode(json, "");
  }

  /** As {@link #decode(Object)}, with every violation's path prefixed (e.g. {@code [3]} in a batch). */
  public static Alert decode(Object json, String pathPrefix) {
    return decodeValid(json, pathPrefix).alert();
  }

  /**
   * As {@link #decode(Object, String)}, and says so in its type: the alert may go to
   * {@link AlertEngine#submitValid} without being validated again.
   */
  public static ValidAlert decodeValid(Object json, String pathPrefix) {
    JsonReader reader = new JsonReader();
    JsonObject object = reader.asObject(json, pathPrefix.isEmpty() ? "$" : pathPrefix);
    if (object == null) {
      throw new InvalidAlertException(reader.violations());
    }
    String prefix = pathPrefix.isEmpty() ? "" : pathPrefix + ".";
    String detector = reader.string(object, "detector", prefix + "detector");
    String ruleId = reader.string(object, "rule_id", prefix + "rule_id");
    String ruleName = reader.string(object, "rule_name", prefix + "rule_name");
    String alertKey = reader.string(object, "alert_key", prefix + "alert_key");
    String description = reader.string(object, "description", prefix + "description");
    Instant timestamp = reader.timestamp(object, "timestamp", prefix + "timestamp");
    List<Attribute> attributes = new ArrayList<>();
    JsonArray array = reader.array(object, "attributes", prefix + "attributes");
    if (array != null && array.size() <= AlertValidator.MAX_ATTRIBUTES) {
      for (int i = 0; i < array.size(); i++) {
        attributes.add(decodeAttribute(reader, array.getValue(i), prefix + "attributes[" + i + "]"));
      }
    } else if (array != null) {
      // Too many: keep the count for the validator's message without decoding thousands of items.
      for (int i = 0; i < array.size(); i++) {
        attributes.add(null);
      }
    }
    Alert alert = new Alert(detector, ruleId, ruleName, alertKey, description, timestamp, attributes,
        object.getValue("body"));
    List<Violation> all = new ArrayList<>(reader.violations());
    for (Violation violation : AlertValidator.violations(alert)) {
      String path = prefix + violation.path();
      if (!reader.hasViolationAt(path)) {
        all.add(new Violation(path, violation.rule(), violation.limit(), violation.message()));
      }
    }
    if (!all.isEmpty()) {
      all.sort(ViolationOrder.forPrefix(prefix));
      throw new InvalidAlertException(all);
    }
    return ValidAlert.checked(AlertValidator.normalize(alert));
  }

  /**
   * Decodes one attribute without validating its rules; type errors go to {@code reader}. Returns null
   * when the value is not an object at all.
   */
  public static Attribute decodeAttribute(JsonReader reader, Object json, String path) {
    JsonObject object = reader.asObject(json, path);
    if (object == null) {
      return null;
    }
    String type = reader.string(object, "type", path + ".type");
    String key = reader.string(object, "key", path + ".key");
    String value = reader.string(object, "value", path + ".value");
    List<String> context = reader.strings(object, "context", path + ".context");
    Instant timestamp = reader.timestamp(object, "timestamp", path + ".timestamp");
    return new Attribute(type, key, value, context, timestamp);
  }

  public static JsonObject encode(Alert alert) {
    JsonObject json = new JsonObject();
    json.put("detector", alert.detector());
    json.put("rule_id", alert.ruleId());
    putIfNotNull(json, "rule_name", alert.ruleName());
    putIfNotNull(json, "alert_key", alert.alertKey());
    putIfNotNull(json, "description", alert.description());
    if (alert.timestamp() != null) {
      json.put("timestamp", alert.timestamp().toString());
    }
    json.put("attributes", encodeAttributes(alert.attributes()));
    if (alert.body() != null) {
      json.put("body", alert.body());
    }
    return json;
  }

  public static JsonArray encodeAttributes(List<Attribute> attributes) {
    JsonArray array = new JsonArray();
    for (Attribute attribute : attributes) {
      array.add(encode(attribute));
    }
    return array;
  }

  public static JsonObject encode(Attribute attribute) {
    JsonObject json = new JsonObject()
        .put("type", attribute.type())
        .put("key", attribute.key())
        .put("value", attribute.value())
        .put("context", new JsonArray(new ArrayList<>(attribute.context())));
    if (attribute.timestamp() != null) {
      json.put("timestamp", attribute.timestamp().toString());
    }
    return json;
  }

  private static void putIfNotNull(JsonObject json, String field, String value) {
    if (value != null) {
      json.put(field, value);
    }
  }
}
