package org.alertresponder.engine.spi;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Objects;

/**
 * A durable timer: an id, a kind, when it is due, what its handler needs, and how often it was claimed.
 *
 * <p>What the handler needs is JSON ({@link #payload()}), which is what a store keeps, or a typed
 * {@link Payload} the engine scheduled it with ({@link #message(Class)}), which a queue in this process hands
 * back as it is. The JSON of a typed message is made when first asked for.
 */
public final class TimerEntry extends CarriedPayload {
  private final String id;
  private final String kind;
  private final Instant dueAt;
  private final int deliveries;

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
    this(id, kind, dueAt, null, frozen(payload), deliveries);
  }

  private TimerEntry(String id, String kind, Instant dueAt, Payload message, JsonObject payload, int deliveries) {
    super(message, payload);
    this.id = Objects.requireNonNull(id, "id");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.dueAt = Objects.requireNonNull(dueAt, "dueAt");
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

  /** How many times it has been claimed, counting the current claim. */
  public int deliveries() {
    return deliveries;
  }

  public TimerEntry withDeliveries(int value) {
    return new TimerEntry(id, kind, dueAt, message(), payloadIfMade(), value);
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
