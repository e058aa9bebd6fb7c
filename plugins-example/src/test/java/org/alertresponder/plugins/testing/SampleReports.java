package org.alertresponder.plugins.testing;

import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Alert;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.api.InspectionRecord;
import org.alertresponder.engine.api.InspectionStatus;
import org.alertresponder.engine.api.PublishedVerdict;
import org.alertresponder.engine.api.ReceivedAlert;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportAttribute;
import org.alertresponder.engine.api.ReportStatus;
import org.alertresponder.engine.api.Section;
import org.alertresponder.engine.api.Verdict;

import java.time.Instant;
import java.util.List;

/** Published reports for emitter tests. */
public final class SampleReports {
  public static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

  private SampleReports() {
  }

  /** An urgent first version: one alert, one blocklisted address. */
  public static Report urgent() {
    Alert alert = Alert.builder("guardduty", "ssh-brute-force").ruleName("SSH brute force <script>").alertKey("i-0abc")
        .description("Many failed logins").timestamp(AT)
        .attribute(Attribute.IPADDR, "source address", "203.0.113.7", "remote").build();
    List<ReportAttribute> attributes = ReportAttribute.ofAlert("alert-1", alert.attributes());
    Section section = new Section(attributes.get(0), List.of(new Finding("blocklist", Finding.HOST,
        new JsonObject().put("blocklisted", true).put("lists", List.of("drop")))));
    Verdict verdict = Verdict.urgent("An address of the alert is on a blocklist");
    return new Report("0193a0b0-0000-7000-8000-000000000001", alert.groupKey(), alert.detector(), alert.ruleId(),
        alert.ruleName(), alert.alertKey(), ReportStatus.PUBLISHED, 1, AT, AT.plusSeconds(600),
        List.of(new ReceivedAlert("alert-1", AT, alert)), attributes, List.of(section),
        List.of(new InspectionRecord(attributes.get(0).hash(), "blocklist", InspectionStatus.DONE, null, 1,
            AT.plusSeconds(300))), List.of(), 0, verdict, List.of(new PublishedVerdict(1, verdict, AT.plusSeconds(600))));
  }

  /** The report of {@link #urgent()} published again at {@code version} with {@code verdict}. */
  public static Report later(int version, Verdict verdict) {
    Report first = urgent();
    return first.published(version, verdict, AT.plusSeconds(600L * version));
  }
}
