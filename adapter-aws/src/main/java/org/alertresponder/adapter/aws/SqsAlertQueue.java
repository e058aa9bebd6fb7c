package org.alertresponder.adapter.aws;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.alertresponder.adapter.aws.internal.AwsFutures;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Alert intake from an SQS queue, next to the HTTP API: each message body (an alert, an array of alerts,
 * or an SNS notification carrying either, as when a topic feeds the queue) goes to a handler, and the
 * message is deleted only once the handler stored its alerts. A message the handler refuses for good
 * (invalid alerts) stays in the queue and reaches its dead-letter queue through the redrive policy, where
 * an operator can read it; a message that failed for a while (a full backlog, the store unreachable) is
 * received again after a backoff.
 */
public final class SqsAlertQueue {
  private static final System.Logger LOG = System.getLogger(SqsAlertQueue.class.getName());
  /** SQS's longest long poll: an idle queue costs one request per 20 seconds. */
  private static final int WAIT_SECONDS = 20;

  /** The handler's verdict on a message that will never be accepted; it is left for the dead letters. */
  public static final class Refused extends RuntimeException {
    public Refused(String message) {
      super(message);
    }
  }

  private final SqsAsyncClient client;
  private final String url;
  private final Function<String, Future<Void>> handler;
  private volatile boolean stopped;
  /** The messages of the last receive being handled: what a stop waits for. */
  private volatile Future<Void> handling = Future.succeededFuture();

  /**
   * @param region   the AWS region, or null for the SDK's default chain
   * @param endpoint an endpoint override (an emulator), or null
   * @param handler  stores the alerts of one message body; fails with {@link Refused} when they will never
   *                 be accepted, with anything else to have the message received again later
   */
  public SqsAlertQueue(String url, String region, URI endpoint, Function<String, Future<Void>> handler) {
    var builder = SqsAsyncClient.builder().httpClientBuilder(NettyNioAsyncHttpClient.builder());
    if (region != null) {
      builder.region(Region.of(region));
    }
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    this.client = builder.build();
    this.url = url;
    this.handler = handler;
  }

  /** Starts receiving on {@code vertx}'s event loop; the loop runs until {@link #stop}. */
  public void start(Vertx vertx) {
    vertx.runOnContext(v -> receive());
  }

  private Future<Void> receive() {
    if (stopped) {
      return Future.succeededFuture();
    }
    return AwsFutures.call(() -> client.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
            .waitTimeSeconds(WAIT_SECONDS)
            .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)))
        .compose(response -> {
          List<Future<Void>> handled = new ArrayList<>();
          for (Message message : response.messages()) {
            handled.add(handle(message));
          }
          Future<Void> batch = Future.join(handled).<Void>mapEmpty().recover(ignored -> Future.succeededFuture());
          handling = batch;
          return batch;
        })
        .recover(failure -> {
          if (!stopped) {
            LOG.log(Level.WARNING, "receiving alerts from " + url + " failed; trying again in 5s: "
                + failure.getMessage());
          }
          return pause(Duration.ofSeconds(5));
        })
        .compose(v -> receive());
  }

  private Future<Void> pause(Duration duration) {
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    io.vertx.core.Context context = Vertx.currentContext();
    if (context == null) {
      done.complete();
    } else {
      context.owner().setTimer(duration.toMillis(), id -> done.complete());
    }
    return done.future();
  }

  private Future<Void> handle(Message message) {
    Future<Void> stored;
    try {
      stored = handler.apply(message.body());
    } catch (RuntimeException e) {
      stored = Future.failedFuture(e);
    }
    return stored
        .compose(v -> AwsFutures.call(() -> client.deleteMessage(b -> b.queueUrl(url)
            .receiptHandle(message.receiptHandle()))).<Void>mapEmpty())
        .recover(failure -> {
          String receives = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
          if (failure instanceof Refused) {
            // Left alone: after the queue's maxReceiveCount it moves to the dead-letter queue.
            LOG.log(Level.WARNING, "alert message " + message.messageId() + " from " + url + " refused (receive "
                + receives + "), it will reach the dead-letter queue: " + failure.getMessage());
            return Future.succeededFuture();
          }
          int count = receives == null ? 1 : Integer.parseInt(receives);
          int backoff = (int) Math.min(900, 5L << Math.min(count, 8));
          LOG.log(Level.WARNING, "alert message " + message.messageId() + " from " + url + " not stored, retried in "
              + backoff + "s: " + failure.getMessage());
          return AwsFutures.call(() -> client.changeMessageVisibility(b -> b.queueUrl(url)
              .receiptHandle(message.receiptHandle()).visibilityTimeout(backoff))).<Void>mapEmpty()
              .recover(ignored -> Future.succeededFuture());
        });
  }

  /**
   * Stops receiving: the messages being handled are finished (stored and deleted), then the client is
   * closed, which abandons a long poll in progress; what it would have received stays in the queue.
   */
  public Future<Void> stop() {
    stopped = true;
    return handling.eventually(() -> {
      client.close();
      return Future.succeededFuture();
    });
  }
}
