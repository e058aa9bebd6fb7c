package org.alertresponder.engine.aggregation;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import org.alertresponder.engine.api.Alert;
import org.alertresponder.engine.bus.Addresses;
import org.alertresponder.engine.bus.StageBus;
import org.alertresponder.engine.internal.ActivityTracker;

/**
 * Shell of the aggregation stage: takes a validated alert (or a batch) from the bus, accepts it, replies the
 * receipt (or the batch's outcome).
 */
public final class AggregationVerticle extends VerticleBase {
  private final AggregationService service;
  private final ActivityTracker tracker;
  private final StageBus stages;

  public AggregationVerticle(AggregationService service, ActivityTracker tracker, StageBus stages) {
    this.service = service;
    this.tracker = tracker;
    this.stages = stages;
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<Alert>consumer(Addresses.AGGREGATE, this::handle).completion()
        .compose(v -> vertx.eventBus().<AlertBatch>consumer(Addresses.AGGREGATE_BATCH, this::handleBatch).completion());
  }

  private void handleBatch(Message<AlertBatch> message) {
    StageBus.receive(tracker, ActivityTracker.ENGINE,
        () -> tracker.track(ActivityTracker.ENGINE, () -> service.acceptAll(message.body())))
        .onComplete(ar -> stages.reply(message, ar));
  }

  private void handle(Message<Alert> message) {
    StageBus.receive(tracker, ActivityTracker.ENGINE,
        () -> tracker.track(ActivityTracker.ENGINE, () -> service.accept(message.body())))
        .onComplete(ar -> stages.reply(message, ar));
  }
}
