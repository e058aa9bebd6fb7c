package org.alertresponder.plugins.github;

import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.api.InspectionRecord;
import org.alertresponder.engine.api.InspectionStatus;
import org.alertresponder.engine.api.PublishedVerdict;
import org.alertresponder.engine.api.ReceivedAlert;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportAttribute;
import org.alertresponder.engine.api.Section;
import org.alertresponder.engine.api.Severity;
import org.alertresponder.plugins.support.ReportDigest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Markdown of an issue (or of a comment for a later version): the verdict, where the alerts came from, the
 * alerts, the attributes, every finding, the inspections that failed and the verdict history, within GitHub's
 * limit of 65,536 characters for a body. The first line is the hidden marker by which the emitter finds the
 * issue and its comments again.
 */
final class IssueMarkdown {
  /** GitHub refuses an issue or comment body longer than 65,536 characters. */
  static final int BODY_MAX = 65_536;
  /** GitHub refuses an issue title longer than 256 characters. */
  static final int TITLE_MAX = 256;
  /** Rows of each table; the rest is counted, not shown. */
  static final int ROWS_MAX = 50;
  /** The most of one finding's JSON shown. */
  static final int FINDING_MAX = 8_000;
  private static final int CELL_MAX = 300;
  private static final int DESCRIPTION_MAX = 600;
  /** Room kept free for the notes that say what was left out. */
  private static final int SLACK = 1_000;

  private IssueMarkdown() {
  }

  /** The start of every marker of {@code reportId}: an issue of the report has a body that begins with it. */
  static String markerPrefix(String reportId) {
    return "<!-- alertresponder:report=" + reportId + " version=";
  }

  /** The marker of one version of a report, the first line of the issue or comment that delivers it. */
  static String marker(String reportId, int version) {
    return markerPrefix(reportId) + version + " -->";
  }

  static String title(Report report) {
    ReportDigest digest = ReportDigest.of(report);
    return Markdown.cut(("[" + digest.severity().wireName() + "] " + digest.title()).replaceAll("\\s+", " "),
        TITLE_MAX);
  }

  /**
   * @param reportUrl the link to the report in the operator's console, or null
   */
  static String body(Report report, String reportUrl) {
    ReportDigest digest = ReportDigest.of(report);
    StringBuilder head = new StringBuilder();
    head.append(marker(report.id(), report.version())).append("\n");
    head.append("## ").append(emoji(digest.severity())).append(' ').append(label(digest.severity()))
        .append(" — version ").append(report.version()).append("\n\n");
    head.append("**Reason**\n\n").append(Markdown.block(digest.reason().isBlank() ? "(none given)" : digest.reason(),
        "text")).append("\n");
    head.append("| | |\n|---|---|\n");
    head.append("| Severity | ").append(digest.severity().wireName()).append(" |\n");
    head.append("| Rule | ").append(Markdown.cell(report.ruleId(), CELL_MAX));
    if (report.ruleName() != null && !report.ruleName().isBlank()) {
      head.append(" (").append(Markdown.cell(report.ruleName(), CELL_MAX)).append(')');
    }
    head.append(" |\n");
    head.append("| Detector | ").append(Markdown.cell(report.detector(), CELL_MAX)).append(" |\n");
    if (report.alertKey() != null && !report.alertKey().isBlank()) {
      head.append("| Alert key | ").append(Markdown.cell(report.alertKey(), CELL_MAX)).append(" |\n");
    }
    head.append("| Report | ").append(Markdown.cell(report.id(), CELL_MAX)).append(", version ")
        .append(report.version());
    if (reportUrl != null) {
      head.append(" · [open the report](<").append(reportUrl.replace(">", "%3E")).append(">)");
    }
    head.append(" |\n");
    head.append("| Alerts | ").append(digest.alertCount());
    if (digest.firstSeen() != null) {
      head.append(", first seen ").append(digest.firstSeen()).append(", last seen ").append(digest.lastSeen());
    }
    head.append(" |\n\n");
    alerts(report, head);
    attributes(report, head);

    String tail = failedInspections(report) + verdictHistory(report);
    int budget = BODY_MAX - head.length() - tail.length() - SLACK;
    return head + findings(report, budget) + tail;
  }

  private static void alerts(Report report, StringBuilder out) {
    out.append("### Alerts\n\n");
    List<ReceivedAlert> alerts = report.alerts();
    if (alerts.isEmpty()) {
      out.append("_None._\n\n");
      return;
    }
    out.append("| Time | Description |\n|---|---|\n");
    // The newest alerts matter most once a report has many: show the first ones and the last ones.
    List<ReceivedAlert> shown = alerts.size() <= ROWS_MAX ? alerts : new ArrayList<>(alerts.subList(0, ROWS_MAX / 2));
    for (ReceivedAlert alert : shown) {
      alertRow(alert, out);
    }
    if (alerts.size() > ROWS_MAX) {
      out.append("| … | _").append(alerts.size() - ROWS_MAX).append(" more alerts_ |\n");
      for (ReceivedAlert alert : alerts.subList(alerts.size() - ROWS_MAX / 2, alerts.size())) {
        alertRow(alert, out);
      }
    }
    out.append('\n');
  }

  private static void alertRow(ReceivedAlert alert, StringBuilder out) {
    String description = alert.alert().description();
    out.append("| ").append(alert.alert().timestamp() == null ? alert.receivedAt() : alert.alert().timestamp())
        .append(" | ").append(Markdown.cell(description == null ? "" : description, DESCRIPTION_MAX)).append(" |\n");
  }

  private static void attributes(Report report, StringBuilder out) {
    out.append("### Key attributes\n\n");
    List<ReportAttribute> own = report.attributes().stream().filter(a -> a.depth() == 0).toList();
    if (own.isEmpty()) {
      out.append("_None._\n\n");
    } else {
      out.append("| Type | Key | Value | Context |\n|---|---|---|---|\n");
      for (ReportAttribute attribute : own.subList(0, Math.min(own.size(), ROWS_MAX))) {
        out.append("| ").append(Markdown.cell(attribute.attribute().type(), CELL_MAX))
            .append(" | ").append(Markdown.cell(attribute.attribute().key(), CELL_MAX))
            .append(" | ").append(Markdown.cell(attribute.attribute().value(), CELL_MAX))
            .append(" | ").append(Markdown.cell(String.join(", ", attribute.attribute().context()), CELL_MAX))
            .append(" |\n");
      }
      if (own.size() > ROWS_MAX) {
        out.append("| … | | _").append(own.size() - ROWS_MAX).append(" more_ | |\n");
      }
      out.append('\n');
    }
    long discovered = report.attributes().size() - own.size();
    if (discovered > 0) {
      out.append("_").append(discovered).append(discovered == 1 ? " attribute was" : " attributes were")
          .append(" discovered by inspectors._\n\n");
    }
    if (report.cutCount() > 0) {
      out.append("_").append(report.cutCount()).append(report.cutCount() == 1 ? " attribute was" : " attributes were")
          .append(" not followed: correlation reached its bounds._\n\n");
    }
  }

  /** Per attribute, per inspector, each finding's JSON in a collapsed block, while {@code budget} lasts. */
  private static String findings(Report report, int budget) {
    StringBuilder out = new StringBuilder("### Findings\n\n");
    int total = report.sections().stream().mapToInt(section -> section.findings().size()).sum();
    if (total == 0) {
      return out.append("_No inspector found anything._\n\n").toString();
    }
    int shown = 0;
    boolean full = false;
    for (Section section : report.sections()) {
      if (section.findings().isEmpty() || full) {
        continue;
      }
      StringBuilder part = new StringBuilder();
      part.append("#### ").append(Markdown.code(section.attribute().attribute().value(), CELL_MAX)).append(" (")
          .append(Markdown.code(section.attribute().attribute().type(), CELL_MAX)).append(")\n\n");
      Map<String, List<Finding>> byInspector = new LinkedHashMap<>();
      for (Finding finding : section.findings()) {
        byInspector.computeIfAbsent(finding.author() == null ? "unknown" : finding.author(), k -> new ArrayList<>())
            .add(finding);
      }
      int inPart = 0;
      for (Map.Entry<String, List<Finding>> entry : byInspector.entrySet()) {
        for (Finding finding : entry.getValue()) {
          String details = details(entry.getKey(), finding);
          if (out.length() + part.length() + details.length() > budget) {
            full = true;
            break;
          }
          part.append(details);
          inPart++;
        }
        if (full) {
          break;
        }
      }
      if (inPart > 0) {
        out.append(part);
        shown += inPart;
      }
    }
    if (shown < total) {
      out.append("_").append(total - shown).append(total - shown == 1 ? " more finding is" : " more findings are")
          .append(" not shown here: GitHub limits the size of a body. The report holds them all._\n\n");
    }
    return out.toString();
  }

  private static String details(String inspector, Finding finding) {
    String json = finding.content() == null ? "{}" : finding.content().encodePrettily();
    String note = "";
    if (json.length() > FINDING_MAX) {
      note = "\n_Cut: " + (json.length() - FINDING_MAX) + " more characters in the report._\n";
      json = json.substring(0, FINDING_MAX);
    }
    return "<details><summary><code>" + Markdown.html(inspector) + "</code>: <code>"
        + Markdown.html(finding.type() == null ? "finding" : finding.type()) + "</code> finding</summary>\n\n"
        + Markdown.block(json, "json") + note + "\n</details>\n\n";
  }

  private static String failedInspections(Report report) {
    List<InspectionRecord> failed = report.inspections().stream()
        .filter(r -> r.status() == InspectionStatus.FAILED || r.status() == InspectionStatus.TIMED_OUT).toList();
    if (failed.isEmpty()) {
      return "";
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (ReportAttribute attribute : report.attributes()) {
      values.put(attribute.hash(), attribute.attribute().value());
    }
    StringBuilder out = new StringBuilder("### Inspections that failed\n\n");
    out.append("| Attribute | Inspector | Status | Error |\n|---|---|---|---|\n");
    for (InspectionRecord record : failed.subList(0, Math.min(failed.size(), ROWS_MAX))) {
      out.append("| ").append(Markdown.cell(values.getOrDefault(record.attributeHash(), record.attributeHash()),
              CELL_MAX))
          .append(" | ").append(Markdown.cell(record.inspector(), CELL_MAX))
          .append(" | ").append(record.status().wireName().replace('_', ' '))
          .append(" | ").append(Markdown.cell(record.error() == null ? "" : record.error(), CELL_MAX)).append(" |\n");
    }
    if (failed.size() > ROWS_MAX) {
      out.append("| … | _").append(failed.size() - ROWS_MAX).append(" more_ | | |\n");
    }
    return out.append('\n').toString();
  }

  private static String verdictHistory(Report report) {
    StringBuilder out = new StringBuilder("### Verdict history\n\n");
    List<PublishedVerdict> verdicts = report.verdicts();
    if (verdicts.isEmpty()) {
      return out.append("_No version was published before this one._\n").toString();
    }
    out.append("| Version | Published | Severity | Reason |\n|---|---|---|---|\n");
    // The most recent versions tell where the report stands: those are the ones kept.
    int from = Math.max(0, verdicts.size() - ROWS_MAX);
    if (from > 0) {
      out.append("| … | _").append(from).append(" earlier versions_ | | |\n");
    }
    for (PublishedVerdict verdict : verdicts.subList(from, verdicts.size())) {
      out.append("| ").append(verdict.version())
          .append(" | ").append(verdict.publishedAt() == null ? "—" : verdict.publishedAt().toString())
          .append(" | ").append(verdict.verdict().severity().wireName())
          .append(" | ").append(Markdown.cell(verdict.verdict().reason(), CELL_MAX)).append(" |\n");
    }
    return out.toString();
  }

  static String label(Severity severity) {
    return switch (severity) {
      case URGENT -> "Urgent";
      case UNCLASSIFIED -> "Unclassified";
      case SAFE -> "Safe";
    };
  }

  private static String emoji(Severity severity) {
    return switch (severity) {
      case URGENT -> ":rotating_light:";
      case UNCLASSIFIED -> ":warning:";
      case SAFE -> ":white_check_mark:";
    };
  }
}
