package org.alertresponder.engine.aggregation;

import org.alertresponder.engine.api.Alert;
import org.alertresponder.engine.api.EngineConfig;
import org.alertresponder.engine.api.ReportHeader;
import org.alertresponder.engine.api.ReportStatus;
import org.alertresponder.engine.api.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AggregationRulesTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private static final EngineConfig CONFIG = EngineConfig.defaults();
  private static final Alert ALERT = Alert.builder("guardduty", "SSHBruteForce").ruleName("SSH brute force")
      .alertKey("i-0abc12").build();
  private static final String GROUP_KEY = ALERT.groupKey();

  @Test
  void createsAReportWhenThereIsNone() {
    AggregationRules.Decision decision = decide(Optional.empty(), T0);

    assertThat(decision).isInstanceOf(AggregationRules.Create.class);
    AggregationRules.Create create = (AggregationRules.Create) decision;
    assertThat(create.expectedCurrentId()).isNull();
    assertThat(create.header()).isEqualTo(new ReportHeader("new-id", GROUP_KEY, "guardduty", "SSHBruteForce",
        "SSH brute force", "i-0abc12", ReportStatus.OPEN, 0, T0, T0, 0, 0, T0.plus(Duration.ofMinutes(10)), null,
        0));
  }

  @Test
  void joinsAnOpenReportWithinItsWindow() {
    ReportHeader current = header(ReportStatus.OPEN);

    AggregationRules.Decision decision = decide(Optional.of(current), T0.plus(Duration.ofHours(3)).minusMillis(1));

    assertThat(decision).isEqualTo(new AggregationRules.Join(current));
  }

  @Test
  void createsANewReportAtExactlyTheEndOfTheWindow() {
    ReportHeader current = header(ReportStatus.OPEN);
    Instant windowEnd = T0.plus(Duration.ofHours(3));

    AggregationRules.Decision decision = decide(Optional.of(current), windowEnd);

    assertThat(decision).isInstanceOf(AggregationRules.Create.class);
    AggregationRules.Create create = (AggregationRules.Create) decision;
    assertThat(create.expectedCurrentId()).isEqualTo("current-id");
    assertThat(create.header().id()).isEqualTo("new-id");
    assertThat(create.header().createdAt()).isEqualTo(windowEnd);
    assertThat(create.header().reviewDueAt()).isEqualTo(windowEnd.plus(Duration.ofMinutes(10)));
  }

  @Test
  void createsANewReportWhenAPublishedReportsWindowHasClosed() {
    AggregationRules.Decision decision = decide(Optional.of(header(ReportStatus.PUBLISHED)), T0.plusSeconds(4 * 3600));

    assertThat(decision).isInstanceOf(AggregationRules.Create.class);
  }

  @Test
  void joinsAPublishedReportWithinItsWindowLeavingTheReOpeningToTheStoredCounts() {
    ReportHeader current = header(ReportStatus.PUBLISHED);

    AggregationRules.Decision decision = decide(Optional.of(current), T0.plus(Duration.ofHours(1)));

    assertThat(decision).isEqualTo(new AggregationRules.Join(current));
  }

  @Test
  void joinsAReportThatIsBeingReviewed() {
    ReportHeader current = header(ReportStatus.REVIEWING);

    assertThat(decide(Optional.of(current), T0.plusSeconds(600))).isEqualTo(new AggregationRules.Join(current));
  }

  @Test
  void usesTheConfiguredWindowAndReviewDelay() {
    EngineConfig config = EngineConfig.builder().aggregationWindow(Duration.ofMinutes(5))
        .reviewDelay(Duration.ofMinutes(1)).build();
    Instant now = T0.plus(Duration.ofMinutes(5));

    AggregationRules.Decision decision =
        AggregationRules.decide(Optional.of(header(ReportStatus.OPEN)), ALERT, GROUP_KEY, now, config, () -> "x");

    assertThat(decision).isInstanceOf(AggregationRules.Create.class);
    assertThat(decision.header().reviewDueAt()).isEqualTo(now.plus(Duration.ofMinutes(1)));
  }

  private static AggregationRules.Decision decide(Optional<ReportHeader> current, Instant now) {
    return AggregationRules.decide(current, ALERT, GROUP_KEY, now, CONFIG, () -> "new-id");
  }

  private static ReportHeader header(ReportStatus status) {
    boolean published = status == ReportStatus.PUBLISHED;
    return new ReportHeader("current-id", GROUP_KEY, "guardduty", "SSHBruteForce", "SSH brute force", "i-0abc12",
        status, published ? 1 : 0, T0, T0.plusSeconds(30), 2, published ? 2 : 0, published ? null : T0.plusSeconds(600),
        published ? Verdict.safe("ok") : null, 17L);
  }
}
