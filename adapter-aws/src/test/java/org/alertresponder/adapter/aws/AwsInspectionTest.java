package org.alertresponder.adapter.aws;

import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.tck.pipeline.InspectionScenarios;

/** DESIGN §3's inspection scenarios on DynamoDB and SQS (dynalite and ElasticMQ). */
class AwsInspectionTest extends InspectionScenarios {
  @Override
  protected Adapter newAdapter() {
    return new AwsTestAdapter();
  }

  /**
   * Every port call here is an HTTP round trip to an emulator (about 15 per alert), so 3,000 alerts
   * would take minutes; 500 still make every pump go round hundreds of times in a row.
   */
  @Override
  protected int backlogAlerts() {
    return 500;
  }
}
