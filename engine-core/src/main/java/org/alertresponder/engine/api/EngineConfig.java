package org.alertresponder.engine.api;

import org.alertresponder.engine.spi.Backoff;

import java.time.Duration;

/**
 * The engine's settings, with the defaults of DESIGN §3. Build with {@link #builder()}; every setting
 * is validated when built.
 */
public record EngineConfig(Intake intake, Aggregation aggregation, Inspection inspection, Review review,
                           Emission emission, Timers timers) {

  /**
   * @param maxBacklog alerts being stored plus inspections waiting in the queues, beyond which new alerts
   *                   are refused with {@link BacklogFullException} (default 100,000)
   */
  public record Intake(long maxBacklog) {
  }

  /**
   * @param window    an alert joins its group's report while it is younger than this (default 3h)
   * @param instances aggregation verticle instances (default 1)
   */
  public record Aggregation(Duration window, int instances) {
  }

  /**
   * @param delay         from an alert's acceptance to the inspection of its attributes (default 5m)
   * @param maxDepth      correlation depth bound (default 3)
   * @param maxAttributes attributes per report bound (default 500)
   */
  public record Inspection(Duration delay, int maxDepth, int maxAttributes) {
  }

  /**
   * @param delay       from a report's creation (or its re-opening) to its review (default 10m)
   * @param early       review as soon as every inspection has settled (default false)
   * @param reviewer    the reviewer's name: it listens on {@code alertresponder.reviewer.<name>}
   * @param timeout     per reviewer call (default 30s)
   * @param maxAttempts reviewer calls before the verdict falls back to unclassified (default 3)
   * @param backoff     between reviewer calls (default 1s doubling to 30s)
   */
  public record Review(Duration delay, boolean early, String reviewer, Duration timeout, int maxAttempts,
                       Backoff backoff) {
  }

  /**
   * @param maxAttempts delivery attempts before a dead letter (default 6)
   * @param backoff     between attempts (default 10s doubling to 10m)
   */
  public record Emission(int maxAttempts, Backoff backoff) {
  }

  /**
   * @param pollInterval how often work sources are polled for work other instances queued (default 1s;
   *                     zero: only when this instance queues work or a wake-up is due)
   * @param lease        how long a claimed timer stays invisible to other claims (default 5m, raised
   *                     to fit the review's worst case)
   * @param batchSize    items claimed per round at most (default 256)
   * @param maxInFlight  timers being handled at once at most (default 1024); more wait in the queue
   */
  public record Timers(Duration pollInterval, Duration lease, int batchSize, int maxInFlight) {
  }

  public static EngineConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.maxBacklog = intake.maxBacklog;
    builder.window = aggregation.window;
    builder.aggregationInstances = aggregation.instances;
    builder.inspectionDelay = inspection.delay;
    builder.maxDepth = inspection.maxDepth;
    builder.maxAttributes = inspection.maxAttributes;
    builder.reviewDelay = review.delay;
    builder.reviewEarly = review.early;
    builder.reviewer = review.reviewer;
    builder.reviewTimeout = review.timeout;
    builder.reviewMaxAttempts = review.maxAttempts;
    builder.reviewBackoff = review.backoff;
    builder.emissionMaxAttempts = emission.maxAttempts;
    builder.emissionBackoff = emission.backoff;
    builder.pollInterval = timers.pollInterval;
    builder.lease = timers.lease;
    builder.batchSize = timers.batchSize;
    builder.timersInFlight = timers.maxInFlight;
    return builder;
  }

  /** The lease a claimed timer needs: long enough for a review's every attempt, plus ten seconds. */
  public Duration timerLease() {
    Duration worstReview = review.timeout.multipliedBy(review.maxAttempts).plusSeconds(10);
    for (int retry = 1; retry < review.maxAttempts; retry++) {
      worstReview = worstReview.plus(review.backoff.delayBefore(retry));
    }
    return worstReview.compareTo(timers.lease) > 0 ? worstReview : timers.lease;
  }

  /** Builds an {@link EngineConfig}; unset settings keep their defaults. */
  public static final class Builder {
    private long maxBacklog = 100_000;
    private Duration window = Duration.ofHours(3);
    private int aggregationInstances = 1;
    private Duration inspectionDelay = Duration.ofMinutes(5);
    private int maxDepth = 3;
    private int maxAttributes = 500;
    private Duration reviewDelay = Duration.ofMinutes(10);
    private boolean reviewEarly;
    private String reviewer = "default";
    private Duration reviewTimeout = Duration.ofSeconds(30);
    private int reviewMaxAttempts = 3;
    private Backoff reviewBackoff = Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(30));
    private int emissionMaxAttempts = 6;
    private Backoff emissionBackoff = Backoff.of(Duration.ofSeconds(10), Duration.ofMinutes(10));
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration lease = Duration.ofMinutes(5);
    private int batchSize = 256;
    private int timersInFlight = 1024;

    private Builder() {
    }

    public Builder maxBacklog(long value) {
      maxBacklog = value;
      return this;
    }

    public Builder aggregationWindow(Duration value) {
      window = value;
      return this;
    }

    public Builder aggregationInstances(int value) {
      aggregationInstances = value;
      return this;
    }

    public Builder inspectionDelay(Duration value) {
      inspectionDelay = value;
      return this;
    }

    public Builder maxDepth(int value) {
      maxDepth = value;
      return this;
    }

    public Builder maxAttributes(int value) {
      maxAttributes = value;
      return this;
    }

    public Builder reviewDelay(Duration value) {
      reviewDelay = value;
      return this;
    }

    public Builder reviewEarly(boolean value) {
      reviewEarly = value;
      return this;
    }

    public Builder reviewer(String value) {
      reviewer = value;
      return this;
    }

    public Builder reviewTimeout(Duration value) {
      reviewTimeout = value;
      return this;
    }

    public Builder reviewMaxAttempts(int value) {
      reviewMaxAttempts = value;
      return this;
    }

    public Builder reviewBackoff(Backoff value) {
      reviewBackoff = value;
      return this;
    }

    public Builder emissionMaxAttempts(int value) {
      emissionMaxAttempts = value;
      return this;
    }

    public Builder emissionBackoff(Backoff value) {
      emissionBackoff = value;
      return this;
    }

    public Builder pollInterval(Duration value) {
      pollInterval = value;
      return this;
    }

    public Builder timerLease(Duration value) {
      lease = value;
      return this;
    }

    public Builder batchSize(int value) {
      batchSize = value;
      return this;
    }

    public Builder timersInFlight(int value) {
      timersInFlight = value;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the setting, the expectation and the value found
     */
    public EngineConfig build() {
      if (maxBacklog < 1) {
        throw new IllegalArgumentException("intake.max-backlog must be at least 1, was " + maxBacklog);
      }
      positive("aggregation.window", window);
      atLeast("aggregation.instances", aggregationInstances, 1);
      notNegative("inspection.delay", inspectionDelay);
      atLeast("inspection.max-depth", maxDepth, 0);
      atLeast("inspection.max-attributes", maxAttributes, 1);
      notNegative("review.delay", reviewDelay);
      org.alertresponder.engine.spi.PluginNames.require("review.reviewer", reviewer);
      positive("review.timeout", reviewTimeout);
      atLeast("review.max-attempts", reviewMaxAttempts, 1);
      present("review.backoff", reviewBackoff);
      present("emission.backoff", emissionBackoff);
      atLeast("emission.max-attempts", emissionMaxAttempts, 1);
      notNegative("timers.poll-interval", pollInterval);
      positive("timers.lease", lease);
      atLeast("timers.batch-size", batchSize, 1);
      atLeast("timers.max-in-flight", timersInFlight, 1);
      return new EngineConfig(new Intake(maxBacklog), new Aggregation(window, aggregationInstances),
          new Inspection(inspectionDelay, maxDepth, maxAttributes),
          new Review(reviewDelay, reviewEarly, reviewer, reviewTimeout, reviewMaxAttempts, reviewBackoff),
          new Emission(emissionMaxAttempts, emissionBackoff),
          new Timers(pollInterval, lease, batchSize, timersInFlight));
    }

    private static void positive(String key, Duration value) {
      if (value == null || value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException(key + " must be a positive duration, was "
            + (value == null ? "null" : Durations.format(value)));
      }
    }

    private static void notNegative(String key, Duration value) {
      if (value == null || value.isNegative()) {
        throw new IllegalArgumentException(key + " must be zero or a positive duration, was "
            + (value == null ? "null" : Durations.format(value)));
      }
    }

    private static void present(String key, Object value) {
      if (value == null) {
        throw new IllegalArgumentException(key + " is required");
      }
    }

    private static void atLeast(String key, int value, int min) {
      if (value < min) {
        throw new IllegalArgumentException(key + " must be at least " + min + ", was " + value);
      }
    }
  }
}
