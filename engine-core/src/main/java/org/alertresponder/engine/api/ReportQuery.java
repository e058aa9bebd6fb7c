package org.alertresponder.engine.api;

import java.time.Instant;

/**
 * A filter over report headers, newest first. Every field but {@code limit} may be null (no filter).
 *
 * @param since  reports created at or after this instant
 * @param until  reports created before this instant
 * @param cursor the {@link Page#nextCursor()} of the previous page
 * @param limit  page size, 1 to {@link #MAX_LIMIT}
 */
public record ReportQuery(ReportStatus status, Severity severity, String detector, Instant since, Instant until,
                          String cursor, int limit) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 1000;

  public ReportQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
  }

  public static ReportQuery all() {
    return new ReportQuery(null, null, null, null, null, null, DEFAULT_LIMIT);
  }

  public ReportQuery withStatus(ReportStatus value) {
    return new ReportQuery(value, severity, detector, since, until, cursor, limit);
  }

  public ReportQuery withSeverity(Severity value) {
    return new ReportQuery(status, value, detector, since, until, cursor, limit);
  }

  public ReportQuery withDetector(String value) {
    return new ReportQuery(status, severity, value, since, until, cursor, limit);
  }

  public ReportQuery withCreatedBetween(Instant from, Instant to) {
    return new ReportQuery(status, severity, detector, from, to, cursor, limit);
  }

  public ReportQuery withCursor(String value) {
    return new ReportQuery(status, severity, detector, since, until, value, limit);
  }

  public ReportQuery withLimit(int value) {
    return new ReportQuery(status, severity, detector, since, until, cursor, value);
  }

  /** True when the header passes every filter (the cursor is not a filter). */
  public boolean matches(ReportHeader header) {
    if (status != null && header.status() != status) {
      return false;
    }
    if (severity != null && (header.result() == null || header.result().severity() != severity)) {
      return false;
    }
    if (detector != null && !detector.equals(header.detector())) {
      return false;
    }
    if (since != null && header.createdAt().isBefore(since)) {
      return false;
    }
    return until == null || header.createdAt().isBefore(until);
  }
}
