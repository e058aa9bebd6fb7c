package org.alertresponder.engine.spi;

import java.util.regex.Pattern;

/** The rule for plugin names, which become part of event-bus addresses and delivery ids. */
public final class PluginNames {
  public static final Pattern PATTERN = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

  private PluginNames() {
  }

  public static String require(String kind, String name) {
    if (name == null || !PATTERN.matcher(name).matches()) {
      throw new IllegalArgumentException(kind + " name must be a lower-case word of at most 64 characters "
          + "matching [a-z][a-z0-9_-]*, was " + (name == null ? "null" : "\"" + name + "\""));
    }
    return name;
  }
}
