package org.alertresponder.engine.spi;

import io.vertx.core.json.JsonObject;

/**
 * The typed message a {@link TimerEntry} or {@link WorkItem} carries, and the JSON a store keeps of it.
 *
 * <p>A queue that keeps its entries in this process (the in-memory adapter) hands the very entry back when it
 * is claimed, so the engine reads the message as it made it: no JSON is built, frozen, parsed and validated
 * again for every alert. A queue that stores entries elsewhere asks for {@link TimerEntry#payload()}, which
 * encodes the message once, and hands back entries that hold only the JSON; the engine then decodes that.
 * Implementations are immutable.
 */
public interface Payload {
  /** The JSON a store keeps of this message; built fresh on every call (the entry keeps the first one). */
  JsonObject toJson();
}
