package org.alertresponder.adapter.local;

import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.tck.ports.TimerQueueContract;

/** The in-memory adapter's TimerQueue against the engine-tck contract. */
class InMemoryTimerQueueTest extends TimerQueueContract {
  @Override
  protected Adapter newAdapter() {
    return new InMemoryAdapter();
  }
}
