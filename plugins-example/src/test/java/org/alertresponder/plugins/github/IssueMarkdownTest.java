package org.alertresponder.plugins.github;

import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.Report;
import org.alertresponder.plugins.support.PublishedReports;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IssueMarkdownTest {
  @Test
  void everyPartOfTheBodyCountsAgainstGitHubsLimitEvenWhenNoTableCanBeShownWhole() {
    // Backticks lengthen the fences of code spans and blocks, pipes double when escaped in a table.
    String ticks = "`|".repeat(50_000);
    PublishedReports builder = PublishedReports.report().alerts(1_000).description(ticks).reason(ticks)
        .ruleName(ticks);
    for (int i = 0; i < 200; i++) {
      builder.attribute(Attribute.of("json", ticks, ticks + i, ticks));
    }
    Report report = builder.build();

    String body = IssueMarkdown.body(report, "https://console.example/reports/" + "x".repeat(70_000));

    assertThat(body.length()).isLessThanOrEqualTo(IssueMarkdown.BODY_MAX);
    assertThat(body).startsWith(IssueMarkdown.marker(PublishedReports.ID, 1) + "\n## :rotating_light: Urgent");
  }

  @Test
  void aReportWithinTheLimitIsShownWhole() {
    Report report = PublishedReports.report().alerts(50).build();

    String body = IssueMarkdown.body(report, null);

    assertThat(body).doesNotContain("more alerts", "not shown here", "…");
    assertThat(body.split("\n\\| 2026-11-27T", -1)).hasSize(51);
  }
}
