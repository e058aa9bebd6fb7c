package org.alertresponder.plugins.email;

import org.alertresponder.engine.api.ReceivedAlert;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.Severity;
import org.alertresponder.plugins.support.HtmlText;
import org.alertresponder.plugins.support.ReportDigest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one publication's e-mail says: its subject, a plain-text part and an HTML part with the same content.
 *
 * <p>Every value that comes from an alert or an inspector is untrusted: a detector may put anything into a
 * rule name or a description. The subject therefore loses every control character (a line break there would
 * start a new header, since the mail encoder leaves a bare line feed alone), and every value written into the
 * HTML part is escaped, so that a rule named {@code <script>} shows as text.
 *
 * @param subject the subject line
 * @param text    the plain-text part
 * @param html    the HTML part
 */
record EmailContent(String subject, String text, String html) {
  /** How many alerts the message lists; a report of 500 alerts says how many it leaves out. */
  static final int MAX_ALERTS = 5;
  /** Longer alert descriptions are cut, so that one alert cannot fill the message. */
  static final int MAX_DESCRIPTION = 300;

  /**
   * @param subjectPrefix     put before the subject, e.g. {@code [AlertResponder]}; empty for none
   * @param reportUrlTemplate a link to the report with {@code {id}} and {@code {version}} placeholders, or null
   */
  static EmailContent of(Report report, String subjectPrefix, String reportUrlTemplate) {
    ReportDigest digest = ReportDigest.of(report);
    String severity = digest.severity().wireName().toUpperCase(Locale.ROOT);
    String subject = oneLine((subjectPrefix.isEmpty() ? "" : subjectPrefix + " ") + severity + ": " + digest.title());
    String link = reportUrlTemplate == null ? null : reportUrl(reportUrlTemplate, report.id(), report.version());
    List<String> alerts = alertLines(report);
    int moreAlerts = report.alerts().size() - alerts.size();
    return new EmailContent(subject, text(report, digest, severity, link, alerts, moreAlerts),
        html(report, digest, severity, link, alerts, moreAlerts));
  }

  /** The report link: the template with the report's id and version, URL-encoded, in place of the placeholders. */
  static String reportUrl(String template, String id, int version) {
    return template.replace("{id}", URLEncoder.encode(id, StandardCharsets.UTF_8))
        .replace("{version}", Integer.toString(version));
  }

  private static String text(Report report, ReportDigest digest, String severity, String link, List<String> alerts,
                             int moreAlerts) {
    StringBuilder out = new StringBuilder();
    out.append(severity).append(": ").append(oneLine(digest.title())).append("\n\n");
    out.append("Reason: ").append(oneLine(digest.reason())).append('\n');
    out.append("Report: ").append(report.id()).append(" (version ").append(digest.version()).append(")\n");
    if (link != null) {
      out.append("Link: ").append(link).append('\n');
    }
    out.append('\n').append(alertSummary(digest)).append('\n');
    for (String alert : alerts) {
      out.append("  - ").append(alert).append('\n');
    }
    if (moreAlerts > 0) {
      out.append("  (and ").append(moreAlerts).append(" more)\n");
    }
    out.append("\nKey attributes:\n");
    if (digest.keyAttributes().isEmpty()) {
      out.append("  (none)\n");
    }
    for (ReportDigest.KeyAttribute attribute : digest.keyAttributes()) {
      out.append("  - ").append(oneLine(attribute.text())).append('\n');
    }
    if (digest.moreAttributes() > 0) {
      out.append("  (and ").append(digest.moreAttributes()).append(" more, found by inspectors or left out)\n");
    }
    out.append("\nFindings:\n");
    if (digest.findings().isEmpty()) {
      out.append("  (none)\n");
    }
    for (ReportDigest.FindingLine finding : digest.findings()) {
      out.append("  - ").append(oneLine(finding.text())).append('\n');
    }
    if (digest.moreFindings() > 0) {
      out.append("  (and ").append(digest.moreFindings()).append(" more)\n");
    }
    out.append("\n-- \nSent by AlertResponder for report ").append(report.id()).append(", version ")
        .append(digest.version()).append(".\n");
    return out.toString();
  }

  private static String html(Report report, ReportDigest digest, String severity, String link, List<String> alerts,
                             int moreAlerts) {
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(HtmlText.escape(digest.title()))
        .append("</title></head>\n<body style=\"font-family: sans-serif\">\n");
    out.append("<h2><span style=\"color: ").append(colour(digest.severity())).append("\">").append(HtmlText.escape(severity))
        .append("</span>: ").append(HtmlText.escape(digest.title())).append("</h2>\n");
    out.append("<p><b>Reason:</b> ").append(HtmlText.escape(digest.reason())).append("</p>\n");
    out.append("<p><b>Report:</b> ");
    if (link != null) {
      out.append("<a href=\"").append(HtmlText.escape(link)).append("\">").append(HtmlText.escape(report.id())).append("</a>");
    } else {
      out.append(HtmlText.escape(report.id()));
    }
    out.append(" (version ").append(digest.version()).append(")</p>\n");
    out.append("<p>").append(HtmlText.escape(alertSummary(digest))).append("</p>\n");
    list(out, alerts, moreAlerts, null);
    out.append("<h3>Key attributes</h3>\n");
    list(out, digest.keyAttributes().stream().map(ReportDigest.KeyAttribute::text).toList(), digest.moreAttributes(),
        "none");
    out.append("<h3>Findings</h3>\n");
    list(out, digest.findings().stream().map(ReportDigest.FindingLine::text).toList(), digest.moreFindings(), "none");
    out.append("<p style=\"color: #666666; font-size: small\">Sent by AlertResponder for report ")
        .append(HtmlText.escape(report.id())).append(", version ").append(digest.version()).append(".</p>\n");
    out.append("</body></html>\n");
    return out.toString();
  }

  private static void list(StringBuilder out, List<String> items, int more, String whenEmpty) {
    if (items.isEmpty() && more == 0) {
      if (whenEmpty != null) {
        out.append("<p>(").append(whenEmpty).append(")</p>\n");
      }
      return;
    }
    out.append("<ul>\n");
    for (String item : items) {
      out.append("<li>").append(HtmlText.escape(item)).append("</li>\n");
    }
    if (more > 0) {
      out.append("<li>(and ").append(more).append(" more)</li>\n");
    }
    out.append("</ul>\n");
  }

  private static String alertSummary(ReportDigest digest) {
    String count = digest.alertCount() == 1 ? "1 alert" : digest.alertCount() + " alerts";
    if (digest.firstSeen() == null) {
      return "Alerts: none";
    }
    if (digest.firstSeen().equals(digest.lastSeen())) {
      return "Alerts: " + count + ", seen " + digest.firstSeen();
    }
    return "Alerts: " + count + ", first seen " + digest.firstSeen() + ", last seen " + digest.lastSeen();
  }

  /** The newest alerts, newest first, as "timestamp description" lines. */
  private static List<String> alertLines(Report report) {
    List<String> lines = new ArrayList<>();
    List<ReceivedAlert> alerts = report.alerts();
    for (int i = alerts.size() - 1; i >= 0 && lines.size() < MAX_ALERTS; i--) {
      ReceivedAlert alert = alerts.get(i);
      Instant at = alert.alert().timestamp() == null ? alert.receivedAt() : alert.alert().timestamp();
      String description = alert.alert().description();
      if (description == null || description.isBlank()) {
        description = alert.alert().ruleName() == null ? alert.alert().ruleId() : alert.alert().ruleName();
      }
      description = oneLine(description);
      if (description.length() > MAX_DESCRIPTION) {
        description = description.substring(0, MAX_DESCRIPTION - 3) + "...";
      }
      lines.add(at + " " + description);
    }
    return lines;
  }

  private static String colour(Severity severity) {
    return switch (severity) {
      case URGENT -> "#c62828";
      case UNCLASSIFIED -> "#ef6c00";
      case SAFE -> "#2e7d32";
    };
  }

  /** The text on one line: every control character (line breaks, tabs, escapes) becomes a space. */
  static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\p{Cntrl}+", " ").strip();
  }
}
