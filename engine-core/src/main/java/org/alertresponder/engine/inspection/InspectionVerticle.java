package org.alertresponder.engine.inspection;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import org.alertresponder.engine.bus.Addresses;
import org.alertresponder.engine.bus.StageBus;
import org.alertresponder.engine.internal.ActivityTracker;
import org.alertresponder.engine.internal.RunnerPumps;
import org.alertresponder.engine.timer.InspectAlertTimer;

import java.util.List;

/**
 * Shell of the inspection stage: expands fired inspection timers and runs one pump per inspector.
 */
public final class InspectionVerticle extends VerticleBase {
  private final InspectionService service;
  private final List<InspectorRunner> runners;
  private final RunnerPumps pumps;
  private final ActivityTracker tracker;
  private final StageBus stages;

  public InspectionVerticle(InspectionService service, List<InspectorRunner> runners, RunnerPumps pumps,
                            ActivityTracker tracker, StageBus stages) {
    this.stages = stages;
    this.service = service;
    this.runners = List.copyOf(runners);
    this.pumps = pumps;
    this.tracker = tracker;
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<InspectAlertTimer>consumer(Addresses.INSPECT_ALERT, this::expand).completion()
        .andThen(ar -> pumps.start(context, runners));
  }

  @Override
  public Future<?> stop() {
    pumps.stop();
    return Future.succeededFuture();
  }

  private void expand(Message<InspectAlertTimer> message) {
    StageBus.receive(tracker, ActivityTracker.ENGINE,
        () -> tracker.track(ActivityTracker.ENGINE, () -> service.expand(message.body())))
        .onComplete(ar -> stages.reply(message, ar));
  }
}
