package org.alertresponder.engine.spi;

import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.internal.FrozenJson;

/**
 * One unit of work on a named queue (one attribute for one inspector).
 *
 * @param id         unique within its queue; enqueueing an id that is waiting or leased does nothing
 * @param payload    JSON the worker needs (frozen)
 * @param deliveries how many times it has been claimed, counting the current claim
 */
public record WorkItem(String id, JsonObject payload, int deliveries) {
  public WorkItem {
    payload = FrozenJson.freezeObject(payload == null ? new JsonObject() : payload);
  }

  public static WorkItem of(String id, JsonObject payload) {
    return new WorkItem(id, payload, 0);
  }

  public WorkItem withDeliveries(int value) {
    return new WorkItem(id, payload, value);
  }
}
