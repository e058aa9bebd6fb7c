package org.alertresponder.adapter.aws;

import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.tck.ports.OutboxContract;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The outbox contract on LocalStack's DynamoDB; skipped without a Docker engine. */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackOutboxTest extends OutboxContract {
  @Override
  protected Adapter newAdapter() {
    return new DynamoDbPortsAdapter(LocalStack.dynamoDb());
  }
}
