package org.alertresponder.adapter.local;

import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.tck.ports.WorkQueueContract;

/** The in-memory adapter's WorkQueue against the engine-tck contract. */
class InMemoryWorkQueueTest extends WorkQueueContract {
  @Override
  protected Adapter newAdapter() {
    return new InMemoryAdapter();
  }
}
