package org.alertresponder.engine.internal;

import org.alertresponder.engine.spi.RateLimit;

import java.time.Duration;
import java.time.Instant;

/**
 * A rate limit as a token bucket refilled continuously: {@code permits} per {@code period}, with a
 * burst of at most {@code permits}. Reservations may run into debt, which makes later callers wait
 * longer instead of failing. Time is passed in; confine an instance to one thread.
 */
public final class TokenBucket {
  private final double capacity;
  private final double permitsPerNano;
  private double tokens;
  private Instant refilledAt;

  public TokenBucket(RateLimit limit, Instant now) {
    this.capacity = limit.permits();
    this.permitsPerNano = limit.permits() / (double) limit.period().toNanos();
    this.tokens = capacity;
    this.refilledAt = now;
  }

  /** Whole permits available now. */
  public int available(Instant now) {
    refill(now);
    return tokens < 1 ? 0 : (int) Math.floor(tokens);
  }

  /** Takes one permit and returns when the caller may use it (now, or later if in debt). */
  public Instant reserve(Instant now) {
    refill(now);
    tokens -= 1;
    if (tokens >= 0) {
      return now;
    }
    return now.plusNanos((long) Math.ceil(-tokens / permitsPerNano));
  }

  /** When at least one whole permit will be available. */
  public Instant nextPermitAt(Instant now) {
    refill(now);
    if (tokens >= 1) {
      return now;
    }
    return now.plusNanos((long) Math.ceil((1 - tokens) / permitsPerNano));
  }

  private void refill(Instant now) {
    if (now.isAfter(refilledAt)) {
      long nanos = Duration.between(refilledAt, now).toNanos();
      tokens = Math.min(capacity, tokens + nanos * permitsPerNano);
      refilledAt = now;
    }
  }
}
