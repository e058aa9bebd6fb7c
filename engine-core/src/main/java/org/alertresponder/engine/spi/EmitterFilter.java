package org.alertresponder.engine.spi;

import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.Severity;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which publications an emitter receives.
 *
 * @param minSeverity    only verdicts at least this serious
 * @param severities     only these severities (empty: all that pass {@code minSeverity})
 * @param firstVersionOnly only version 1 of each report, not the re-reviews of late alerts
 */
public record EmitterFilter(Severity minSeverity, Set<Severity> severities, boolean firstVersionOnly) {
  public EmitterFilter {
    minSeverity = minSeverity == null ? Severity.SAFE : minSeverity;
    severities = severities == null || severities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(severities));
  }

  public static EmitterFilter all() {
    return new EmitterFilter(Severity.SAFE, Set.of(), false);
  }

  public static EmitterFilter minSeverity(Severity severity) {
    return new EmitterFilter(severity, Set.of(), false);
  }

  public boolean accepts(Report report) {
    Severity severity = report.result() == null ? Severity.UNCLASSIFIED : report.result().severity();
    if (!severity.atLeast(minSeverity)) {
      return false;
    }
    if (!severities.isEmpty() && !severities.contains(severity)) {
      return false;
    }
    return !firstVersionOnly || report.version() == 1;
  }
}
