package org.alertresponder.adapter.local;

import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.tck.ports.ResultCacheContract;

/** The in-memory adapter's ResultCache against the engine-tck contract. */
class InMemoryResultCacheTest extends ResultCacheContract {
  @Override
  protected Adapter newAdapter() {
    return new InMemoryAdapter();
  }
}
