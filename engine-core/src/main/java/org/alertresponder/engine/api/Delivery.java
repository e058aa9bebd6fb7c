package org.alertresponder.engine.api;

import java.time.Instant;

/**
 * One publication (report id + version) on its way to one emitter. A dead delivery is a dead letter.
 *
 * @param id            {@code <report id>:<version>:<emitter>}; deliveries are idempotent on it
 * @param attempts      calls made so far
 * @param nextAttemptAt when the next attempt is due (meaningful while pending)
 * @param lastError     the last failure, or null
 */
public record Delivery(String id, String emitter, String reportId, int version, DeliveryStatus status, int attempts,
                       Instant nextAttemptAt, String lastError, Instant createdAt, Instant updatedAt) {

  public static String idOf(String reportId, int version, String emitter) {
    return reportId + ":" + version + ":" + emitter;
  }

  public static Delivery pending(String emitter, String reportId, int version, Instant now) {
    return new Delivery(idOf(reportId, version, emitter), emitter, reportId, version, DeliveryStatus.PENDING, 0, now,
        null, now, now);
  }

  /**
   * A pending delivery not due before {@code dueAt}: queued by an instance other than the publisher while
   * the publisher may still be making its first attempt (see the emission service), so that nobody
   * claims it meanwhile.
   */
  public static Delivery held(String emitter, String reportId, int version, Instant now, Instant dueAt) {
    return new Delivery(idOf(reportId, version, emitter), emitter, reportId, version, DeliveryStatus.PENDING, 0,
        dueAt, null, now, now);
  }

  public Delivery withStatus(DeliveryStatus newStatus, int newAttempts, Instant newNextAttemptAt, String newError,
                             Instant now) {
    return new Delivery(id, emitter, reportId, version, newStatus, newAttempts, newNextAttemptAt, newError, createdAt,
        now);
  }
}
