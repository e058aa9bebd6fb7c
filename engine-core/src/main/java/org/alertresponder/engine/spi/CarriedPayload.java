package org.alertresponder.engine.spi;

import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.internal.FrozenJson;

/**
 * What a {@link TimerEntry} or {@link WorkItem} carries for its handler: JSON as a store reads it back, or a
 * typed {@link Payload} the engine made, whose JSON is made when first asked for. A base class rather than a
 * field of its own, so that an entry queued in memory weighs no more than it must.
 */
abstract class CarriedPayload {
  private final Payload message;
  private volatile JsonObject payload;

  /** Exactly one of the two is non-null; the JSON is frozen already. */
  CarriedPayload(Payload message, JsonObject frozenPayload) {
    this.message = message;
    this.payload = frozenPayload;
  }

  static JsonObject frozen(JsonObject payload) {
    return FrozenJson.freezeObject(payload == null ? new JsonObject() : payload);
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
   * The typed message this was made with, when it is of {@code type} and this still holds it (a queue in this
   * process hands back what it was given); null when it holds only JSON, which the caller then decodes.
   */
  public <T extends Payload> T message(Class<T> type) {
    return type.isInstance(message) ? type.cast(message) : null;
  }

  /** The typed message as it is, for a copy of this entry. */
  Payload message() {
    return message;
  }

  /** The JSON if it was made or read, else null, for a copy of this entry that need not make it. */
  JsonObject payloadIfMade() {
    return payload;
  }
}
