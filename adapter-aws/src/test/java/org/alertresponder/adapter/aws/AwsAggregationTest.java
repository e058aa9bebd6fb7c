package org.alertresponder.adapter.aws;

import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.tck.pipeline.AggregationScenarios;

/** DESIGN §3's aggregation scenarios on DynamoDB and SQS (dynalite and ElasticMQ). */
class AwsAggregationTest extends AggregationScenarios {
  @Override
  protected Adapter newAdapter() {
    return new AwsTestAdapter();
  }
}
