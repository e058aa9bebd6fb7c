package org.alertresponder.engine.spi;

import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.api.InspectionRecord;

import java.util.List;

/** An inspection record with the findings it produced, stored together and replaced together. */
public record InspectionOutcome(InspectionRecord record, List<Finding> findings) {
  public InspectionOutcome {
    findings = List.copyOf(findings);
  }
}
