package org.alertresponder.engine.spi;

import java.time.Duration;

/** At most {@code permits} calls per {@code period}; work beyond it waits in the queue. */
public record RateLimit(int permits, Duration period) {
  public RateLimit {
    if (permits < 1 || period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("a rate limit needs at least 1 permit per positive period");
    }
  }

  public static RateLimit perSecond(int permits) {
    return new RateLimit(permits, Duration.ofSeconds(1));
  }

  public static RateLimit of(int permits, Duration period) {
    return new RateLimit(permits, period);
  }
}
