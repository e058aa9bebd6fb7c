package org.alertresponder.engine.api;

import org.alertresponder.engine.spi.Backoff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineConfigTest {

  @Test
  void defaultsAreThoseOfTheDesign() {
    EngineConfig config = EngineConfig.defaults();

    assertThat(config.aggregation().window()).isEqualTo(Duration.ofHours(3));
    assertThat(config.inspection().delay()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.inspection().maxDepth()).isEqualTo(3);
    assertThat(config.inspection().maxAttributes()).isEqualTo(500);
    assertThat(config.review().delay()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.review().early()).isFalse();
    assertThat(config.review().reviewer()).isEqualTo("default");
    assertThat(config.review().timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.emission().maxAttempts()).isEqualTo(6);
  }

  static Stream<Object[]> badSettings() {
    return Stream.<Object[]>of(
        bad(b -> b.aggregationWindow(Duration.ZERO), "aggregation.window must be a positive duration, was 0s"),
        bad(b -> b.aggregationWindow(Duration.ofHours(-3)), "aggregation.window must be a positive duration, was -3h"),
        bad(b -> b.aggregationWindow(null), "aggregation.window must be a positive duration, was null"),
        bad(b -> b.aggregationInstances(0), "aggregation.instances must be at least 1, was 0"),
        bad(b -> b.inspectionDelay(Duration.ofMillis(-1500)),
            "inspection.delay must be zero or a positive duration, was -1500ms"),
        bad(b -> b.maxDepth(-1), "inspection.max-depth must be at least 0, was -1"),
        bad(b -> b.maxAttributes(0), "inspection.max-attributes must be at least 1, was 0"),
        bad(b -> b.reviewDelay(Duration.ofMinutes(-5)), "review.delay must be zero or a positive duration, was -5m"),
        bad(b -> b.reviewer("Default Reviewer"), "review.reviewer name must be a lower-case word of at most 64 "
            + "characters matching [a-z][a-z0-9_-]*, was \"Default Reviewer\""),
        bad(b -> b.reviewer(null), "review.reviewer name must be a lower-case word of at most 64 "
            + "characters matching [a-z][a-z0-9_-]*, was null"),
        bad(b -> b.reviewTimeout(Duration.ZERO), "review.timeout must be a positive duration, was 0s"),
        bad(b -> b.reviewMaxAttempts(0), "review.max-attempts must be at least 1, was 0"),
        bad(b -> b.emissionMaxAttempts(-2), "emission.max-attempts must be at least 1, was -2"),
        bad(b -> b.pollInterval(Duration.ofSeconds(-1)),
            "timers.poll-interval must be zero or a positive duration, was -1s"),
        bad(b -> b.timerLease(Duration.ZERO), "timers.lease must be a positive duration, was 0s"),
        bad(b -> b.batchSize(0), "timers.batch-size must be at least 1, was 0"),
        bad(b -> b.reviewBackoff(null), "review.backoff is required"),
        bad(b -> b.emissionBackoff(null), "emission.backoff is required"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badSettings")
  void rejectsABadSettingNamingItsKey(UnaryOperator<EngineConfig.Builder> change, String message) {
    assertThatThrownBy(() -> change.apply(EngineConfig.builder()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void acceptsZeroDelaysAndDepth() {
    EngineConfig config = EngineConfig.builder().inspectionDelay(Duration.ZERO).reviewDelay(Duration.ZERO)
        .maxDepth(0).pollInterval(Duration.ZERO).build();

    assertThat(config.inspection().delay()).isZero();
    assertThat(config.review().delay()).isZero();
    assertThat(config.inspection().maxDepth()).isZero();
    assertThat(config.timers().pollInterval()).isZero();
  }

  @Test
  void toBuilderKeepsEverySetting() {
    EngineConfig config = EngineConfig.builder().aggregationWindow(Duration.ofHours(1)).aggregationInstances(4)
        .inspectionDelay(Duration.ofMinutes(1)).maxDepth(5).maxAttributes(50).reviewDelay(Duration.ofMinutes(2))
        .reviewEarly(true).reviewer("policy").reviewTimeout(Duration.ofSeconds(5)).reviewMaxAttempts(2)
        .reviewBackoff(Backoff.of(Duration.ofMillis(100), Duration.ofSeconds(1))).emissionMaxAttempts(9)
        .emissionBackoff(Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(2))).pollInterval(Duration.ZERO)
        .timerLease(Duration.ofMinutes(7)).batchSize(10).build();

    assertThat(config.toBuilder().build()).isEqualTo(config);
  }

  @Test
  void timerLeaseIsTheConfiguredLeaseWhenItCoversTheReview() {
    // 3 × 30s + 1m + 1s + 2s = 2m33s < 5m
    assertThat(EngineConfig.defaults().timerLease()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void timerLeaseGrowsToFitTheReviewsWorstCase() {
    EngineConfig config = EngineConfig.builder().reviewTimeout(Duration.ofMinutes(5)).build();

    // 3 × 5m + 10s + 1s + 2s
    assertThat(config.timerLease()).isEqualTo(Duration.ofMinutes(15).plusSeconds(13));
  }

  private static Object[] bad(UnaryOperator<EngineConfig.Builder> change, String message) {
    return new Object[] {change, message};
  }
}
