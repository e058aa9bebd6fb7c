package org.alertresponder.adapter.local;

import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.tck.pipeline.EmissionScenarios;

class InMemoryEmissionTest extends EmissionScenarios {
  @Override
  protected Adapter newAdapter() {
    return new InMemoryAdapter();
  }
}
