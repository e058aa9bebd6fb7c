package org.alertresponder.adapter.local;

import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.tck.ports.OutboxContract;

/** The in-memory adapter's Outbox against the engine-tck contract. */
class InMemoryOutboxTest extends OutboxContract {
  @Override
  protected Adapter newAdapter() {
    return new InMemoryAdapter();
  }
}
