package org.alertresponder.adapter.aws;

import java.util.Map;

/**
 * What AWS requests cost, from the public on-demand list prices of US East (N. Virginia), in US dollars,
 * as published on the services' pricing pages (checked 2026-11): used to turn measured requests into a
 * cost per million alerts. Free tiers are left out.
 */
public final class AwsListPrices {
  /** DynamoDB on-demand, per million write request units (1 KB each, indexes billed as extra writes). */
  public static final double DYNAMODB_PER_MILLION_WRITE_UNITS = 0.625;
  /** DynamoDB on-demand, per million read request units (4 KB strongly consistent, or 8 KB eventually). */
  public static final double DYNAMODB_PER_MILLION_READ_UNITS = 0.125;
  /** SQS standard queues, per million requests (each 64 KB of a request counts as one). */
  public static final double SQS_PER_MILLION_REQUESTS = 0.40;
  /** SNS standard topics, per million publishes (each 64 KB counts as one). */
  public static final double SNS_PER_MILLION_PUBLISHES = 0.50;
  /** Lambda, per million invocations (duration is billed apart). */
  public static final double LAMBDA_PER_MILLION_INVOCATIONS = 0.20;

  private AwsListPrices() {
  }

  /**
   * The cost of the work a counter saw, in dollars: every request but the polls that found nothing
   * (the idle cost of an instance, which does not grow with the alerts; see {@link #idlePollsPerMonth}).
   */
  public static double cost(AwsRequestCounter counter) {
    double dollars = counter.writeUnits() * DYNAMODB_PER_MILLION_WRITE_UNITS / 1e6
        + counter.readUnits() * DYNAMODB_PER_MILLION_READ_UNITS / 1e6;
    for (Map.Entry<AwsRequestCounter.Operation, Long> entry : counter.snapshot().entrySet()) {
      String service = entry.getKey().service();
      double perMillion = switch (service) {
        case "Sqs" -> SQS_PER_MILLION_REQUESTS;
        case "Sns" -> SNS_PER_MILLION_PUBLISHES;
        case "Lambda" -> LAMBDA_PER_MILLION_INVOCATIONS;
        default -> 0;
      };
      dollars += entry.getValue() * perMillion / 1e6;
    }
    return dollars - counter.emptyReceives() * SQS_PER_MILLION_REQUESTS / 1e6;
  }

  /**
   * What one instance's idle polling of one SQS queue costs a month: one receive per poll interval
   * (the engine's {@code timers.poll-interval}).
   */
  public static double idlePollsPerMonth(java.time.Duration pollInterval) {
    double polls = java.time.Duration.ofDays(30).toMillis() / (double) pollInterval.toMillis();
    return polls * SQS_PER_MILLION_REQUESTS / 1e6;
  }
}
