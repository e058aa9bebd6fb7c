package org.alertresponder.adapter.local;

import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.tck.pipeline.ReviewScenarios;

class InMemoryReviewTest extends ReviewScenarios {
  @Override
  protected Adapter newAdapter() {
    return new InMemoryAdapter();
  }
}
