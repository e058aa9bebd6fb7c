package org.alertresponder.adapter.aws;

import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.tck.ports.ReportRepositoryContract;

/** The report repository contract on a DynamoDB table of the emulator. */
class DynamoDbReportRepositoryTest extends ReportRepositoryContract {
  @Override
  protected Adapter newAdapter() {
    return new DynamoDbPortsAdapter();
  }
}
