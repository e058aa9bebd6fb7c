package org.alertresponder.engine.spi;

import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * One unit of work on a named queue (one attribute for one inspector): an id, what the worker needs, and how
 * often it was claimed.
 *
 * <p>What the worker needs is JSON ({@link #payload()}), which is what a store keeps, or a typed
 * {@link Payload} the engine queued it with ({@link #message(Class)}), which a queue in this process hands
 * back as it is. The JSON of a typed message is made when first asked for.
 */
public final class WorkItem extends CarriedPayload {
  private final String id;
  private final int deliveries;

  /**
   * A work item as a store reads it back.
   *
   * @param id         unique within its queue; enqueueing an id that is waiting or leased does nothing
   * @param payload    JSON the worker needs (frozen here)
   * @param deliveries how many times it has been claimed, counting the current claim
   */
  public WorkItem(String id, JsonObject payload, int deliveries) {
    this(id, null, frozen(payload), deliveries);
  }

  private WorkItem(String id, Payload message, JsonObject payload, int deliveries) {
    super(message, payload);
    this.id = Objects.requireNonNull(id, "id");
    this.deliveries = deliveries;
  }

  public static WorkItem of(String id, JsonObject payload) {
    return new WorkItem(id, payload, 0);
  }

  /** A work item carrying a typed message; its JSON is made only if a store asks for it. */
  public static WorkItem carrying(String id, Payload message) {
    return new WorkItem(id, Objects.requireNonNull(message, "message"), null, 0);
  }

  public String id() {
    return id;
  }

  /** How many times it has been claimed, counting the current claim. */
  public int deliveries() {
    return deliveries;
  }

  public WorkItem withDeliveries(int value) {
    return new WorkItem(id, message(), payloadIfMade(), value);
  }

  /** Equal when id, JSON and deliveries are; whether the message is typed does not count. */
  @Override
  public boolean equals(Object other) {
    return other instanceof WorkItem that && deliveries == that.deliveries && id.equals(that.id)
        && payload().equals(that.payload());
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, payload(), deliveries);
  }

  @Override
  public String toString() {
    return "WorkItem[id=" + id + ", payload=" + payload().encode() + ", deliveries=" + deliveries + "]";
  }
}
