package org.alertresponder.adapter.aws;

import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.tck.pipeline.EmissionScenarios;

/** DESIGN §3's emission scenarios on DynamoDB and SQS (dynalite and ElasticMQ). */
class AwsEmissionTest extends EmissionScenarios {
  @Override
  protected Adapter newAdapter() {
    return new AwsTestAdapter();
  }
}
