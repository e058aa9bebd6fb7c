package org.alertresponder.engine.emission;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.alertresponder.engine.internal.ActivityTracker;
import org.alertresponder.engine.internal.Pump;
import org.alertresponder.engine.internal.Wakeups;
import org.alertresponder.engine.spi.Clock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Shell of the emission stage: one pump per emitter over its outbox. */
public final class EmissionVerticle extends VerticleBase {
  private final List<EmitterRunner> runners;
  private final Clock clock;
  private final ActivityTracker tracker;
  private final Wakeups wakeups;
  private final Duration pollInterval;
  private final List<Pump> pumps = new ArrayList<>();

  public EmissionVerticle(List<EmitterRunner> runners, Clock clock, ActivityTracker tracker, Wakeups wakeups,
                          Duration pollInterval) {
    this.runners = List.copyOf(runners);
    this.clock = clock;
    this.tracker = tracker;
    this.wakeups = wakeups;
    this.pollInterval = pollInterval;
  }

  @Override
  public Future<?> start() {
    for (EmitterRunner runner : runners) {
      Pump pump = new Pump(runner.tag(), context, clock, tracker, pollInterval, runner::round);
      runner.attach(pump);
      pumps.add(pump);
      wakeups.register(Wakeups.emitter(runner.name()), pump);
    }
    pumps.forEach(Pump::start);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    runners.forEach(runner -> wakeups.unregister(Wakeups.emitter(runner.name())));
    pumps.forEach(Pump::stop);
    return Future.succeededFuture();
  }
}
