package org.alertresponder.adapter.aws;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.alertresponder.adapter.aws.internal.AwsFutures;
import org.alertresponder.engine.api.AlertValidator;
import org.alertresponder.engine.api.Durations;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.InspectionResult;
import org.alertresponder.engine.spi.InspectionTask;
import org.alertresponder.engine.spi.Inspector;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The inspector type {@code deepalert}: deepalert's inspectors, unchanged, as one inspector of the engine.
 *
 * <p>Inspecting an attribute publishes deepalert's task ({@link DeepAlertMessages#task}) to the task
 * topic that deepalert's inspectors subscribe to, waits {@link #answerWait()} on the engine's clock
 * (deepalert does not say how many inspectors there are, so there is no telling when all have answered),
 * then reads the answers collected for that report and attribute ({@link DeepAlertAnswers}) and returns
 * them as the inspection's findings and new attributes. An attribute nobody answered has an empty result.
 *
 * <p>The answers reach the table through a {@link DeepAlertAnswerCollector}, which this inspector deploys
 * on its first inspection, from its own verticle's context: the collector is then part of the inspector's
 * deployment and stops when the engine undeploys the inspector. It starts again with the next inspection
 * after a restart.
 *
 * <p>A publication SNS refuses for good (no such topic, no permission) fails the inspection permanently;
 * throttling, server and network errors, and a failed read of the answers, fail it retryably, and the
 * engine's retry publishes the task again.
 */
public final class DeepAlertInspector implements Inspector {
  private static final System.Logger LOG = System.getLogger(DeepAlertInspector.class.getName());
  /** The time the engine's timeout must leave beyond the wait, to publish the task and read the answers. */
  public static final Duration TIMEOUT_MARGIN = Duration.ofSeconds(5);

  private final String name;
  private final SnsAsyncClient sns;
  private final String taskTopic;
  private final SqsAsyncClient sqs;
  private final String findingQueue;
  private final String attributeQueue;
  private final DeepAlertAnswers answers;
  private final Clock clock;
  private final Duration answerWait;
  private final Duration visibility;
  private final AtomicBoolean collecting = new AtomicBoolean();

  DeepAlertInspector(String name, SnsAsyncClient sns, String taskTopic, SqsAsyncClient sqs, String findingQueue,
                     String attributeQueue, DeepAlertAnswers answers, Clock clock, Duration answerWait,
                     Duration visibility) {
    this.name = name;
    this.sns = sns;
    this.taskTopic = taskTopic;
    this.sqs = sqs;
    this.findingQueue = findingQueue;
    this.attributeQueue = attributeQueue;
    this.answers = answers;
    this.clock = clock;
    this.answerWait = answerWait;
    this.visibility = visibility;
  }

  /** How long answers are collected after a task is published (the option {@code wait}). */
  public Duration answerWait() {
    return answerWait;
  }

  /**
   * Refuses an engine timeout that would end a call while this inspector still waits for answers: it must
   * be at least the wait plus {@link #TIMEOUT_MARGIN}.
   *
   * @param path where the timeout is configured, for the error
   * @throws ConfigurationException naming the timeout, the wait and what to change
   */
  public void requireTimeoutBeyondWait(Duration timeout, String path) {
    Duration least = answerWait.plus(TIMEOUT_MARGIN);
    if (timeout.compareTo(least) < 0) {
      throw new ConfigurationException(path, "at least " + Durations.format(least) + " (options.wait "
          + Durations.format(answerWait) + " to collect deepalert's answers, plus " + Durations.format(TIMEOUT_MARGIN)
          + " to publish the task and read them; raise the timeout or lower options.wait)",
          Durations.format(timeout));
    }
  }

  @Override
  public Future<InspectionResult> inspect(InspectionTask task) {
    Context context = Vertx.currentContext();
    if (context == null) {
      return Future.failedFuture(new IllegalStateException("the deepalert inspector " + name + " runs on a Vert.x "
          + "context: deploy it with InspectorVerticle or the engine's builder"));
    }
    collectAnswers(context);
    String message = DeepAlertMessages.task(task).encode();
    return AwsFutures.call(() -> sns.publish(b -> b.topicArn(taskTopic).message(message)))
        .recover(failure -> Future.failedFuture(SnsEmitter.classify(taskTopic, failure)))
        .compose(published -> waitForAnswers())
        // The engine sends attributes as it admitted them, normalised; normalising again costs nothing
        // and keys the read exactly as the answers were keyed.
        .compose(v -> answers.read(task.reportId(), AlertValidator.normalize(task.attribute()).hash()));
  }

  /** Completes after the wait, on the engine's clock (a Vert.x timer on the wall clock in production). */
  private Future<Void> waitForAnswers() {
    Promise<Void> waited = Promise.promise();
    clock.schedule(answerWait, waited::complete);
    return waited.future();
  }

  /**
   * Starts the collector unless it runs. Deployed from the inspector verticle's context, it is a child of
   * that deployment, so undeploying the inspector stops it.
   */
  private void collectAnswers(Context context) {
    if (!collecting.compareAndSet(false, true)) {
      return;
    }
    DeepAlertAnswerCollector collector = new DeepAlertAnswerCollector(sqs, findingQueue, attributeQueue, answers,
        visibility, () -> collecting.set(false));
    context.owner().deployVerticle(collector).onFailure(failure -> {
      LOG.log(Level.WARNING, "the deepalert inspector " + name + " could not start collecting answers; it tries "
          + "again with its next inspection: " + failure.getMessage());
      collecting.set(false);
    });
  }
}
