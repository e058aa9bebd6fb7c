package org.alertresponder.engine.internal;

import org.alertresponder.engine.spi.RateLimit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  @Test
  void startsWithAFullBurst() {
    TokenBucket bucket = new TokenBucket(RateLimit.perSecond(2), T0);

    assertThat(bucket.available(T0)).isEqualTo(2);
    assertThat(bucket.reserve(T0)).isEqualTo(T0);
    assertThat(bucket.reserve(T0)).isEqualTo(T0);
    assertThat(bucket.available(T0)).isZero();
  }

  @Test
  void refillsContinuouslyUpToTheBurst() {
    TokenBucket bucket = new TokenBucket(RateLimit.perSecond(2), T0);
    bucket.reserve(T0);
    bucket.reserve(T0);

    assertThat(bucket.available(T0.plusMillis(499))).isZero();
    assertThat(bucket.available(T0.plusMillis(500))).isEqualTo(1);
    assertThat(bucket.available(T0.plusSeconds(1))).isEqualTo(2);
    assertThat(bucket.available(T0.plusSeconds(60))).isEqualTo(2);
  }

  @Test
  void reservingIntoDebtReturnsALaterInstant() {
    TokenBucket bucket = new TokenBucket(RateLimit.of(3, Duration.ofMinutes(1)), T0);

    assertThat(bucket.reserve(T0)).isEqualTo(T0);
    assertThat(bucket.reserve(T0)).isEqualTo(T0);
    assertThat(bucket.reserve(T0)).isEqualTo(T0);
    assertThat(bucket.reserve(T0)).isEqualTo(T0.plusSeconds(20));
    assertThat(bucket.reserve(T0)).isEqualTo(T0.plusSeconds(40));
    assertThat(bucket.reserve(T0)).isEqualTo(T0.plusSeconds(60));
  }

  @Test
  void debtIsPaidBackBeforeNewPermits() {
    TokenBucket bucket = new TokenBucket(RateLimit.of(3, Duration.ofMinutes(1)), T0);
    for (int i = 0; i < 5; i++) {
      bucket.reserve(T0);
    }

    assertThat(bucket.available(T0.plusSeconds(40))).isZero();
    assertThat(bucket.available(T0.plusSeconds(60))).isEqualTo(1);
  }

  @Test
  void nextPermitAtIsNowWhileTokensRemain() {
    TokenBucket bucket = new TokenBucket(RateLimit.perSecond(2), T0);

    assertThat(bucket.nextPermitAt(T0)).isEqualTo(T0);
    bucket.reserve(T0);
    assertThat(bucket.nextPermitAt(T0)).isEqualTo(T0);
  }

  @Test
  void nextPermitAtAccountsForDebt() {
    TokenBucket bucket = new TokenBucket(RateLimit.perSecond(2), T0);
    bucket.reserve(T0);
    bucket.reserve(T0);

    assertThat(bucket.nextPermitAt(T0)).isEqualTo(T0.plusMillis(500));
    assertThat(bucket.reserve(T0)).isEqualTo(T0.plusMillis(500));
    assertThat(bucket.nextPermitAt(T0)).isEqualTo(T0.plusSeconds(1));
    assertThat(bucket.nextPermitAt(T0.plusMillis(250))).isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void timeGoingBackwardsDoesNotRefill() {
    TokenBucket bucket = new TokenBucket(RateLimit.perSecond(1), T0);
    bucket.reserve(T0);

    assertThat(bucket.available(T0.minusSeconds(10))).isZero();
    assertThat(bucket.available(T0.plusSeconds(1))).isEqualTo(1);
  }
}
