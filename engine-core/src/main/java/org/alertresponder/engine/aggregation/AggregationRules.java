package org.alertresponder.engine.aggregation;

import org.alertresponder.engine.api.Alert;
import org.alertresponder.engine.api.EngineConfig;
import org.alertresponder.engine.api.ReportHeader;
import org.alertresponder.engine.api.ReportStatus;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where an alert goes (DESIGN §3, aggregation and late alerts), as a pure function of its group's
 * current report and the time.
 *
 * <ul>
 *   <li>No current report, or its window ({@code aggregation.window} from its creation) has closed:
 *       create a new report, due for review {@code review.delay} from now.</li>
 *   <li>The current report is published: re-open it, due for re-review {@code review.delay} from now
 *       (the first late alert sets the time; later ones join the open report and change nothing).</li>
 *   <li>Otherwise (open or being reviewed): join it. An alert that joins during a review is picked up by
 *       the publication, which re-opens the report for it.</li>
 * </ul>
 */
public final class AggregationRules {
  private AggregationRules() {
  }

  /** What to do with an alert. */
  public sealed interface Decision permits Create, Join, Reopen {
    ReportHeader header();
  }

  /** Create {@code header} if the group's current report is still {@code expectedCurrentId}. */
  public record Create(ReportHeader header, String expectedCurrentId) implements Decision {
  }

  /** Add the alert to the report as it is. */
  public record Join(ReportHeader header) implements Decision {
  }

  /** Replace the header (re-opened) if its revision is still {@code expectedRevision}, then add the alert. */
  public record Reopen(ReportHeader header, long expectedRevision) implements Decision {
  }

  public static Decision decide(Optional<ReportHeader> current, Alert alert, String groupKey, Instant now,
                                EngineConfig config, Supplier<String> newReportId) {
    if (current.isEmpty() || !now.isBefore(current.get().createdAt().plus(config.aggregation().window()))) {
      ReportHeader header = new ReportHeader(newReportId.get(), groupKey, alert.detector(), alert.ruleId(),
          alert.ruleName(), alert.alertKey(), ReportStatus.OPEN, 0, now, now, 0,
          now.plus(config.review().delay()), null, 0);
      return new Create(header, current.map(ReportHeader::id).orElse(null));
    }
    ReportHeader header = current.get();
    if (header.status() == ReportStatus.PUBLISHED) {
      ReportHeader reopened = header.withStatus(ReportStatus.OPEN)
          .withReviewDueAt(now.plus(config.review().delay()))
          .withUpdatedAt(now);
      return new Reopen(reopened, header.revision());
    }
    return new Join(header);
  }
}
