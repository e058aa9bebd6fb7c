package org.alertresponder.engine.inspection;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import org.alertresponder.engine.bus.Addresses;
import org.alertresponder.engine.bus.StageBus;
import org.alertresponder.engine.internal.ActivityTracker;
import org.alertresponder.engine.internal.Pump;
import org.alertresponder.engine.internal.Wakeups;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.engine.timer.InspectAlertTimer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Shell of the inspection stage: expands fired inspection timers and runs one pump per inspector.
 */
public final class InspectionVerticle extends VerticleBase {
  private final InspectionService service;
  private final List<InspectorRunner> runners;
  private final Clock clock;
  private final ActivityTracker tracker;
  private final Wakeups wakeups;
  private final Duration pollInterval;
  private final List<Pump> pumps = new ArrayList<>();
  private final List<String> registered = new ArrayList<>();

  public InspectionVerticle(InspectionService service, List<InspectorRunner> runners, Clock clock,
                            ActivityTracker tracker, Wakeups wakeups, Duration pollInterval) {
    this.service = service;
    this.runners = List.copyOf(runners);
    this.clock = clock;
    this.tracker = tracker;
    this.wakeups = wakeups;
    this.pollInterval = pollInterval;
  }

  @Override
  public Future<?> start() {
    for (InspectorRunner runner : runners) {
      Pump pump = new Pump(runner.tag(), context, clock, tracker, pollInterval, runner::round);
      runner.attach(pump);
      pumps.add(pump);
      String name = Wakeups.inspector(runner.name());
      wakeups.register(name, pump);
      registered.add(name);
    }
    return vertx.eventBus().<InspectAlertTimer>consumer(Addresses.INSPECT_ALERT, this::expand).completion()
        .andThen(ar -> pumps.forEach(Pump::start));
  }

  @Override
  public Future<?> stop() {
    registered.forEach(wakeups::unregister);
    pumps.forEach(Pump::stop);
    return Future.succeededFuture();
  }

  private void expand(Message<InspectAlertTimer> message) {
    StageBus.receive(tracker, ActivityTracker.ENGINE,
        () -> tracker.track(ActivityTracker.ENGINE, () -> service.expand(message.body()))).onComplete(ar -> {
      if (ar.succeeded()) {
        message.reply(null);
      } else {
        message.fail(500, String.valueOf(ar.cause().getMessage()));
      }
    });
  }
}
