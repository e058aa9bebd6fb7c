package org.alertresponder.adapter.aws;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.engine.spi.Outbox;
import org.alertresponder.engine.spi.ReportRepository;
import org.alertresponder.engine.spi.ResultCache;
import org.alertresponder.engine.spi.TimerQueue;
import org.alertresponder.engine.spi.WorkQueue;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

import java.time.Duration;
import java.util.UUID;

/**
 * The DynamoDB ports on a fresh table of the emulator, for the port contract suites that need only
 * them. Each instance owns its table, so every test starts empty.
 */
final class DynamoDbPortsAdapter implements Adapter {
  private final DynamoDbAsyncClient client;
  private final boolean ownsClient;
  private final DynamoDbTable table;
  private final DynamoDbReportRepository reports;
  private final DynamoDbResultCache cache;
  private final DynamoDbOutbox outbox;

  DynamoDbPortsAdapter() {
    this(Dynalite.client());
  }

  DynamoDbPortsAdapter(DynamoDbAsyncClient client) {
    this(client, false);
  }

  /** With {@code ownsClient}, closing the adapter closes the client too. */
  DynamoDbPortsAdapter(DynamoDbAsyncClient client, boolean ownsClient) {
    this.client = client;
    this.ownsClient = ownsClient;
    this.table = new DynamoDbTable(client, "alertresponder-" + UUID.randomUUID());
    this.reports = new DynamoDbReportRepository(table, Duration.ofDays(31));
    this.cache = new DynamoDbResultCache(table);
    this.outbox = new DynamoDbOutbox(table, Duration.ofDays(31));
  }

  @Override
  public Future<Void> open(Vertx vertx) {
    return table.createIfMissing();
  }

  @Override
  public Future<Void> close() {
    return org.alertresponder.adapter.aws.internal.AwsFutures.call(() -> client.deleteTable(b -> b.tableName(table.name())))
        .<Void>mapEmpty()
        .eventually(() -> {
          if (ownsClient) {
            client.close();
          }
          return io.vertx.core.Future.succeededFuture();
        });
  }

  @Override
  public ReportRepository reports() {
    return reports;
  }

  @Override
  public ResultCache cache() {
    return cache;
  }

  @Override
  public TimerQueue timers() {
    throw new UnsupportedOperationException("the DynamoDB port suites do not use timers");
  }

  @Override
  public WorkQueue work() {
    throw new UnsupportedOperationException("the DynamoDB port suites do not use work queues");
  }

  @Override
  public Outbox outbox() {
    return outbox;
  }

  DynamoDbAsyncClient client() {
    return client;
  }

  String tableName() {
    return table.name();
  }

  @Override
  public String describe() {
    return "DynamoDB table " + table.name();
  }
}
