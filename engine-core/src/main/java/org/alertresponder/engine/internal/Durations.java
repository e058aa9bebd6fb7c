package org.alertresponder.engine.internal;

import java.time.Duration;

/** Durations in the short form operators write in configuration: 30s, 5m, 3h, 250ms. */
public final class Durations {
  private Durations() {
  }

  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis == 0) {
      return "0s";
    }
    if (millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return millis + "ms";
  }
}
