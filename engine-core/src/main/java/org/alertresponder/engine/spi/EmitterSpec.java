package org.alertresponder.engine.spi;

import java.time.Duration;

/**
 * How the engine runs one emitter.
 *
 * @param name        unique among emitters; the emitter listens on {@code alertresponder.emitter.<name>}
 * @param filter      which publications it receives
 * @param timeout     per delivery attempt (default 30s)
 * @param concurrency deliveries in flight at most (default 4)
 */
public record EmitterSpec(String name, EmitterFilter filter, Duration timeout, int concurrency) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_CONCURRENCY = 4;

  public EmitterSpec {
    PluginNames.require("emitter", name);
    filter = filter == null ? EmitterFilter.all() : filter;
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("emitter " + name + ": timeout must be positive, was " + timeout);
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("emitter " + name + ": concurrency must be at least 1, was " + concurrency);
    }
  }

  public static EmitterSpec of(String name) {
    return new EmitterSpec(name, EmitterFilter.all(), DEFAULT_TIMEOUT, DEFAULT_CONCURRENCY);
  }

  public EmitterSpec withFilter(EmitterFilter value) {
    return new EmitterSpec(name, value, timeout, concurrency);
  }

  public EmitterSpec withTimeout(Duration value) {
    return new EmitterSpec(name, filter, value, concurrency);
  }

  public EmitterSpec withConcurrency(int value) {
    return new EmitterSpec(name, filter, timeout, value);
  }
}
