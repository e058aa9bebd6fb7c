package org.alertresponder.engine.spi;

import org.alertresponder.engine.api.Attribute;

import java.time.Duration;
import java.util.Set;

/**
 * How the engine runs one inspector: which attributes it receives and how it is protected.
 *
 * @param name          unique among inspectors; the inspector listens on
 *                      {@code alertresponder.inspector.<name>}
 * @param types         attribute types it handles (never empty)
 * @param contexts      if not empty, only attributes with at least one of these context words
 * @param timeout       per call (default 30s)
 * @param maxAttempts   calls per attribute including retries (default 3)
 * @param backoff       between retries of retryable failures (default 1s doubling to 30s)
 * @param concurrency   calls in flight at most (default 16)
 * @param rateLimit     calls per period at most, or null; excess work waits in the queue
 * @param cacheTtl      how long a result is reused for the same type and value, across reports
 *                      (default 10m; zero disables the cache)
 */
public record InspectorSpec(String name, Set<String> types, Set<String> contexts, Duration timeout, int maxAttempts,
                            Backoff backoff, int concurrency, RateLimit rateLimit, Duration cacheTtl) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  public static final Backoff DEFAULT_BACKOFF = Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(30));
  public static final int DEFAULT_CONCURRENCY = 16;
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(10);

  public InspectorSpec {
    PluginNames.require("inspector", name);
    types = Set.copyOf(types);
    contexts = contexts == null ? Set.of() : Set.copyOf(contexts);
    if (types.isEmpty()) {
      throw new IllegalArgumentException("inspector " + name + " must declare at least one attribute type");
    }
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("inspector " + name + ": timeout must be positive, was " + timeout);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("inspector " + name + ": max attempts must be at least 1, was " + maxAttempts);
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("inspector " + name + ": concurrency must be at least 1, was " + concurrency);
    }
    if (cacheTtl.isNegative()) {
      throw new IllegalArgumentException("inspector " + name + ": cache TTL must not be negative, was " + cacheTtl);
    }
  }

  /** An inspector of these attribute types with every default. */
  public static InspectorSpec of(String name, String... types) {
    return new InspectorSpec(name, Set.of(types), Set.of(), DEFAULT_TIMEOUT, DEFAULT_MAX_ATTEMPTS, DEFAULT_BACKOFF,
        DEFAULT_CONCURRENCY, null, DEFAULT_CACHE_TTL);
  }

  /** True when this inspector wants the attribute. */
  public boolean handles(Attribute attribute) {
    if (!types.contains(attribute.type())) {
      return false;
    }
    if (contexts.isEmpty()) {
      return true;
    }
    for (String word : attribute.context()) {
      if (contexts.contains(word)) {
        return true;
      }
    }
    return false;
  }

  public InspectorSpec withContexts(String... value) {
    return new InspectorSpec(name, types, Set.of(value), timeout, maxAttempts, backoff, concurrency, rateLimit,
        cacheTtl);
  }

  public InspectorSpec withTimeout(Duration value) {
    return new InspectorSpec(name, types, contexts, value, maxAttempts, backoff, concurrency, rateLimit, cacheTtl);
  }

  public InspectorSpec withMaxAttempts(int value) {
    return new InspectorSpec(name, types, contexts, timeout, value, backoff, concurrency, rateLimit, cacheTtl);
  }

  public InspectorSpec withBackoff(Backoff value) {
    return new InspectorSpec(name, types, contexts, timeout, maxAttempts, value, concurrency, rateLimit, cacheTtl);
  }

  public InspectorSpec withConcurrency(int value) {
    return new InspectorSpec(name, types, contexts, timeout, maxAttempts, backoff, value, rateLimit, cacheTtl);
  }

  public InspectorSpec withRateLimit(RateLimit value) {
    return new InspectorSpec(name, types, contexts, timeout, maxAttempts, backoff, concurrency, value, cacheTtl);
  }

  public InspectorSpec withCacheTtl(Duration value) {
    return new InspectorSpec(name, types, contexts, timeout, maxAttempts, backoff, concurrency, rateLimit, value);
  }

  /**
   * How long a claimed work item stays invisible to other workers: long enough for every attempt to
   * time out, every backoff to pass and, with a rate limit, every retry to wait for its permit behind
   * a full set of concurrent calls; plus ten seconds of slack.
   */
  public Duration workLease() {
    Duration total = timeout.multipliedBy(maxAttempts).plusSeconds(10);
    for (int retry = 1; retry < maxAttempts; retry++) {
      total = total.plus(backoff.delayBefore(retry));
      if (rateLimit != null) {
        long periods = (concurrency + rateLimit.permits() - 1) / rateLimit.permits();
        total = total.plus(rateLimit.period().multipliedBy(periods));
      }
    }
    return total;
  }
}
