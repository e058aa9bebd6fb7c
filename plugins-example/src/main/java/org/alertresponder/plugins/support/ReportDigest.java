package org.alertresponder.plugins.support;

import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.api.PublishedVerdict;
import org.alertresponder.engine.api.ReceivedAlert;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportAttribute;
import org.alertresponder.engine.api.Section;
import org.alertresponder.engine.api.Severity;
import org.alertresponder.engine.api.Verdict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a person needs to read first about a published report, the same in every human-facing emitter
 * (Slack, GitHub, e-mail, PagerDuty): a title, the verdict, the alerts' own attributes and what the
 * inspectors found, each list bounded so that a report of 500 attributes still fits a chat message.
 *
 * @param title         {@code "<rule name or id> (<detector>)"}
 * @param severity      the verdict's severity ({@code unclassified} before any review)
 * @param reason        the verdict's reason
 * @param version       the published version
 * @param alertCount    how many alerts the report holds
 * @param firstSeen     the oldest alert's timestamp, or null without alerts
 * @param lastSeen      the newest alert's timestamp, or null without alerts
 * @param keyAttributes the alerts' own attributes (depth 0), at most {@link #MAX_ATTRIBUTES}
 * @param moreAttributes how many attributes (of any depth) the list leaves out
 * @param findings      one line per attribute and inspector that found something, at most {@link #MAX_FINDINGS}
 * @param moreFindings  how many such lines were left out
 */
public record ReportDigest(String title, Severity severity, String reason, int version, int alertCount,
                           Instant firstSeen, Instant lastSeen, List<KeyAttribute> keyAttributes, int moreAttributes,
                           List<FindingLine> findings, int moreFindings) {
  public static final int MAX_ATTRIBUTES = 10;
  public static final int MAX_FINDINGS = 10;

  /** An attribute as a person reads it: its type, its label and its value. */
  public record KeyAttribute(String type, String key, String value) {
    /** {@code "key: value"}, or {@code "type: value"} when the attribute has no label. */
    public String text() {
      return (key.isEmpty() ? type : key) + ": " + value;
    }
  }

  /** What one inspector found about one attribute: how many findings of which types. */
  public record FindingLine(String inspector, String attributeValue, int count, List<String> types) {
    /** {@code "blocklist: 1 host finding on 203.0.113.7"}. */
    public String text() {
      return inspector + ": " + count + " " + String.join("/", types) + (count == 1 ? " finding" : " findings")
          + " on " + attributeValue;
    }
  }

  /** The verdict's severity, {@code unclassified} before any review: what an emitter acts on. */
  public static Severity severityOf(Report report) {
    return report.result() == null ? Severity.UNCLASSIFIED : report.result().severity();
  }

  /** Whether a version before this one had a verdict other than safe (and so may have paged or opened an issue). */
  public static boolean wasEverUnsafe(Report report) {
    for (PublishedVerdict published : report.verdicts()) {
      if (published.version() < report.version() && published.verdict().severity() != Severity.SAFE) {
        return true;
      }
    }
    return false;
  }

  /** When this version was published, or null when the report does not say. */
  public static Instant publishedAt(Report report) {
    for (PublishedVerdict published : report.verdicts()) {
      if (published.version() == report.version() && published.publishedAt() != null) {
        return published.publishedAt();
      }
    }
    return null;
  }

  public static ReportDigest of(Report report) {
    Verdict verdict = report.result() == null ? Verdict.unclassified("not reviewed yet") : report.result();
    String rule = report.ruleName() == null || report.ruleName().isBlank() ? report.ruleId() : report.ruleName();
    Instant first = null;
    Instant last = null;
    for (ReceivedAlert alert : report.alerts()) {
      Instant at = alert.alert().timestamp() == null ? alert.receivedAt() : alert.alert().timestamp();
      first = first == null || at.isBefore(first) ? at : first;
      last = last == null || at.isAfter(last) ? at : last;
    }
    List<KeyAttribute> attributes = new ArrayList<>();
    for (ReportAttribute attribute : report.attributes()) {
      if (attribute.depth() == 0 && attributes.size() < MAX_ATTRIBUTES) {
        attributes.add(new KeyAttribute(attribute.attribute().type(), attribute.attribute().key(),
            attribute.attribute().value()));
      }
    }
    List<FindingLine> lines = new ArrayList<>();
    int total = 0;
    for (Section section : report.sections()) {
      Map<String, List<Finding>> byInspector = new LinkedHashMap<>();
      for (Finding finding : section.findings()) {
        byInspector.computeIfAbsent(finding.author() == null ? "unknown" : finding.author(), k -> new ArrayList<>())
            .add(finding);
      }
      for (Map.Entry<String, List<Finding>> entry : byInspector.entrySet()) {
        total++;
        if (lines.size() < MAX_FINDINGS) {
          List<String> types = entry.getValue().stream().map(Finding::type).distinct().toList();
          lines.add(new FindingLine(entry.getKey(), section.attribute().attribute().value(), entry.getValue().size(),
              types));
        }
      }
    }
    return new ReportDigest(rule + " (" + report.detector() + ")", verdict.severity(), verdict.reason(),
        report.version(), report.alerts().size(), first, last, List.copyOf(attributes),
        report.attributes().size() - attributes.size(), List.copyOf(lines), total - lines.size());
  }
}
