package org.alertresponder.engine.api;

import org.alertresponder.engine.internal.FrozenJson;
import org.alertresponder.engine.internal.Hashing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A security alert as a detector sends it, in deepalert's wire shape.
 *
 * <p>Only {@code detector} and {@code rule_id} are required. Alerts of the same detector, rule and
 * {@code alert_key} aggregate into one report (see {@link #groupKey()}). The record is immutable: the
 * free-form {@code body} is kept as a frozen JSON value.
 *
 * @param detector    the product that raised the alert, e.g. "guardduty"
 * @param ruleId      the detector's rule identifier
 * @param ruleName    a human-readable rule name, or null
 * @param alertKey    what the alert is about (an instance id, a user); alerts with the same key join
 * @param description free text, or null
 * @param timestamp   when the detector saw it; null means "now" at acceptance
 * @param attributes  the values to inspect
 * @param body        the original detector payload: any JSON value, or null
 */
public record Alert(String detector, String ruleId, String ruleName, String alertKey, String description,
                    Instant timestamp, List<Attribute> attributes, Object body) {

  public Alert {
    // A decoded alert may hold nulls (items that were not objects) for the validator to report, which
    // List.copyOf refuses; without them the compact immutable copy is kept.
    attributes = attributes == null ? List.of() : Attribute.hasNull(attributes)
        ? Collections.unmodifiableList(new ArrayList<>(attributes)) : List.copyOf(attributes);
    body = FrozenJson.freeze(body);
  }

  public static Builder builder(String detector, String ruleId) {
    return new Builder(detector, ruleId);
  }

  /** SHA-256 over the length-prefixed detector, rule id and alert key (an absent key counts as ""). */
  public String groupKey() {
    return Hashing.start().field(detector).field(ruleId).field(alertKey).hex();
  }

  public Alert withTimestamp(Instant newTimestamp) {
    return new Alert(detector, ruleId, ruleName, alertKey, description, newTimestamp, attributes, body);
  }

  public Alert withAttributes(List<Attribute> newAttributes) {
    return new Alert(detector, ruleId, ruleName, alertKey, description, timestamp, newAttributes, body);
  }

  /** Builds alerts in code; {@link AlertEngine#submit(Alert)} validates them like any other input. */
  public static final class Builder {
    private final String detector;
    private final String ruleId;
    private String ruleName;
    private String alertKey;
    private String description;
    private Instant timestamp;
    private final List<Attribute> attributes = new ArrayList<>();
    private Object body;

    private Builder(String detector, String ruleId) {
      this.detector = detector;
      this.ruleId = ruleId;
    }

    public Builder ruleName(String value) {
      this.ruleName = value;
      return this;
    }

    public Builder alertKey(String value) {
      this.alertKey = value;
      return this;
    }

    public Builder description(String value) {
      this.description = value;
      return this;
    }

    public Builder timestamp(Instant value) {
      this.timestamp = value;
      return this;
    }

    public Builder attribute(Attribute value) {
      this.attributes.add(value);
      return this;
    }

    public Builder attribute(String type, String key, String value, String... context) {
      return attribute(Attribute.of(type, key, value, context));
    }

    public Builder body(Object value) {
      this.body = value;
      return this;
    }

    public Alert build() {
      return new Alert(detector, ruleId, ruleName, alertKey, description, timestamp, attributes, body);
    }
  }
}
