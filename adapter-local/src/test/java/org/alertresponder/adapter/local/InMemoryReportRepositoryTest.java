package org.alertresponder.adapter.local;

import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.tck.ports.ReportRepositoryContract;

/** The in-memory adapter's ReportRepository against the engine-tck contract. */
class InMemoryReportRepositoryTest extends ReportRepositoryContract {
  @Override
  protected Adapter newAdapter() {
    return new InMemoryAdapter();
  }
}
