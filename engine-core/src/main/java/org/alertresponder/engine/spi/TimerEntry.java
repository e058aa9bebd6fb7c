package org.alertresponder.engine.spi;

import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.internal.FrozenJson;

import java.time.Instant;
import java.util.Objects;

/**
 * A durable timer: an id, a kind, when it is due, what its handler needs, and how often it was claimed.
 *
 * <p>What the handler needs is JSON ({@link #payload()}), which is what a store keeps, or a typed
 * {@link Payload} the engine scheduled it with ({@link #message(Class)}), which a queue in this process hands
 * back as it is. The JSON of a typed message is made when first asked for.
 */
public final class TimerEntry {
  private final String id;
  private final String kind;
  private final Instant dueAt;
  private final Payload message;
  private final int deliveries;
  private volatile JsonObject payload;

  /**
   * A timer as a store reads it back.
   *
   * @param id         unique; scheduling an id that exists does nothing, which makes every schedule
   *                   idempotent and coalesces the same review asked for twice
   * @param kind       what to do when it fires (see the engine's timer kinds)
   * @param dueAt      when it fires
   * @param payload    JSON the handler needs (frozen here)
   * @param deliveries how many times it has been claimed, counting the current claim
   */
  public TimerEntry(String id, String kind, Instant dueAt, JsonObject payload, int deliveries) {
    this(id, kind, dueAt, null, FrozenJson.freezeObject(payload == null ? new JsonObject() : payload), deliveries);
  }

  private TimerEntry(String id, String kind, Instant dueAt, Payload message, JsonObject payload, int deliveries) {
    this.id = Objects.requireNonNull(id, "id");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.dueAt = Objects.requireNonNull(dueAt, "dueAt");
    this.message = message;
    this.payload = payload;
    this.deliveries = deliveries;
  }

  public static TimerEntry of(String id, String kind, Instant dueAt, JsonObject payload) {
    return new TimerEntry(id, kind, dueAt, payload, 0);
  }

  /** A timer carrying a typed message; its JSON is made only if a store asks for it. */
  public static TimerEntry carrying(String id, String kind, Instant dueAt, Payload message) {
    return new TimerEntry(id, kind, dueAt, Objects.requireNonNull(message, "message"), null, 0);
  }

  public String id() {
    return id;
  }

  public String kind() {
    return kind;
  }

  public Instant dueAt() {
    return dueAt;
  }

  /** The JSON the handler needs (frozen); for a typed message, its JSON, made on the first call. */
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
   * The typed message this timer was scheduled with, when it is of {@code type} and this entry still holds
   * it (a queue in this process); null when it holds only JSON, which the caller then decodes.
   */
  public <T extends Payload> T message(Class<T> type) {
    return type.isInstance(message) ? type.cast(message) : null;
  }

  /** How many times it has been claimed, counting the current claim. */
  public int deliveries() {
    return deliveries;
  }

  public TimerEntry withDeliveries(int value) {
    return new TimerEntry(id, kind, dueAt, message, payload, value);
  }

  /** Equal when id, kind, due time, JSON and deliveries are; whether the message is typed does not count. */
  @Override
  public boolean equals(Object other) {
    return other instanceof TimerEntry that && deliveries == that.deliveries && id.equals(that.id)
        && kind.equals(that.kind) && dueAt.equals(that.dueAt) && payload().equals(that.payload());
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, kind, dueAt, payload(), deliveries);
  }

  @Override
  public String toString() {
    return "TimerEntry[id=" + id + ", kind=" + kind + ", dueAt=" + dueAt + ", payload=" + payload().encode()
        + ", deliveries=" + deliveries + "]";
  }
}
