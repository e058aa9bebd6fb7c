package org.alertresponder.adapter.aws;

import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.tck.ports.ReportRepositoryContract;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The report repository contract on LocalStack's DynamoDB; skipped without a Docker engine. */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackReportRepositoryTest extends ReportRepositoryContract {
  @Override
  protected Adapter newAdapter() {
    return new DynamoDbPortsAdapter(LocalStack.dynamoDb());
  }
}
