package org.alertresponder.engine.api;

/**
 * Where a report is in its lifecycle: {@code open} → {@code reviewing} → {@code published}, and back to
 * {@code open} when a late alert joins a published report.
 */
public enum ReportStatus {
  OPEN("open"),
  REVIEWING("reviewing"),
  PUBLISHED("published");

  private final String wireName;

  ReportStatus(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static ReportStatus fromWire(String value) {
    for (ReportStatus status : values()) {
      if (status.wireName.equals(value)) {
        return status;
      }
    }
    throw new IllegalArgumentException("unknown report status \"" + value
        + "\"; expected open, reviewing or published");
  }

  @Override
  public String toString() {
    return wireName;
  }
}
