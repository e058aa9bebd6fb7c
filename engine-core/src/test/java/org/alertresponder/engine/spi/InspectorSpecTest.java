package org.alertresponder.engine.spi;

import org.alertresponder.engine.api.Attribute;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InspectorSpecTest {
  private static final Attribute REMOTE_IP = Attribute.of("ipaddr", "source address", "198.51.100.7", "remote");
  private static final Attribute LOCAL_IP = Attribute.of("ipaddr", "destination", "10.0.0.5", "local", "server");
  private static final Attribute BARE_IP = Attribute.of("ipaddr", "", "10.0.0.6");
  private static final Attribute DOMAIN = Attribute.of("domain", "", "example.com", "remote");

  @Test
  void handlesOnlyItsTypes() {
    InspectorSpec spec = InspectorSpec.of("reputation", "ipaddr");

    assertThat(spec.handles(REMOTE_IP)).isTrue();
    assertThat(spec.handles(BARE_IP)).isTrue();
    assertThat(spec.handles(DOMAIN)).isFalse();
  }

  @Test
  void handlesSeveralTypes() {
    InspectorSpec spec = InspectorSpec.of("reputation", "ipaddr", "domain");

    assertThat(spec.handles(REMOTE_IP)).isTrue();
    assertThat(spec.handles(DOMAIN)).isTrue();
    assertThat(spec.handles(Attribute.of("username", "", "alice"))).isFalse();
  }

  @Test
  void withContextsHandlesOnlyAttributesCarryingOneOfThem() {
    InspectorSpec spec = InspectorSpec.of("reputation", "ipaddr").withContexts("remote", "client");

    assertThat(spec.handles(REMOTE_IP)).isTrue();
    assertThat(spec.handles(LOCAL_IP)).isFalse();
    assertThat(spec.handles(BARE_IP)).isFalse();
    assertThat(spec.handles(DOMAIN)).as("type still matters").isFalse();
  }

  @Test
  void hasTheDocumentedDefaults() {
    InspectorSpec spec = InspectorSpec.of("reputation", "ipaddr");

    assertThat(spec.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(spec.maxAttempts()).isEqualTo(3);
    assertThat(spec.backoff()).isEqualTo(Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(30)));
    assertThat(spec.concurrency()).isEqualTo(16);
    assertThat(spec.rateLimit()).isNull();
    assertThat(spec.cacheTtl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(spec.contexts()).isEmpty();
  }

  @Test
  void workLeaseCoversEveryAttemptAndBackoff() {
    // 3 × 30s + 10s + 1s + 2s
    assertThat(InspectorSpec.of("reputation", "ipaddr").workLease()).isEqualTo(Duration.ofSeconds(103));
  }

  @Test
  void rejectsABadName() {
    assertThatThrownBy(() -> InspectorSpec.of("Reputation", "ipaddr"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("inspector name must be a lower-case word of at most 64 characters matching [a-z][a-z0-9_-]*, "
            + "was \"Reputation\"");
  }

  @Test
  void rejectsNoTypes() {
    assertThatThrownBy(() -> InspectorSpec.of("reputation"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("inspector reputation must declare at least one attribute type");
  }

  @Test
  void rejectsBadProtectionSettings() {
    InspectorSpec spec = InspectorSpec.of("reputation", "ipaddr");

    assertThatThrownBy(() -> spec.withTimeout(Duration.ZERO))
        .hasMessage("inspector reputation: timeout must be positive, was PT0S");
    assertThatThrownBy(() -> spec.withMaxAttempts(0))
        .hasMessage("inspector reputation: max attempts must be at least 1, was 0");
    assertThatThrownBy(() -> spec.withConcurrency(0))
        .hasMessage("inspector reputation: concurrency must be at least 1, was 0");
    assertThatThrownBy(() -> spec.withCacheTtl(Duration.ofSeconds(-1)))
        .hasMessage("inspector reputation: cache TTL must not be negative, was PT-1S");
  }

  @Test
  void acceptsAZeroCacheTtlAndARateLimit() {
    InspectorSpec spec = InspectorSpec.of("reputation", "ipaddr").withCacheTtl(Duration.ZERO)
        .withRateLimit(RateLimit.perSecond(4));

    assertThat(spec.cacheTtl()).isZero();
    assertThat(spec.rateLimit()).isEqualTo(new RateLimit(4, Duration.ofSeconds(1)));
    assertThat(spec.types()).isEqualTo(Set.of("ipaddr"));
  }
}
