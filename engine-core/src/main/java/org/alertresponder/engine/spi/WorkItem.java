package org.alertresponder.engine.spi;

import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.internal.FrozenJson;

import java.util.Objects;

/**
 * One unit of work on a named queue (one attribute for one inspector): an id, what the worker needs, and how
 * often it was claimed.
 *
 * <p>What the worker needs is JSON ({@link #payload()}), which is what a store keeps, or a typed
 * {@link Payload} the engine queued it with ({@link #message(Class)}), which a queue in this process hands
 * back as it is. The JSON of a typed message is made when first asked for.
 */
public final class WorkItem {
  private final String id;
  private final Payload message;
  private final int deliveries;
  private volatile JsonObject payload;

  /**
   * A work item as a store reads it back.
   *
   * @param id         unique within its queue; enqueueing an id that is waiting or leased does nothing
   * @param payload    JSON the worker needs (frozen here)
   * @param deliveries how many times it has been claimed, counting the current claim
   */
  public WorkItem(String id, JsonObject payload, int deliveries) {
    this(id, null, FrozenJson.freezeObject(payload == null ? new JsonObject() : payload), deliveries);
  }

  private WorkItem(String id, Payload message, JsonObject payload, int deliveries) {
    this.id = Objects.requireNonNull(id, "id");
    this.message = message;
    this.payload = payload;
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

  /** The JSON the worker needs (frozen); for a typed message, its JSON, made on the first call. */
  public JsonObject payload() {
    JsonObject json = payload;
    if (json == null) {
      // Two threads may both encode it; either result is the same frozen value.
      json = FrozenJson.adopt(message.toJson());
      payload = json;
    }
    return json;
  }

  /**
   * The typed message this item was queued with, when it is of {@code type} and this item still holds it (a
   * queue in this process); null when it holds only JSON, which the caller then decodes.
   */
  public <T extends Payload> T message(Class<T> type) {
    return type.isInstance(message) ? type.cast(message) : null;
  }

  /** How many times it has been claimed, counting the current claim. */
  public int deliveries() {
    return deliveries;
  }

  public WorkItem withDeliveries(int value) {
    return new WorkItem(id, message, payload, value);
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
