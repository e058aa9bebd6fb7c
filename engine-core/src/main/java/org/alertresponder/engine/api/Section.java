package org.alertresponder.engine.api;

import java.util.List;

/** The findings about one attribute, from every inspector that had something to say. */
public record Section(ReportAttribute attribute, List<Finding> findings) {
  public Section {
    findings = List.copyOf(findings);
  }
}
