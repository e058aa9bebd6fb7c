package org.alertresponder.adapter.aws;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.alertresponder.adapter.aws.internal.AwsClients;
import org.alertresponder.adapter.aws.internal.VertxSdkHttpClient;
import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.engine.spi.Outbox;
import org.alertresponder.engine.spi.ReportRepository;
import org.alertresponder.engine.spi.ResultCache;
import org.alertresponder.engine.spi.TimerQueue;
import org.alertresponder.engine.spi.WorkQueue;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The AWS adapter with clients of its own, built from plain settings: what a server that knows nothing
 * of AWS types (the launcher) uses. Credentials come from the SDK's default chain (environment, profile,
 * container or instance role). Closing it closes its clients.
 */
public final class AwsConnection implements Adapter {
  /**
   * Where things are.
   *
   * @param region          the AWS region, or null for the SDK's default region chain
   * @param dynamoDbEndpoint an endpoint override for DynamoDB (an emulator, a VPC endpoint), or null
   * @param sqsEndpoint     an endpoint override for SQS, or null
   * @param httpClient      which HTTP client sends the SDK's requests
   */
  public record Settings(String table, String timerQueueUrl, String workQueuePrefix, String workDeadLetterArn,
                         int maxReceives, String region, URI dynamoDbEndpoint, URI sqsEndpoint,
                         boolean createResources, Duration keepFor, AwsHttpClient httpClient) {
    public Settings {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(timerQueueUrl, "timerQueueUrl");
      Objects.requireNonNull(workQueuePrefix, "workQueuePrefix");
      Objects.requireNonNull(keepFor, "keepFor");
      Objects.requireNonNull(httpClient, "httpClient");
    }
  }

  /** The HTTP client unless the settings name the other; adapter-aws/README.md gives the figures behind it. */
  public static final AwsHttpClient DEFAULT_HTTP_CLIENT = AwsHttpClient.VERTX;

  /** Requests sent to one operation of one service, for metrics. */
  public record RequestCount(String service, String operation, long count) {
  }

  private final AwsRequestCounter counter = new AwsRequestCounter();
  /** The Vert.x HTTP client both SDK clients share, or null when each has the SDK's Netty client. */
  private final VertxSdkHttpClient vertxHttp;
  private final DynamoDbAsyncClient dynamoDb;
  private final SqsAsyncClient sqs;
  private final AwsAdapter adapter;

  public AwsConnection(Settings settings) {
    // The engine takes its ports before it opens the adapter, so the clients exist before the Vert.x
    // instance is known; the Vert.x HTTP client is given it when the adapter opens.
    this.vertxHttp = settings.httpClient() == AwsHttpClient.VERTX
        ? VertxSdkHttpClient.unbound(VertxSdkHttpClient.Limits.defaults()) : null;
    this.dynamoDb = AwsClients.configure(DynamoDbAsyncClient.builder(), vertxHttp, settings.region(),
            settings.dynamoDbEndpoint())
        .overrideConfiguration(o -> o.addExecutionInterceptor(counter)).build();
    this.sqs = AwsClients.configure(SqsAsyncClient.builder(), vertxHttp, settings.region(), settings.sqsEndpoint())
        .overrideConfiguration(o -> o.addExecutionInterceptor(counter)).build();
    this.adapter = new AwsAdapter(dynamoDb, sqs, new AwsAdapter.Settings(settings.table(), settings.timerQueueUrl(),
        settings.workQueuePrefix(), settings.createResources(), settings.workDeadLetterArn(), settings.maxReceives(),
        settings.keepFor()));
  }

  /** Requests sent so far, per service and operation. */
  public List<RequestCount> requestCounts() {
    List<RequestCount> out = new ArrayList<>();
    for (Map.Entry<AwsRequestCounter.Operation, Long> entry : counter.snapshot().entrySet()) {
      out.add(new RequestCount(entry.getKey().service(), entry.getKey().operation(), entry.getValue()));
    }
    return out;
  }

  @Override
  public Future<Void> open(Vertx vertx) {
    return open(vertx, Clock.system());
  }

  @Override
  public Future<Void> open(Vertx vertx, Clock clock) {
    if (vertxHttp != null) {
      vertxHttp.bind(vertx);
    }
    return adapter.open(vertx, clock);
  }

  @Override
  public Future<Void> close() {
    return adapter.close().eventually(() -> {
      dynamoDb.close();
      sqs.close();
      if (vertxHttp != null) {
        vertxHttp.close();
      }
      return Future.succeededFuture();
    });
  }

  @Override
  public Future<Void> ping() {
    return adapter.ping();
  }

  @Override
  public ReportRepository reports() {
    return adapter.reports();
  }

  @Override
  public TimerQueue timers() {
    return adapter.timers();
  }

  @Override
  public WorkQueue work() {
    return adapter.work();
  }

  @Override
  public Outbox outbox() {
    return adapter.outbox();
  }

  @Override
  public ResultCache cache() {
    return adapter.cache();
  }

  @Override
  public String describe() {
    return adapter.describe();
  }
}
