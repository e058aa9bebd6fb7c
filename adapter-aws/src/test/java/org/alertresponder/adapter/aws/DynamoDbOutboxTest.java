package org.alertresponder.adapter.aws;

import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.tck.ports.OutboxContract;

/** The outbox contract on a DynamoDB table of the emulator. */
class DynamoDbOutboxTest extends OutboxContract {
  @Override
  protected Adapter newAdapter() {
    return new DynamoDbPortsAdapter();
  }
}
