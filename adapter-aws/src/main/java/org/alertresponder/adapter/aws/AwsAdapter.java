package org.alertresponder.adapter.aws;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.alertresponder.adapter.aws.internal.AwsFutures;
import org.alertresponder.adapter.aws.internal.SqsLeasedQueue;
import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.engine.spi.Outbox;
import org.alertresponder.engine.spi.ReportRepository;
import org.alertresponder.engine.spi.ResultCache;
import org.alertresponder.engine.spi.TimerQueue;
import org.alertresponder.engine.spi.WorkQueue;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import java.time.Duration;
import java.util.Objects;

/**
 * Every port on AWS: reports, the result cache and the outbox in one DynamoDB table; timers and
 * inspection work on SQS. Many instances may share one table and one set of queues.
 *
 * <p>The clients are the caller's (one per application, with its credentials and endpoint); the
 * adapter does not close them.
 */
public final class AwsAdapter implements Adapter {
  /**
   * Where the adapter keeps things.
   *
   * @param table          the DynamoDB table
   * @param timerQueueUrl  the SQS queue of timers
   * @param workQueuePrefix the work queue of inspector X is the SQS queue named prefix + X
   * @param createResources create the table if missing (development, tests); production resources come
   *                        from the CloudFormation template in config/aws/ (work queues are always created
   *                        on first use, one per inspector)
   * @param workDeadLetterArn dead-letter queue of created work queues, or null
   * @param maxReceives     receives before SQS moves a message to its dead-letter queue
   * @param keepFor         how long after its creation a report is kept (DynamoDB's time to live)
   */
  public record Settings(String table, String timerQueueUrl, String workQueuePrefix, boolean createResources,
                         String workDeadLetterArn, int maxReceives, Duration keepFor) {
    public Settings {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(timerQueueUrl, "timerQueueUrl");
      Objects.requireNonNull(workQueuePrefix, "workQueuePrefix");
      Objects.requireNonNull(keepFor, "keepFor");
    }
  }

  private final DynamoDbAsyncClient dynamoDb;
  private final SqsAsyncClient sqs;
  private final Settings settings;
  private final DynamoDbTable table;
  private final DynamoDbReportRepository reports;
  private final DynamoDbResultCache cache;
  private final DynamoDbOutbox outbox;
  private final TimerQueue timers;
  private final WorkQueue work;
  /** The engine's clock once open; the queues read it through {@link #clock}. */
  private volatile Clock engineClock = Clock.system();
  private final Clock clock = new Clock() {
    @Override
    public java.time.Instant now() {
      return engineClock.now();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
      return engineClock.schedule(delay, task);
    }
  };

  public AwsAdapter(DynamoDbAsyncClient dynamoDb, SqsAsyncClient sqs, Settings settings) {
    this.dynamoDb = dynamoDb;
    this.sqs = sqs;
    this.settings = settings;
    this.table = new DynamoDbTable(dynamoDb, settings.table());
    this.reports = new DynamoDbReportRepository(table, settings.keepFor());
    this.cache = new DynamoDbResultCache(table);
    this.outbox = new DynamoDbOutbox(table, settings.keepFor());
    // The engine takes its ports before it opens the adapter, so the queues exist from the start and
    // read the engine's clock, once given, through a forwarding clock.
    this.timers = new SqsTimerQueue(new SqsLeasedQueue(sqs, settings.timerQueueUrl(), clock));
    this.work = new SqsWorkQueue(sqs, settings.workQueuePrefix(), clock, settings.workDeadLetterArn(),
        settings.maxReceives());
  }

  @Override
  public Future<Void> open(Vertx vertx) {
    return open(vertx, Clock.system());
  }

  @Override
  public Future<Void> open(Vertx vertx, Clock clock) {
    engineClock = clock;
    if (!settings.createResources()) {
      return ping();
    }
    return table.createIfMissing();
  }

  @Override
  public Future<Void> ping() {
    // DescribeTable is cheap and needs only the table's own permission (ListTables is slow on emulators).
    return AwsFutures.call(() -> dynamoDb.describeTable(b -> b.tableName(settings.table()))).mapEmpty();
  }

  @Override
  public ReportRepository reports() {
    return reports;
  }

  @Override
  public TimerQueue timers() {
    return timers;
  }

  @Override
  public WorkQueue work() {
    return work;
  }

  @Override
  public Outbox outbox() {
    return outbox;
  }

  @Override
  public ResultCache cache() {
    return cache;
  }

  @Override
  public String describe() {
    return "DynamoDB table " + settings.table() + ", SQS timers " + settings.timerQueueUrl() + ", SQS work queues "
        + settings.workQueuePrefix() + "*";
  }
}
