package org.alertresponder.engine.spi;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {
  private final Backoff backoff = Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(30));

  @Test
  void doublesFromTheInitialDelay() {
    assertThat(backoff.delayBefore(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.delayBefore(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.delayBefore(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(backoff.delayBefore(4)).isEqualTo(Duration.ofSeconds(8));
    assertThat(backoff.delayBefore(5)).isEqualTo(Duration.ofSeconds(16));
  }

  @Test
  void isCappedAtTheMaximum() {
    assertThat(backoff.delayBefore(6)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.delayBefore(7)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void hugeRetryNumbersStayAtTheMaximum() {
    assertThat(backoff.delayBefore(31)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.delayBefore(64)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.delayBefore(1_000_000)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.delayBefore(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void largeInitialDelaysDoNotOverflow() {
    Backoff slow = Backoff.of(Duration.ofMinutes(10), Duration.ofDays(1));

    assertThat(slow.delayBefore(Integer.MAX_VALUE)).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void anInitialDelayOfMonthsStaysAtTheMaximumInsteadOfWrappingToZero() {
    Backoff glacial = Backoff.of(Duration.ofDays(200), Duration.ofDays(365));

    assertThat(glacial.delayBefore(2)).isEqualTo(Duration.ofDays(365));
    assertThat(glacial.delayBefore(40)).isEqualTo(Duration.ofDays(365));
  }

  @Test
  void aZeroInitialDelayWithALargeRetryNumberAnswersAtOnce() {
    assertThat(Backoff.of(Duration.ZERO, Duration.ofSeconds(1)).delayBefore(Integer.MAX_VALUE)).isZero();
  }

  @Test
  void retryZeroOrLessWaitsTheInitialDelay() {
    assertThat(backoff.delayBefore(0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.delayBefore(-3)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void zeroInitialDelayNeverWaits() {
    assertThat(Backoff.of(Duration.ZERO, Duration.ZERO).delayBefore(10)).isZero();
  }

  @Test
  void rejectsAMaximumBelowTheInitialDelay() {
    assertThatThrownBy(() -> Backoff.of(Duration.ofSeconds(10), Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("backoff needs 0 <= initial <= max, was PT10S and PT5S");
  }

  @Test
  void rejectsANegativeInitialDelay() {
    assertThatThrownBy(() -> Backoff.of(Duration.ofSeconds(-1), Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
