package org.alertresponder.engine.spi;

import java.time.Duration;

/**
 * Exponential backoff: the first retry waits {@code initial}, each later one twice the previous, never
 * more than {@code max}.
 */
public record Backoff(Duration initial, Duration max) {
  public Backoff {
    if (initial.isNegative() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff needs 0 <= initial <= max, was " + initial + " and " + max);
    }
  }

  public static Backoff of(Duration initial, Duration max) {
    return new Backoff(initial, max);
  }

  /** The wait before retry number {@code retry} (1 for the first retry). */
  public Duration delayBefore(int retry) {
    if (retry <= 1) {
      return initial;
    }
    long millis = initial.toMillis();
    if (millis == 0) {
      return Duration.ZERO;
    }
    for (int i = 1; i < retry; i++) {
      if (millis >= max.toMillis() / 2 + 1) {
        return max;
      }
      millis *= 2;
    }
    return millis > max.toMillis() ? max : Duration.ofMillis(millis);
  }
}
