package org.alertresponder.engine.api;

/** How the inspection of one attribute by one inspector ended (or that it has not ended yet). */
public enum InspectionStatus {
  /** The inspector answered; its findings are in the report's sections. */
  DONE("done"),
  /** The inspector failed (after its retries) or answered something malformed. */
  FAILED("failed"),
  /** The inspector did not answer within its timeout (after its retries). */
  TIMED_OUT("timed_out"),
  /** The engine chose not to run it. */
  SKIPPED("skipped"),
  /** Still running when the report was compiled. */
  PENDING("pending");

  private final String wireName;

  InspectionStatus(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public boolean settled() {
    return this != PENDING;
  }

  public static InspectionStatus fromWire(String value) {
    for (InspectionStatus status : values()) {
      if (status.wireName.equals(value)) {
        return status;
      }
    }
    throw new IllegalArgumentException("unknown inspection status \"" + value + "\"");
  }

  @Override
  public String toString() {
    return wireName;
  }
}
