package org.alertresponder.engine.api;

/** Where one delivery of one publication to one emitter stands. */
public enum DeliveryStatus {
  PENDING("pending"),
  DELIVERED("delivered"),
  DEAD("dead");

  private final String wireName;

  DeliveryStatus(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static DeliveryStatus fromWire(String value) {
    for (DeliveryStatus status : values()) {
      if (status.wireName.equals(value)) {
        return status;
      }
    }
    throw new IllegalArgumentException("unknown delivery status \"" + value + "\"");
  }

  @Override
  public String toString() {
    return wireName;
  }
}
