package org.alertresponder.engine.spi;

import org.alertresponder.engine.api.CutAttribute;
import org.alertresponder.engine.api.PublishedVerdict;
import org.alertresponder.engine.api.ReceivedAlert;
import org.alertresponder.engine.api.ReportAttribute;
import org.alertresponder.engine.api.ReportHeader;

import java.util.List;

/**
 * Everything a store holds about one report, as it holds it; the engine compiles it into a
 * {@link org.alertresponder.engine.api.Report}.
 *
 * @param alerts     in the order they were stored
 * @param attributes in the order they were admitted
 * @param cutCount   every cut attribute, including those beyond the recorded ones
 * @param verdicts   one per published version, oldest first
 */
public record StoredReport(ReportHeader header, List<ReceivedAlert> alerts, List<ReportAttribute> attributes,
                           List<CutAttribute> cut, int cutCount, List<InspectionOutcome> inspections,
                           List<PublishedVerdict> verdicts) {
  public StoredReport {
    alerts = List.copyOf(alerts);
    attributes = List.copyOf(attributes);
    cut = List.copyOf(cut);
    inspections = List.copyOf(inspections);
    verdicts = List.copyOf(verdicts);
  }
}
