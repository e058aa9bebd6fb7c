package org.alertresponder.adapter.aws;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.engine.spi.Outbox;
import org.alertresponder.engine.spi.ReportRepository;
import org.alertresponder.engine.spi.ResultCache;
import org.alertresponder.engine.spi.TimerQueue;
import org.alertresponder.engine.spi.WorkQueue;
import org.alertresponder.tck.ManualClock;

import java.time.Duration;
import java.util.UUID;

/**
 * The whole AWS adapter on the emulators, with a fresh table and fresh queues: what the pipeline
 * scenarios run on. Opened with a manual clock, it makes the SQS emulator's time follow that clock.
 */
final class AwsTestAdapter implements Adapter {
  private final String name = "ar-" + UUID.randomUUID().toString().substring(0, 13);
  private final AwsAdapter delegate;

  AwsTestAdapter() {
    this(Dynalite.client(), ElasticMq.client());
  }

  AwsTestAdapter(software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient dynamoDb,
                 software.amazon.awssdk.services.sqs.SqsAsyncClient sqs) {
    delegate = new AwsAdapter(dynamoDb, sqs, new AwsAdapter.Settings(name, ElasticMq.newQueue(name), name + "-work-",
        true, null, 0, Duration.ofDays(31)));
  }

  /** The DynamoDB table of this adapter, which plugins that share the store's table name. */
  String tableName() {
    return name;
  }

  @Override
  public Future<Void> open(Vertx vertx, Clock clock) {
    if (clock instanceof ManualClock manual) {
      ElasticMq.follow(manual);
    }
    return delegate.open(vertx, clock);
  }

  @Override
  public Future<Void> open(Vertx vertx) {
    return delegate.open(vertx);
  }

  /** Keeps the table and queues: a scenario may start a second engine on the same adapter (a restart). */
  @Override
  public Future<Void> close() {
    return delegate.close();
  }

  @Override
  public ReportRepository reports() {
    return delegate.reports();
  }

  @Override
  public TimerQueue timers() {
    return delegate.timers();
  }

  @Override
  public WorkQueue work() {
    return delegate.work();
  }

  @Override
  public Outbox outbox() {
    return delegate.outbox();
  }

  @Override
  public ResultCache cache() {
    return delegate.cache();
  }

  @Override
  public String describe() {
    return delegate.describe();
  }
}
