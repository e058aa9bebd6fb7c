package org.alertresponder.engine.spi;

import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.Finding;

import java.util.List;

/**
 * What an inspector found: findings about the attribute, and new attributes to inspect in turn (an IP
 * address's host name, a file's download URL).
 */
public record InspectionResult(List<Finding> findings, List<Attribute> attributes) {
  public InspectionResult {
    findings = findings == null ? List.of() : List.copyOf(findings);
    attributes = attributes == null ? List.of() : List.copyOf(attributes);
  }

  public static InspectionResult empty() {
    return new InspectionResult(List.of(), List.of());
  }

  public static InspectionResult of(Finding... findings) {
    return new InspectionResult(List.of(findings), List.of());
  }

  public InspectionResult withAttributes(List<Attribute> newAttributes) {
    return new InspectionResult(findings, newAttributes);
  }
}
