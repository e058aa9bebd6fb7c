package org.alertresponder.engine.spi;

import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.internal.FrozenJson;

import java.time.Instant;

/**
 * A durable timer.
 *
 * @param id         unique; scheduling an id that exists does nothing, which makes every schedule
 *                   idempotent and coalesces the same review asked for twice
 * @param kind       what to do when it fires (see the engine's timer kinds)
 * @param dueAt      when it fires
 * @param payload    JSON the handler needs (frozen)
 * @param deliveries how many times it has been claimed, counting the current claim
 */
public record TimerEntry(String id, String kind, Instant dueAt, JsonObject payload, int deliveries) {
  public TimerEntry {
    payload = FrozenJson.freezeObject(payload == null ? new JsonObject() : payload);
  }

  public static TimerEntry of(String id, String kind, Instant dueAt, JsonObject payload) {
    return new TimerEntry(id, kind, dueAt, payload, 0);
  }

  public TimerEntry withDeliveries(int value) {
    return new TimerEntry(id, kind, dueAt, payload, value);
  }
}
