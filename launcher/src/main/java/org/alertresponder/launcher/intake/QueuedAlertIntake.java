package org.alertresponder.launcher.intake;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.alertresponder.adapter.aws.SqsAlertQueue;
import org.alertresponder.engine.api.AlertEngine;
import org.alertresponder.engine.api.InvalidAlertException;
import org.alertresponder.engine.api.ValidAlert;
import org.alertresponder.launcher.http.AlertIntake;
import org.alertresponder.launcher.metrics.EngineMetrics;

import java.util.List;

/**
 * Stores the alerts of one queued message, read exactly as the HTTP API reads a request body (an alert,
 * an array, or an SNS notification carrying either). A message whose alerts will never be accepted is
 * refused for good, so that it reaches the queue's dead letters; any other failure is left to be retried.
 */
public final class QueuedAlertIntake {
  private final AlertEngine engine;
  private final AlertIntake decoder;
  private final EngineMetrics metrics;

  public QueuedAlertIntake(AlertEngine engine, int maxBatch, EngineMetrics metrics) {
    this.engine = engine;
    this.decoder = new AlertIntake(maxBatch);
    this.metrics = metrics;
  }

  public Future<Void> store(String body) {
    List<ValidAlert> alerts;
    try {
      alerts = decoder.decode(Buffer.buffer(body));
    } catch (AlertIntake.ProblemException e) {
      metrics.alertsRejected("invalid", 1);
      return Future.failedFuture(new SqsAlertQueue.Refused(e.problem().detail()));
    }
    return engine.submitValid(alerts).<Void>mapEmpty().recover(failure -> {
      if (failure instanceof InvalidAlertException invalid) {
        metrics.alertsRejected("invalid", alerts.size());
        return Future.failedFuture(new SqsAlertQueue.Refused(invalid.getMessage()));
      }
      return Future.failedFuture(failure);
    });
  }
}
