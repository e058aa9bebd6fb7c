package org.alertresponder.adapter.local;

import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.tck.pipeline.InspectionScenarios;

class InMemoryInspectionTest extends InspectionScenarios {
  @Override
  protected Adapter newAdapter() {
    return new InMemoryAdapter();
  }
}
