package org.alertresponder.engine.api;

import java.util.Locale;

/** A reviewer's verdict, ordered from least to most serious. */
public enum Severity {
  SAFE("safe"),
  UNCLASSIFIED("unclassified"),
  URGENT("urgent");

  private final String wireName;

  Severity(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }

  /**
   * Parses a wire name. An empty or null severity is {@link #UNCLASSIFIED}, as in deepalert.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static Severity fromWire(String value) {
    if (value == null || value.isEmpty()) {
      return UNCLASSIFIED;
    }
    for (Severity severity : values()) {
      if (severity.wireName.equals(value.toLowerCase(Locale.ROOT))) {
        return severity;
      }
    }
    throw new IllegalArgumentException("unknown severity \"" + value + "\"; expected safe, unclassified or urgent");
  }

  @Override
  public String toString() {
    return wireName;
  }
}
