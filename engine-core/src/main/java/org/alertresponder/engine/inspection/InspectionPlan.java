package org.alertresponder.engine.inspection;

import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.CutAttribute;
import org.alertresponder.engine.api.InspectionRecord;
import org.alertresponder.engine.api.InspectionStatus;
import org.alertresponder.engine.api.ReceivedAlert;
import org.alertresponder.engine.api.ReportAttribute;
import org.alertresponder.engine.spi.InspectionOutcome;
import org.alertresponder.engine.spi.InspectorSpec;
import org.alertresponder.engine.spi.StoredReport;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which inspector inspects which attribute, and whether a report's inspections have all settled.
 */
public final class InspectionPlan {
  private final List<InspectorSpec> specs;

  public InspectionPlan(List<InspectorSpec> specs) {
    this.specs = List.copyOf(specs);
  }

  public List<InspectorSpec> specs() {
    return specs;
  }

  /** The inspectors that want this attribute, in configuration order. */
  public List<InspectorSpec> inspectorsFor(Attribute attribute) {
    List<InspectorSpec> out = new ArrayList<>(2);
    for (InspectorSpec spec : specs) {
      if (spec.handles(attribute)) {
        out.add(spec);
      }
    }
    return out;
  }

  /**
   * The inspections a report still waits for: one per admitted attribute × interested inspector without
   * a recorded outcome, as {@code pending} records.
   */
  public List<InspectionRecord> pending(StoredReport report) {
    Set<String> recorded = recordedKeys(report);
    List<InspectionRecord> out = new ArrayList<>();
    for (ReportAttribute attribute : report.attributes()) {
      for (InspectorSpec spec : inspectorsFor(attribute.attribute())) {
        if (!recorded.contains(key(attribute.hash(), spec.name()))) {
          out.add(new InspectionRecord(attribute.hash(), spec.name(), InspectionStatus.PENDING, null, 0, null));
        }
      }
    }
    return out;
  }

  /**
   * True when every attribute of every alert has been admitted (or cut) and every admitted attribute has
   * an outcome from each interested inspector. New attributes are admitted before their parent's
   * outcome is recorded, so a report is never settled while a discovered attribute waits.
   */
  public boolean settled(StoredReport report) {
    Set<String> known = new HashSet<>();
    for (ReportAttribute attribute : report.attributes()) {
      known.add(attribute.hash());
    }
    for (CutAttribute cut : report.cut()) {
      known.add(cut.attribute().hash());
    }
    boolean cutRecordsComplete = report.cut().size() == report.cutCount();
    for (ReceivedAlert alert : report.alerts()) {
      for (Attribute attribute : alert.alert().attributes()) {
        if (!known.contains(attribute.hash()) && cutRecordsComplete) {
          return false;
        }
      }
    }
    return pending(report).isEmpty();
  }

  private static Set<String> recordedKeys(StoredReport report) {
    Set<String> recorded = new HashSet<>();
    for (InspectionOutcome outcome : report.inspections()) {
      recorded.add(key(outcome.record().attributeHash(), outcome.record().inspector()));
    }
    return recorded;
  }

  private static String key(String hash, String inspector) {
    return hash + "\u0000" + inspector;
  }
}
