package org.alertresponder.adapter.aws;

import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.tck.pipeline.ReviewScenarios;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The review scenarios with reports in LocalStack's DynamoDB (SQS stays ElasticMQ, whose time follows the
 * scenarios' manual clock); skipped without a Docker engine.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackReviewTest extends ReviewScenarios {
  @Override
  protected Adapter newAdapter() {
    return new AwsTestAdapter(LocalStack.dynamoDb(), ElasticMq.client());
  }
}
