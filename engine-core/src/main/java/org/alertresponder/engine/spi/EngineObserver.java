package org.alertresponder.engine.spi;

import org.alertresponder.engine.api.InspectionStatus;
import org.alertresponder.engine.api.Receipt;
import org.alertresponder.engine.api.ReportStatus;
import org.alertresponder.engine.api.Severity;

import java.time.Duration;

/**
 * Hears what the engine does, for metrics and audit. Every method has an empty default; implementations
 * must be quick, thread-safe and must not throw (they run on the engine's event loops).
 */
public interface EngineObserver {
  EngineObserver NONE = new EngineObserver() {
  };

  /** An alert was stored in its report. */
  default void alertAccepted(Receipt receipt) {
  }

  /** A report moved from one status to another ({@code from} is null for a new report). */
  default void reportStatusChanged(ReportStatus from, ReportStatus to) {
  }

  /** A version of a report was published with this severity. */
  default void reportPublished(Severity severity, int version) {
  }

  /** The reviewer failed after its retries; the verdict fell back to unclassified. */
  default void reviewerFailed(String reviewer) {
  }

  /**
   * One inspection ended.
   *
   * @param latency from claiming the work to recording the outcome
   * @param cached  answered from the result cache (or a call already in flight), without a call of its own
   */
  default void inspectionFinished(String inspector, InspectionStatus status, Duration latency, boolean cached) {
  }

  /** One delivery attempt ended. */
  default void deliveryAttempted(String emitter, boolean delivered) {
  }

  /** A delivery became a dead letter. */
  default void deadLettered(String emitter) {
  }

  /** A durable timer fired {@code lag} after it was due. */
  default void timerFired(String kind, Duration lag) {
  }
}
