package org.alertresponder.engine.spi;

import org.alertresponder.engine.api.CutAttribute;
import org.alertresponder.engine.api.ReportAttribute;

import java.util.List;

/**
 * What became of attributes offered to a report.
 *
 * @param admitted   new to the report and within bounds: to be inspected
 * @param duplicates already in the report (the stored copy, which may have another origin)
 * @param cut        new but beyond a bound
 */
public record Admission(List<ReportAttribute> admitted, List<ReportAttribute> duplicates, List<CutAttribute> cut) {
  public Admission {
    admitted = List.copyOf(admitted);
    duplicates = List.copyOf(duplicates);
    cut = List.copyOf(cut);
  }
}
