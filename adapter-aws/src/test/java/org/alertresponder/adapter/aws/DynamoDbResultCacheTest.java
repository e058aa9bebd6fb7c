package org.alertresponder.adapter.aws;

import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.tck.ports.ResultCacheContract;

/** The result cache contract on a DynamoDB table of the emulator. */
class DynamoDbResultCacheTest extends ResultCacheContract {
  @Override
  protected Adapter newAdapter() {
    return new DynamoDbPortsAdapter();
  }
}
