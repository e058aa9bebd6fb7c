package org.alertresponder.adapter.aws;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.alertresponder.adapter.aws.internal.AwsFutures;
import org.alertresponder.engine.spi.Backoff;
import org.alertresponder.engine.spi.PluginCodec.MalformedMessageException;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Reads the answers of deepalert's inspectors from their two SQS queues (findings, new attributes) and
 * stores each in the table ({@link DeepAlertAnswers}), where the instance waiting for it finds it: every
 * instance runs one, and any of them may receive any answer.
 *
 * <p>Each queue has its own loop of long polls. A message is deleted only once its answer is stored, so
 * an answer that could not be stored comes back after the visibility timeout; storing is idempotent, so
 * one that comes back after it was stored changes nothing. A message that is not a valid answer is
 * logged (its id and what is wrong with it, never its body) and deleted: it will never become valid.
 * When receiving or storing fails, the loop waits before it receives again (1 s, doubling up to a
 * minute). Undeploying stops both loops: long polls in progress are abandoned (a message one of them
 * received all the same comes back after its visibility timeout) and answers being stored are finished
 * first.
 */
final class DeepAlertAnswerCollector extends VerticleBase {
  private static final System.Logger LOG = System.getLogger(DeepAlertAnswerCollector.class.getName());
  /** SQS's longest long poll: an idle queue costs one request per 20 seconds. */
  private static final int POLL_SECONDS = 20;
  /** How long a received answer stays hidden from other instances: far longer than storing it takes. */
  static final Duration VISIBILITY = Duration.ofSeconds(60);
  /** How long a loop waits after a failed receive or store: 1 s, doubling up to a minute. */
  private static final Backoff BACKOFF = Backoff.of(Duration.ofSeconds(1), Duration.ofMinutes(1));

  private final List<QueueLoop> loops;
  private final Runnable onStopped;
  private volatile boolean stopped;

  /**
   * @param onStopped told when the collector has stopped (its inspector then starts a new one when it is
   *                  next used, as after an engine's restart)
   */
  DeepAlertAnswerCollector(SqsAsyncClient sqs, String findingQueue, String attributeQueue, DeepAlertAnswers answers,
                           Duration visibility, Runnable onStopped) {
    this.loops = List.of(
        new QueueLoop(sqs, findingQueue, "finding", DeepAlertMessages::decodeFinding, answers, visibility),
        new QueueLoop(sqs, attributeQueue, "new attributes", DeepAlertMessages::decodeNewAttributes, answers,
            visibility));
    this.onStopped = onStopped;
  }

  @Override
  public Future<?> start() {
    for (QueueLoop loop : loops) {
      context.runOnContext(v -> loop.receive(context));
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    List<Future<Void>> finishing = new ArrayList<>();
    for (QueueLoop loop : loops) {
      finishing.add(loop.stop());
    }
    return Future.join(finishing).<Void>mapEmpty().otherwiseEmpty().andThen(ar -> onStopped.run());
  }

  /** The receive loop of one queue. */
  private final class QueueLoop {
    private final SqsAsyncClient sqs;
    private final String url;
    private final String kind;
    private final Function<String, DeepAlertMessages.Answer> decoder;
    private final DeepAlertAnswers answers;
    private final int visibilitySeconds;
    /** Rounds that failed in a row. */
    private int failures;
    /** The long poll in progress, which a stop abandons. */
    private volatile CompletableFuture<ReceiveMessageResponse> polling;
    /** The answers of the last receive being stored and deleted, which a stop lets finish. */
    private volatile Future<Void> handling = Future.succeededFuture();

    QueueLoop(SqsAsyncClient sqs, String url, String kind, Function<String, DeepAlertMessages.Answer> decoder,
              DeepAlertAnswers answers, Duration visibility) {
      this.sqs = sqs;
      this.url = url;
      this.kind = kind;
      this.decoder = decoder;
      this.answers = answers;
      this.visibilitySeconds = (int) Math.max(1, visibility.toSeconds());
    }

    /**
     * One long poll and the handling of what it brought, then the next: each round starts from the last
     * one's completion rather than returning it, so the rounds never pile up into one ever-longer chain.
     */
    void receive(Context context) {
      if (stopped) {
        return;
      }
      CompletableFuture<ReceiveMessageResponse> poll;
      try {
        poll = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(POLL_SECONDS)
            .visibilityTimeout(visibilitySeconds));
      } catch (RuntimeException e) {
        // The SDK validates some requests before it returns a future.
        poll = CompletableFuture.failedFuture(e);
      }
      polling = poll;
      AwsFutures.on(context, poll)
          .compose(response -> {
            if (stopped) {
              // Received as the collector stopped: the messages come back after their visibility timeout.
              return Future.succeededFuture(true);
            }
            Future<Boolean> stored = handle(response.messages());
            handling = stored.mapEmpty();
            return stored;
          })
          .compose(allStored -> {
            if (allStored) {
              failures = 0;
              return Future.<Void>succeededFuture();
            }
            return AwsFutures.after(nextBackoff());
          }, failure -> {
            if (stopped) {
              return Future.<Void>succeededFuture();
            }
            Duration wait = nextBackoff();
            LOG.log(Level.WARNING, "receiving deepalert " + kind + " answers from " + url + " failed; trying again in "
                + wait.toSeconds() + "s: " + failure.getMessage());
            return AwsFutures.after(wait);
          })
          .onComplete(ar -> receive(context));
    }

    private Duration nextBackoff() {
      return BACKOFF.delayBefore(++failures);
    }

    /** Stores what a receive brought and deletes what is done with; true when nothing has to come back. */
    private Future<Boolean> handle(List<Message> messages) {
      if (messages.isEmpty()) {
        return Future.succeededFuture(true);
      }
      List<Future<Boolean>> each = new ArrayList<>(messages.size());
      for (Message message : messages) {
        each.add(store(message));
      }
      return Future.join(each).transform(ignored -> {
        List<Message> done = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
          if (each.get(i).succeeded() && each.get(i).result()) {
            done.add(messages.get(i));
          }
        }
        return delete(done).map(done.size() == messages.size());
      });
    }

    /** True when the message may be deleted: its answer is stored, or it is not an answer at all. */
    private Future<Boolean> store(Message message) {
      DeepAlertMessages.Answer answer;
      try {
        answer = decoder.apply(message.body());
      } catch (MalformedMessageException e) {
        LOG.log(Level.WARNING, "deleting message " + message.messageId() + " from " + url + ", which is not a valid "
            + "deepalert " + kind + " answer: " + e.getMessage());
        return Future.succeededFuture(true);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "deleting message " + message.messageId() + " from " + url + ", which could not be "
            + "read as a deepalert " + kind + " answer: " + e);
        return Future.succeededFuture(true);
      }
      return answers.store(answer).map(true).otherwise(failure -> {
        LOG.log(Level.WARNING, "could not store the deepalert " + kind + " answer of message " + message.messageId()
            + " from " + url + "; it will be received again: " + failure.getMessage());
        return false;
      });
    }

    /**
     * Deletes handled messages in one request. A message whose deletion fails comes back after its
     * visibility timeout and is stored again, which changes nothing.
     */
    private Future<Void> delete(List<Message> done) {
      if (done.isEmpty()) {
        return Future.succeededFuture();
      }
      List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(done.size());
      for (int i = 0; i < done.size(); i++) {
        entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
            .receiptHandle(done.get(i).receiptHandle()).build());
      }
      return AwsFutures.call(() -> sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(entries)))
          .onSuccess(response -> {
            if (response.hasFailed() && !response.failed().isEmpty()) {
              LOG.log(Level.WARNING, response.failed().size() + " deepalert " + kind + " answers from " + url
                  + " were stored but not deleted; they will be received and stored again: "
                  + response.failed().get(0).message());
            }
          })
          .<Void>mapEmpty()
          .recover(failure -> {
            LOG.log(Level.WARNING, done.size() + " deepalert " + kind + " answers from " + url + " were stored but "
                + "not deleted; they will be received and stored again: " + failure.getMessage());
            return Future.succeededFuture();
          });
    }

    Future<Void> stop() {
      CompletableFuture<ReceiveMessageResponse> poll = polling;
      if (poll != null) {
        // Cancelling the SDK's future aborts the request; the loop then sees it is stopped and ends.
        poll.cancel(true);
      }
      return handling;
    }
  }
}
