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
    int shift = Math.min(retry - 1, 30);
    long millis = initial.toMillis() << shift;
    if (millis < 0 || millis > max.toMillis()) {
      return max;
    }
    return Duration.ofMillis(millis);
  }
}
