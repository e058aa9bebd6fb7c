package org.alertresponder.adapter.aws;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.alertresponder.adapter.aws.internal.AwsClients;
import org.alertresponder.adapter.aws.internal.AwsFutures;
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
 * (invalid alerts) is moved at once to the queue's dead-letter queue (named by its redrive policy), with
 * the reason as the message attribute {@code refused}, where an operator can read it. When a message could not be stored for now (a full backlog, the store
 * unreachable), the loop itself backs off (5 s, doubling up to 5 minutes) before it receives again, and
 * the message comes back when its visibility timeout ends: give the queue a generous maxReceiveCount
 * (the template uses 100), since an outage's retries count towards it.
 */
public final class SqsAlertQueue {
  private static final System.Logger LOG = System.getLogger(SqsAlertQueue.class.getName());
  /** SQS's longest long poll: an idle queue costs one request per 20 seconds. */
  private static final int WAIT_SECONDS = 20;
  /**
   * How long a received message stays hidden: longer than storing its alerts can take (the engine gives
   * up after a minute), so that it is not received again, and stored twice, while it is being handled.
   */
  private static final int VISIBILITY_SECONDS = 120;

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
  private Duration backoff = Duration.ZERO;

  /**
   * @param region   the AWS region, or null for the SDK's default chain
   * @param endpoint an endpoint override (an emulator), or null
   * @param handler  stores the alerts of one message body; fails with {@link Refused} when they will never
   *                 be accepted, with anything else to have the message received again later
   */
  public SqsAlertQueue(String url, String region, URI endpoint, Function<String, Future<Void>> handler) {
    this.client = AwsClients.configure(SqsAsyncClient.builder(), region, endpoint).build();
    this.url = url;
    this.handler = handler;
  }

  /** Starts receiving on {@code vertx}'s event loop; the loop runs until {@link #stop}. */
  public void start(Vertx vertx) {
    vertx.runOnContext(v -> receive());
  }

  /**
   * One long poll and the handling of what it brought, then the next: each round starts from the last
   * one's completion rather than returning it, so the rounds never pile up into one ever-longer chain.
   */
  private void receive() {
    if (stopped) {
      return;
    }
    AwsFutures.call(() -> client.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
            .waitTimeSeconds(WAIT_SECONDS).visibilityTimeout(VISIBILITY_SECONDS)
            .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)))
        .compose(response -> {
          List<Future<Boolean>> handled = new ArrayList<>();
          for (Message message : response.messages()) {
            handled.add(handle(message));
          }
          Future<Boolean> batch = Future.join(handled).map(all -> {
            for (int i = 0; i < handled.size(); i++) {
              if (!all.<Boolean>resultAt(i)) {
                return false;
              }
            }
            return true;
          }).otherwise(false);
          handling = batch.mapEmpty();
          return batch;
        })
        .compose(allStored -> {
          if (allStored) {
            backoff = Duration.ZERO;
            return Future.succeededFuture();
          }
          // Something could not be stored for now (a full backlog, the store unreachable): the loop
          // waits before it receives again, so messages are not received over and over meanwhile
          // (every receive counts towards the queue's maxReceiveCount).
          backoff = backoff.isZero() ? Duration.ofSeconds(5) : min(backoff.multipliedBy(2), Duration.ofMinutes(5));
          return AwsFutures.after(backoff);
        }, failure -> {
          if (!stopped) {
            LOG.log(Level.WARNING, "receiving alerts from " + url + " failed; trying again in 5s: "
                + failure.getMessage());
          }
          return AwsFutures.after(Duration.ofSeconds(5));
        })
        .onComplete(ar -> receive());
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Handles one message; false when it could not be stored for now and will be received again. */
  private Future<Boolean> handle(Message message) {
    Future<Void> stored;
    try {
      stored = handler.apply(message.body());
    } catch (RuntimeException e) {
      stored = Future.failedFuture(e);
    }
    return stored
        .compose(v -> AwsFutures.call(() -> client.deleteMessage(b -> b.queueUrl(url)
            .receiptHandle(message.receiptHandle()))).map(true))
        .recover(failure -> {
          String receives = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
          if (failure instanceof Refused) {
            return deadLetter(message, failure.getMessage()).map(true);
          }
          LOG.log(Level.WARNING, "alert message " + message.messageId() + " from " + url + " not stored (receive "
              + receives + "), it will be received again: " + failure.getMessage());
          return Future.succeededFuture(false);
        });
  }

  /**
   * Moves a refused message to the queue's dead-letter queue at once (with the reason as a message
   * attribute), rather than letting it be received until its maxReceiveCount. Without a dead-letter
   * queue the message is left where it is, and logged each time it comes back.
   */
  private Future<Void> deadLetter(Message message, String reason) {
    return deadLetters().compose(target -> {
      if (target == null) {
        LOG.log(Level.ERROR, "alert message " + message.messageId() + " from " + url + " refused, and the queue has "
            + "no dead-letter queue to move it to; it stays: " + reason);
        return Future.succeededFuture();
      }
      LOG.log(Level.WARNING, "alert message " + message.messageId() + " from " + url + " refused, moved to " + target
          + ": " + reason);
      String why = reason == null ? "refused" : reason.length() > 1000 ? reason.substring(0, 1000) : reason;
      return AwsFutures.call(() -> client.sendMessage(b -> b.queueUrl(target).messageBody(message.body())
              .messageAttributes(java.util.Map.of("refused", software.amazon.awssdk.services.sqs.model
                  .MessageAttributeValue.builder().dataType("String").stringValue(why).build()))))
          .compose(v -> AwsFutures.call(() -> client.deleteMessage(b -> b.queueUrl(url)
              .receiptHandle(message.receiptHandle()))))
          .<Void>mapEmpty();
    }).recover(failure -> {
      LOG.log(Level.WARNING, "could not move refused alert message " + message.messageId() + " to the dead letters; "
          + "it will be received again: " + failure.getMessage());
      return Future.succeededFuture();
    });
  }

  private volatile Future<String> deadLetters;

  /** The URL of the queue's dead-letter queue (from its redrive policy), or null when it has none. */
  private Future<String> deadLetters() {
    Future<String> known = deadLetters;
    if (known != null && known.succeeded()) {
      return Future.succeededFuture(known.result());
    }
    Future<String> resolved = AwsFutures.call(() -> client.getQueueAttributes(b -> b.queueUrl(url)
            .attributeNames(software.amazon.awssdk.services.sqs.model.QueueAttributeName.REDRIVE_POLICY)))
        .compose(attributes -> {
          String policy = attributes.attributes().get(software.amazon.awssdk.services.sqs.model.QueueAttributeName
              .REDRIVE_POLICY);
          if (policy == null) {
            return Future.succeededFuture((String) null);
          }
          String arn = new io.vertx.core.json.JsonObject(policy).getString("deadLetterTargetArn");
          String name = arn.substring(arn.lastIndexOf(':') + 1);
          return AwsFutures.call(() -> client.getQueueUrl(b -> b.queueName(name))).map(r -> r.queueUrl());
        });
    deadLetters = resolved;
    return resolved;
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
