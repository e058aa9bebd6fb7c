package org.alertresponder.engine.spi;

import org.alertresponder.engine.api.InspectionStatus;
import org.alertresponder.engine.api.Receipt;
import org.alertresponder.engine.api.ReportStatus;
import org.alertresponder.engine.api.Severity;

import java.time.Duration;
import java.util.List;

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

  /**
   * What a reader of the report would see changed, once stored: an alert added, its status moved, an
   * inspection recorded or a version published. The web console's live list is fed by this.
   */
  default void reportChanged(String reportId) {
  }

  /** One observer that tells each of {@code observers}, in order, everything it hears. */
  static EngineObserver all(List<EngineObserver> observers) {
    List<EngineObserver> each = List.copyOf(observers);
    return new EngineObserver() {
      @Override
      public void alertAccepted(Receipt receipt) {
        each.forEach(o -> o.alertAccepted(receipt));
      }

      @Override
      public void reportStatusChanged(ReportStatus from, ReportStatus to) {
        each.forEach(o -> o.reportStatusChanged(from, to));
      }

      @Override
      public void reportPublished(Severity severity, int version) {
        each.forEach(o -> o.reportPublished(severity, version));
      }

      @Override
      public void reviewerFailed(String reviewer) {
        each.forEach(o -> o.reviewerFailed(reviewer));
      }

      @Override
      public void inspectionFinished(String inspector, InspectionStatus status, Duration latency, boolean cached) {
        each.forEach(o -> o.inspectionFinished(inspector, status, latency, cached));
      }

      @Override
      public void deliveryAttempted(String emitter, boolean delivered) {
        each.forEach(o -> o.deliveryAttempted(emitter, delivered));
      }

      @Override
      public void deadLettered(String emitter) {
        each.forEach(o -> o.deadLettered(emitter));
      }

      @Override
      public void timerFired(String kind, Duration lag) {
        each.forEach(o -> o.timerFired(kind, lag));
      }

      @Override
      public void reportChanged(String reportId) {
        each.forEach(o -> o.reportChanged(reportId));
      }
    };
  }
}
