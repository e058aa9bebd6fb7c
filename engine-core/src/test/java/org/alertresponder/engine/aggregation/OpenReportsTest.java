package org.alertresponder.engine.aggregation;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What an instance remembers of its groups' open reports, so that their next alert joins without a read. */
class OpenReportsTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  @Test
  void aGroupsReportIsKnownUntilItsWindowCloses() {
    OpenReports open = new OpenReports(10);
    open.remember("group-1", "report-1", T0.plusSeconds(3600));

    assertThat(open.get("group-1", T0.plusSeconds(3599))).isEqualTo(new OpenReports.Open("report-1",
        T0.plusSeconds(3600)));
    assertThat(open.get("group-1", T0.plusSeconds(3600))).as("the window has closed").isNull();
    assertThat(open.get("group-1", T0)).as("and is forgotten").isNull();
    assertThat(open.get("group-2", T0)).isNull();
  }

  @Test
  void forgettingAReportLeavesANewerOneOfTheGroupAlone() {
    OpenReports open = new OpenReports(10);
    open.remember("group-1", "report-2", T0.plusSeconds(3600));

    open.forget("group-1", "report-1");
    assertThat(open.get("group-1", T0)).extracting(OpenReports.Open::reportId).isEqualTo("report-2");

    open.forget("group-1", "report-2");
    assertThat(open.get("group-1", T0)).isNull();
  }

  @Test
  void aFullMemoryStartsAfresh() {
    OpenReports open = new OpenReports(2);
    open.remember("group-1", "report-1", T0.plusSeconds(3600));
    open.remember("group-2", "report-2", T0.plusSeconds(3600));

    open.remember("group-3", "report-3", T0.plusSeconds(3600));

    assertThat(open.get("group-1", T0)).isNull();
    assertThat(open.get("group-3", T0)).extracting(OpenReports.Open::reportId).isEqualTo("report-3");
  }
}
