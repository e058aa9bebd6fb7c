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
import org.alertresponder.plugins.support.HtmlText;
import org.alertresponder.plugins.support.ReportDigest;
import org.alertresponder.plugins.support.SeverityText;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Markdown of an issue (or of a comment for a later version): the verdict, where the alerts came from, the
 * alerts, the attributes, every finding, the inspections that failed and the verdict history, within GitHub's
 * limit of 65,536 characters for a body. The first line is the hidden marker by which the emitter finds the
 * issue and its comments again.
 *
 * <p>The whole body shares that limit. It is written with the most generous {@link Limits} first (50 rows a
 * table, long cells) and the findings in whatever room the rest leaves; when the result, measured as sent (with
 * the fences of code spans and the escaped pipes), is still too long, it is written again with fewer rows and
 * shorter cells. A report that is too large even then gets a short body that says so.
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
  /** Room kept free for the note that counts the findings left out. */
  private static final int NOTE_ROOM = 200;
  /** The most of the reason shown in a body that holds nothing else. */
  private static final int SHORT_REASON_MAX = 1_000;

  /**
   * How much of the report a body shows.
   *
   * @param rows        rows of each table
   * @param cell        characters of a table cell (before its fences and escaped pipes)
   * @param description characters of an alert's description
   * @param reason      characters of the reason
   */
  private record Limits(int rows, int cell, int description, int reason) {
  }

  /** From the most to the least shown: the first whose body fits is used. */
  private static final List<Limits> LIMITS = List.of(
      new Limits(ROWS_MAX, 300, 600, 10_000),
      new Limits(20, 150, 300, 4_000),
      new Limits(10, 80, 120, 1_000),
      new Limits(2, 40, 40, 300));

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

  /**
   * The version in the marker of report {@code reportId} that starts {@code body}, or 0 when the body does not
   * start with one.
   */
  static int markedVersion(String body, String reportId) {
    String prefix = markerPrefix(reportId);
    String text = body.stripLeading();
    if (!text.startsWith(prefix)) {
      return 0;
    }
    int end = prefix.length();
    while (end < text.length() && end - prefix.length() < 9 && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
      end++;
    }
    if (end == prefix.length() || !text.startsWith(" -->", end)) {
      return 0;
    }
    return Integer.parseInt(text.substring(prefix.length(), end));
  }

  static String title(Report report) {
    ReportDigest digest = ReportDigest.of(report);
    return Markdown.cut((tag(digest.severity()) + digest.title()).replaceAll("\\s+", " "), TITLE_MAX);
  }

  /**
   * {@code title} saying {@code severity}: its {@code [severity]} tag replaced, or put in front when people took
   * it out; the rest, which they may have edited, stays.
   */
  static String retitle(String title, Severity severity) {
    String rest = title.strip();
    for (Severity any : Severity.values()) {
      if (rest.startsWith(tag(any))) {
        rest = rest.substring(tag(any).length());
        break;
      }
    }
    return Markdown.cut((tag(severity) + rest).strip(), TITLE_MAX);
  }

  private static String tag(Severity severity) {
    return "[" + severity.wireName() + "] ";
  }

  /**
   * The body, never longer than {@link #BODY_MAX}.
   *
   * @param reportUrl the link to the report in the operator's console, or null
   */
  static String body(Report report, String reportUrl) {
    ReportDigest digest = ReportDigest.of(report);
    for (Limits limits : LIMITS) {
      String head = head(report, digest, reportUrl, limits);
      String tail = failedInspections(report, limits) + verdictHistory(report, limits);
      String body = head + findings(report, BODY_MAX - head.length() - tail.length() - NOTE_ROOM, limits) + tail;
      if (body.length() <= BODY_MAX) {
        return body;
      }
    }
    return tooLarge(report, digest, reportUrl);
  }

  private static String head(Report report, ReportDigest digest, String reportUrl, Limits limits) {
    StringBuilder head = new StringBuilder();
    heading(report, digest, limits.reason(), head);
    head.append("| | |\n|---|---|\n");
    head.append("| Severity | ").append(digest.severity().wireName()).append(" |\n");
    head.append("| Rule | ").append(Markdown.cell(report.ruleId(), limits.cell()));
    if (report.ruleName() != null && !report.ruleName().isBlank()) {
      head.append(" (").append(Markdown.cell(report.ruleName(), limits.cell())).append(')');
    }
    head.append(" |\n");
    head.append("| Detector | ").append(Markdown.cell(report.detector(), limits.cell())).append(" |\n");
    if (report.alertKey() != null && !report.alertKey().isBlank()) {
      head.append("| Alert key | ").append(Markdown.cell(report.alertKey(), limits.cell())).append(" |\n");
    }
    head.append("| Report | ").append(Markdown.cell(report.id(), limits.cell())).append(", version ")
        .append(report.version());
    if (reportUrl != null) {
      head.append(" · ").append(link(reportUrl));
    }
    head.append(" |\n");
    head.append("| Alerts | ").append(digest.alertCount());
    if (digest.firstSeen() != null) {
      head.append(", first seen ").append(digest.firstSeen()).append(", last seen ").append(digest.lastSeen());
    }
    head.append(" |\n\n");
    alerts(report, limits, head);
    attributes(report, limits, head);
    return head.toString();
  }

  /** The marker, the severity and version, and the reason: what every body starts with. */
  private static void heading(Report report, ReportDigest digest, int reasonMax, StringBuilder out) {
    out.append(marker(report.id(), report.version())).append("\n");
    out.append("## ").append(SeverityText.emoji(digest.severity())).append(' ').append(SeverityText.label(digest.severity()))
        .append(" — version ").append(report.version()).append("\n\n");
    out.append("**Reason**\n\n").append(Markdown.block(digest.reason().isBlank() ? "(none given)"
        : Markdown.cut(digest.reason(), reasonMax), "text")).append("\n");
  }

  private static String link(String reportUrl) {
    return "[open the report](<" + reportUrl.replace(">", "%3E") + ">)";
  }

  /**
   * The body of a report that does not fit even with the fewest rows and the shortest cells (thousands of
   * characters of backticks, say): the verdict, and where the whole report is.
   */
  private static String tooLarge(Report report, ReportDigest digest, String reportUrl) {
    StringBuilder out = new StringBuilder();
    heading(report, digest, SHORT_REASON_MAX, out);
    out.append("_This version of the report is too large for a GitHub body: AlertResponder holds it all, as report ")
        .append(Markdown.code(report.id(), 100)).append(", version ").append(report.version());
    // A link template is the operator's, and short; one that is not would push the body over the limit.
    if (reportUrl != null && reportUrl.length() <= 2_000) {
      out.append(" (").append(link(reportUrl)).append(')');
    }
    return out.append("._\n").toString();
  }

  private static void alerts(Report report, Limits limits, StringBuilder out) {
    out.append("### Alerts\n\n");
    List<ReceivedAlert> alerts = report.alerts();
    if (alerts.isEmpty()) {
      out.append("_None._\n\n");
      return;
    }
    out.append("| Time | Description |\n|---|---|\n");
    // The newest alerts matter most once a report has many: show the first ones and the last ones.
    int rows = limits.rows();
    List<ReceivedAlert> shown = alerts.size() <= rows ? alerts : alerts.subList(0, rows / 2);
    for (ReceivedAlert alert : shown) {
      alertRow(alert, limits, out);
    }
    if (alerts.size() > rows) {
      out.append("| … | _").append(alerts.size() - rows).append(" more alerts_ |\n");
      for (ReceivedAlert alert : alerts.subList(alerts.size() - (rows - rows / 2), alerts.size())) {
        alertRow(alert, limits, out);
      }
    }
    out.append('\n');
  }

  private static void alertRow(ReceivedAlert alert, Limits limits, StringBuilder out) {
    String description = alert.alert().description();
    out.append("| ").append(alert.alert().timestamp() == null ? alert.receivedAt() : alert.alert().timestamp())
        .append(" | ").append(Markdown.cell(description == null ? "" : description, limits.description()))
        .append(" |\n");
  }

  private static void attributes(Report report, Limits limits, StringBuilder out) {
    out.append("### Key attributes\n\n");
    List<ReportAttribute> own = report.attributes().stream().filter(a -> a.depth() == 0).toList();
    if (own.isEmpty()) {
      out.append("_None._\n\n");
    } else {
      int cell = limits.cell();
      out.append("| Type | Key | Value | Context |\n|---|---|---|---|\n");
      for (ReportAttribute attribute : own.subList(0, Math.min(own.size(), limits.rows()))) {
        out.append("| ").append(Markdown.cell(attribute.attribute().type(), cell))
            .append(" | ").append(Markdown.cell(attribute.attribute().key(), cell))
            .append(" | ").append(Markdown.cell(attribute.attribute().value(), cell))
            .append(" | ").append(Markdown.cell(String.join(", ", attribute.attribute().context()), cell))
            .append(" |\n");
      }
      if (own.size() > limits.rows()) {
        out.append("| … | | _").append(own.size() - limits.rows()).append(" more_ | |\n");
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
  private static String findings(Report report, int budget, Limits limits) {
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
      part.append("#### ").append(Markdown.code(section.attribute().attribute().value(), limits.cell()))
          .append(" (").append(Markdown.code(section.attribute().attribute().type(), limits.cell())).append(")\n\n");
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
    return "<details><summary><code>" + HtmlText.escape(inspector) + "</code>: <code>"
        + HtmlText.escape(finding.type() == null ? "finding" : finding.type()) + "</code> finding</summary>\n\n"
        + Markdown.block(json, "json") + note + "\n</details>\n\n";
  }

  private static String failedInspections(Report report, Limits limits) {
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
    int cell = limits.cell();
    for (InspectionRecord record : failed.subList(0, Math.min(failed.size(), limits.rows()))) {
      out.append("| ").append(Markdown.cell(values.getOrDefault(record.attributeHash(), record.attributeHash()), cell))
          .append(" | ").append(Markdown.cell(record.inspector(), cell))
          .append(" | ").append(record.status().wireName().replace('_', ' '))
          .append(" | ").append(Markdown.cell(record.error() == null ? "" : record.error(), cell)).append(" |\n");
    }
    if (failed.size() > limits.rows()) {
      out.append("| … | _").append(failed.size() - limits.rows()).append(" more_ | | |\n");
    }
    return out.append('\n').toString();
  }

  private static String verdictHistory(Report report, Limits limits) {
    StringBuilder out = new StringBuilder("### Verdict history\n\n");
    List<PublishedVerdict> verdicts = report.verdicts();
    if (verdicts.isEmpty()) {
      return out.append("_No version was published before this one._\n").toString();
    }
    out.append("| Version | Published | Severity | Reason |\n|---|---|---|---|\n");
    // The most recent versions tell where the report stands: those are the ones kept.
    int from = Math.max(0, verdicts.size() - limits.rows());
    if (from > 0) {
      out.append("| … | _").append(from).append(" earlier versions_ | | |\n");
    }
    for (PublishedVerdict verdict : verdicts.subList(from, verdicts.size())) {
      out.append("| ").append(verdict.version())
          .append(" | ").append(verdict.publishedAt() == null ? "—" : verdict.publishedAt().toString())
          .append(" | ").append(verdict.verdict().severity().wireName())
          .append(" | ").append(Markdown.cell(verdict.verdict().reason(), limits.cell())).append(" |\n");
    }
    return out.toString();
  }


}
