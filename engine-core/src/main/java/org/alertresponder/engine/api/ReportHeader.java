package org.alertresponder.engine.api;

import java.time.Instant;

/**
 * The small, frequently changing part of a report: identity, lifecycle state and counters. Lists of
 * reports are lists of headers; stores update a header with a compare-and-set on {@code revision}.
 *
 * @param id                  time-ordered UUIDv7
 * @param groupKey            see {@link Alert#groupKey()}
 * @param status              lifecycle state
 * @param version             how many versions have been published (0 before the first)
 * @param alertCount          alerts stored in the report
 * @param publishedAlertCount alerts the latest published version covered (0 before the first); a
 *                            published report with more alerts than that holds late alerts
 * @param reviewDueAt         when the pending review is due, or null when none is pending
 * @param result              the latest published verdict, or null before the first
 * @param revision            incremented by every change; the basis of optimistic concurrency
 */
public record ReportHeader(String id, String groupKey, String detector, String ruleId, String ruleName,
                           String alertKey, ReportStatus status, int version, Instant createdAt,
                           Instant updatedAt, int alertCount, int publishedAlertCount, Instant reviewDueAt,
                           Verdict result, long revision) {

  /** The version the next publication will carry. */
  public int nextVersion() {
    return version + 1;
  }

  /** True when the report holds alerts that no published version covers yet. */
  public boolean hasUnpublishedAlerts() {
    return alertCount > publishedAlertCount;
  }

  public ReportHeader withStatus(ReportStatus newStatus) {
    return new ReportHeader(id, groupKey, detector, ruleId, ruleName, alertKey, newStatus, version, createdAt,
        updatedAt, alertCount, publishedAlertCount, reviewDueAt, result, revision);
  }

  public ReportHeader withReviewDueAt(Instant newReviewDueAt) {
    return new ReportHeader(id, groupKey, detector, ruleId, ruleName, alertKey, status, version, createdAt,
        updatedAt, alertCount, publishedAlertCount, newReviewDueAt, result, revision);
  }

  public ReportHeader withUpdatedAt(Instant newUpdatedAt) {
    return new ReportHeader(id, groupKey, detector, ruleId, ruleName, alertKey, status, version, createdAt,
        newUpdatedAt, alertCount, publishedAlertCount, reviewDueAt, result, revision);
  }

  /** The header of a new publication: its version, its verdict and how many alerts it covered. */
  public ReportHeader withPublication(int newVersion, Verdict newResult, int coveredAlerts) {
    return new ReportHeader(id, groupKey, detector, ruleId, ruleName, alertKey, status, newVersion, createdAt,
        updatedAt, alertCount, coveredAlerts, reviewDueAt, newResult, revision);
  }

  /** The header after one more alert was stored: the stores apply exactly this. */
  public ReportHeader withAlertAdded(Instant receivedAt) {
    Instant newUpdatedAt = updatedAt == null || receivedAt.isAfter(updatedAt) ? receivedAt : updatedAt;
    return new ReportHeader(id, groupKey, detector, ruleId, ruleName, alertKey, status, version, createdAt,
        newUpdatedAt, alertCount + 1, publishedAlertCount, reviewDueAt, result, revision + 1);
  }

  public ReportHeader withRevision(long newRevision) {
    return new ReportHeader(id, groupKey, detector, ruleId, ruleName, alertKey, status, version, createdAt,
        updatedAt, alertCount, publishedAlertCount, reviewDueAt, result, newRevision);
  }
}
