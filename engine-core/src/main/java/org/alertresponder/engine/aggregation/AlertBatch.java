package org.alertresponder.engine.aggregation;

import org.alertresponder.engine.api.Alert;
import org.alertresponder.engine.api.Receipt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Validated alerts submitted together, sent to the aggregation stage as one message: a batch of 100 alerts
 * costs one request and reply on the event bus instead of a hundred.
 *
 * @param alerts validated and normalised, in the order of their receipts
 */
public record AlertBatch(List<Alert> alerts) {
  public AlertBatch {
    alerts = List.copyOf(alerts);
  }

  /**
   * How each alert of a batch went: its receipt, or null where it was not stored, and the first failure.
   *
   * @param receipts one per alert, in order
   * @param failure  the first alert's failure, or null when every alert was stored
   */
  public record Outcome(List<Receipt> receipts, Throwable failure) {
    public Outcome {
      // Receipts may be null (an alert not stored), which List.copyOf refuses.
      receipts = Collections.unmodifiableList(new ArrayList<>(receipts));
    }
  }
}
