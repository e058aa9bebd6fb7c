package org.alertresponder.engine.aggregation;

import org.alertresponder.engine.api.Alert;
import org.alertresponder.engine.api.EngineConfig;
import org.alertresponder.engine.api.ReportHeader;
import org.alertresponder.engine.api.ReportStatus;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where an alert goes (DESIGN §3, aggregation), as a pure function of its group's current report and
 * the time.
 *
 * <ul>
 *   <li>No current report, or its window ({@code aggregation.window} from its creation) has closed:
 *       create a new report, due for review {@code review.delay} from now.</li>
 *   <li>Otherwise join it, whatever its status. Whether a published report must be re-opened is decided
 *       once the alert is stored and known to be new (see {@code AggregationService}), so that a re-sent
 *       alert never re-opens a report.</li>
 * </ul>
 */
public final class AggregationRules {
  private AggregationRules() {
  }

  /** What to do with an alert. */
  public sealed interface Decision permits Create, Join {
    ReportHeader header();
  }

  /** Create {@code header} if the group's current report is still {@code expectedCurrentId}. */
  public record Create(ReportHeader header, String expectedCurrentId) implements Decision {
  }

  /** Add the alert to the report. */
  public record Join(ReportHeader header) implements Decision {
  }

  public static Decision decide(Optional<ReportHeader> current, Alert alert, String groupKey, Instant now,
                                EngineConfig config, Supplier<String> newReportId) {
    if (current.isEmpty() || !now.isBefore(windowClosesAt(current.get(), config))) {
      return new Create(newReport(newReportId.get(), alert, groupKey, now, config),
          current.map(ReportHeader::id).orElse(null));
    }
    return new Join(current.get());
  }

  /** When a report stops taking alerts: {@code aggregation.window} after its creation. */
  public static Instant windowClosesAt(ReportHeader report, EngineConfig config) {
    return report.createdAt().plus(config.aggregation().window());
  }

  /** The header of a new report for an alert: open, due for review {@code review.delay} from now. */
  public static ReportHeader newReport(String id, Alert alert, String groupKey, Instant now, EngineConfig config) {
    return new ReportHeader(id, groupKey, alert.detector(), alert.ruleId(), alert.ruleName(), alert.alertKey(),
        ReportStatus.OPEN, 0, now, now, 0, 0, now.plus(config.review().delay()), null, 0);
  }
}
