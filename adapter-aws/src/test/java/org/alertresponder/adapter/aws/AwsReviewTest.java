package org.alertresponder.adapter.aws;

import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.tck.pipeline.ReviewScenarios;

/** DESIGN §3's review scenarios on DynamoDB and SQS (dynalite and ElasticMQ). */
class AwsReviewTest extends ReviewScenarios {
  @Override
  protected Adapter newAdapter() {
    return new AwsTestAdapter();
  }
}
