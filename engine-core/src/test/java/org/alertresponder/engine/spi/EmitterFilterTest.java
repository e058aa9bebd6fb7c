package org.alertresponder.engine.spi;

import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportStatus;
import org.alertresponder.engine.api.Severity;
import org.alertresponder.engine.api.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EmitterFilterTest {
  private static final Report SAFE = report(1, Verdict.safe("benign"));
  private static final Report UNCLASSIFIED = report(1, Verdict.unclassified(""));
  private static final Report URGENT = report(1, Verdict.urgent("compromised"));
  private static final Report URGENT_V2 = report(2, Verdict.urgent("still compromised"));
  private static final Report UNREVIEWED = report(0, null);

  @Test
  void allAcceptsEverything() {
    EmitterFilter filter = EmitterFilter.all();

    assertThat(List.of(SAFE, UNCLASSIFIED, URGENT, URGENT_V2, UNREVIEWED)).allMatch(filter::accepts);
  }

  @Test
  void minSeverityRejectsLessSeriousVerdicts() {
    EmitterFilter urgentOnly = EmitterFilter.minSeverity(Severity.URGENT);
    EmitterFilter notSafe = EmitterFilter.minSeverity(Severity.UNCLASSIFIED);

    assertThat(urgentOnly.accepts(URGENT)).isTrue();
    assertThat(urgentOnly.accepts(UNCLASSIFIED)).isFalse();
    assertThat(urgentOnly.accepts(SAFE)).isFalse();
    assertThat(notSafe.accepts(UNCLASSIFIED)).isTrue();
    assertThat(notSafe.accepts(URGENT)).isTrue();
    assertThat(notSafe.accepts(SAFE)).isFalse();
  }

  @Test
  void aReportWithoutVerdictCountsAsUnclassified() {
    assertThat(EmitterFilter.minSeverity(Severity.UNCLASSIFIED).accepts(UNREVIEWED)).isTrue();
    assertThat(EmitterFilter.minSeverity(Severity.URGENT).accepts(UNREVIEWED)).isFalse();
  }

  @Test
  void severitiesSetAcceptsOnlyThose() {
    EmitterFilter filter = new EmitterFilter(null, EnumSet.of(Severity.SAFE, Severity.URGENT), false);

    assertThat(filter.accepts(SAFE)).isTrue();
    assertThat(filter.accepts(URGENT)).isTrue();
    assertThat(filter.accepts(UNCLASSIFIED)).isFalse();
  }

  @Test
  void severitiesSetAndMinSeverityBothApply() {
    EmitterFilter filter = new EmitterFilter(Severity.UNCLASSIFIED, Set.of(Severity.SAFE, Severity.URGENT), false);

    assertThat(filter.accepts(SAFE)).isFalse();
    assertThat(filter.accepts(URGENT)).isTrue();
    assertThat(filter.accepts(UNCLASSIFIED)).isFalse();
  }

  @Test
  void firstVersionOnlySkipsReReviews() {
    EmitterFilter filter = new EmitterFilter(Severity.SAFE, Set.of(), true);

    assertThat(filter.accepts(URGENT)).isTrue();
    assertThat(filter.accepts(URGENT_V2)).isFalse();
  }

  @Test
  void nullsMeanNoRestriction() {
    EmitterFilter filter = new EmitterFilter(null, null, false);

    assertThat(filter.minSeverity()).isEqualTo(Severity.SAFE);
    assertThat(filter.severities()).isEmpty();
    assertThat(filter.accepts(SAFE)).isTrue();
  }

  private static Report report(int version, Verdict verdict) {
    Instant t0 = Instant.parse("2026-11-27T10:00:00Z");
    return new Report("id", "gk", "ids", "r1", null, null, ReportStatus.PUBLISHED, version, t0, t0, List.of(),
        List.of(), List.of(), List.of(), List.of(), 0, verdict, List.of());
  }
}
