package org.alertresponder.adapter.local;

import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.tck.pipeline.AggregationScenarios;

class InMemoryAggregationTest extends AggregationScenarios {
  @Override
  protected Adapter newAdapter() {
    return new InMemoryAdapter();
  }
}
