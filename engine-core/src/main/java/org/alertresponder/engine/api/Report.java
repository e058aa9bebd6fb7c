package org.alertresponder.engine.api;

import java.time.Instant;
import java.util.List;

/**
 * A compiled report: what reviewers and emitters receive and what the API returns.
 *
 * @param id          time-ordered UUIDv7
 * @param groupKey    see {@link Alert#groupKey()}
 * @param status      lifecycle state
 * @param version     the published version this report is (0 before the first publication)
 * @param alerts      every alert of the report, oldest first
 * @param attributes  deduplicated attributes: the alerts' own (depth 0) and those inspectors discovered
 * @param sections    findings grouped per attribute
 * @param inspections one record per attribute × inspector
 * @param cut         attributes correlation did not follow because a bound was reached (at most as
 *                    many as {@code inspection.max-attributes}; {@code cutCount} counts them all)
 * @param result      the verdict of this version, or null before review
 * @param verdicts    the verdict of every published version, oldest first
 */
public record Report(String id, String groupKey, String detector, String ruleId, String ruleName, String alertKey,
                     ReportStatus status, int version, Instant createdAt, Instant updatedAt,
                     List<ReceivedAlert> alerts, List<ReportAttribute> attributes, List<Section> sections,
                     List<InspectionRecord> inspections, List<CutAttribute> cut, int cutCount, Verdict result,
                     List<PublishedVerdict> verdicts) {

  public Report {
    alerts = List.copyOf(alerts);
    attributes = List.copyOf(attributes);
    sections = List.copyOf(sections);
    inspections = List.copyOf(inspections);
    cut = List.copyOf(cut);
    verdicts = List.copyOf(verdicts);
  }

  /** The same report as published at {@code newVersion} with {@code verdict}. */
  public Report published(int newVersion, Verdict verdict, Instant publishedAt) {
    List<PublishedVerdict> history = new java.util.ArrayList<>(verdicts);
    history.add(new PublishedVerdict(newVersion, verdict, publishedAt));
    return new Report(id, groupKey, detector, ruleId, ruleName, alertKey, ReportStatus.PUBLISHED, newVersion,
        createdAt, updatedAt, alerts, attributes, sections, inspections, cut, cutCount, verdict, history);
  }

  /** The findings about one attribute, or an empty list. */
  public List<Finding> findingsFor(String attributeHash) {
    for (Section section : sections) {
      if (section.attribute().hash().equals(attributeHash)) {
        return section.findings();
      }
    }
    return List.of();
  }

  /** The inspection record of one attribute by one inspector, or null. */
  public InspectionRecord inspection(String attributeHash, String inspector) {
    for (InspectionRecord record : inspections) {
      if (record.attributeHash().equals(attributeHash) && record.inspector().equals(inspector)) {
        return record;
      }
    }
    return null;
  }

  /** The attribute with this value (any type), or null. */
  public ReportAttribute attributeWithValue(String value) {
    for (ReportAttribute attribute : attributes) {
      if (attribute.attribute().value().equals(value)) {
        return attribute;
      }
    }
    return null;
  }
}
