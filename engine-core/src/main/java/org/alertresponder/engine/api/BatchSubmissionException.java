package org.alertresponder.engine.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Some alerts of a batch were stored and others were not (the store failed midway). The stored ones are
 * accepted and will be processed; send the others again.
 */
public final class BatchSubmissionException extends RuntimeException {
  private final transient List<Receipt> receipts;

  /**
   * @param receipts one per alert of the batch, in order; null for an alert that was not stored
   */
  public BatchSubmissionException(List<Receipt> receipts, Throwable cause) {
    super(stored(receipts) + " of " + receipts.size() + " alerts were stored before a failure: " + cause.getMessage(),
        cause);
    this.receipts = Collections.unmodifiableList(new ArrayList<>(receipts));
  }

  /** One per alert of the batch, in order; null for an alert that was not stored. */
  public List<Receipt> receipts() {
    return receipts;
  }

  private static long stored(List<Receipt> receipts) {
    return receipts.stream().filter(r -> r != null).count();
  }
}
