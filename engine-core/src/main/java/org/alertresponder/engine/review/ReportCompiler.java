package org.alertresponder.engine.review;

import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.api.InspectionRecord;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportAttribute;
import org.alertresponder.engine.api.ReportHeader;
import org.alertresponder.engine.api.Section;
import org.alertresponder.engine.inspection.InspectionPlan;
import org.alertresponder.engine.spi.InspectionOutcome;
import org.alertresponder.engine.spi.StoredReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what a store holds into the report reviewers, emitters and the API see: findings grouped per
 * attribute (in the order attributes were admitted), and one inspection record per attribute ×
 * interested inspector, {@code pending} for those still running.
 */
public final class ReportCompiler {
  private final InspectionPlan plan;

  public ReportCompiler(InspectionPlan plan) {
    this.plan = plan;
  }

  public Report compile(StoredReport stored) {
    Map<String, List<Finding>> findingsByAttribute = new LinkedHashMap<>();
    List<InspectionRecord> inspections = new ArrayList<>(stored.inspections().size());
    for (InspectionOutcome outcome : stored.inspections()) {
      inspections.add(outcome.record());
      if (!outcome.findings().isEmpty()) {
        findingsByAttribute.computeIfAbsent(outcome.record().attributeHash(), h -> new ArrayList<>())
            .addAll(outcome.findings());
      }
    }
    inspections.addAll(plan.pending(stored));
    List<Section> sections = new ArrayList<>(findingsByAttribute.size());
    for (ReportAttribute attribute : stored.attributes()) {
      List<Finding> findings = findingsByAttribute.get(attribute.hash());
      if (findings != null) {
        sections.add(new Section(attribute, findings));
      }
    }
    ReportHeader header = stored.header();
    return new Report(header.id(), header.groupKey(), header.detector(), header.ruleId(), header.ruleName(),
        header.alertKey(), header.status(), header.version(), header.createdAt(), header.updatedAt(), stored.alerts(),
        stored.attributes(), sections, inspections, stored.cut(), stored.cutCount(), header.result(),
        stored.verdicts());
  }
}
