package org.alertresponder.engine.emission;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import org.alertresponder.engine.bus.Addresses;
import org.alertresponder.engine.bus.StageBus;
import org.alertresponder.engine.internal.ActivityTracker;
import org.alertresponder.engine.internal.RunnerPumps;

import java.util.List;

/**
 * Shell of the emission stage: delivers what this instance publishes, and runs one pump per emitter over
 * its outbox.
 */
public final class EmissionVerticle extends VerticleBase {
  private final EmissionService service;
  private final List<EmitterRunner> runners;
  private final RunnerPumps pumps;
  private final ActivityTracker tracker;
  private final StageBus stages;

  public EmissionVerticle(EmissionService service, List<EmitterRunner> runners, RunnerPumps pumps,
                          ActivityTracker tracker, StageBus stages) {
    this.stages = stages;
    this.service = service;
    this.runners = List.copyOf(runners);
    this.pumps = pumps;
    this.tracker = tracker;
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<DeliverPublication>consumer(Addresses.DELIVER, this::deliver).completion()
        .andThen(ar -> pumps.start(context, runners));
  }

  @Override
  public Future<?> stop() {
    pumps.stop();
    return Future.succeededFuture();
  }

  private void deliver(Message<DeliverPublication> message) {
    DeliverPublication request = message.body();
    StageBus.receive(tracker, ActivityTracker.ENGINE, () -> service.deliver(request.published(),
        request.leasedUntil())).onComplete(ar -> stages.reply(message, ar));
  }
}
