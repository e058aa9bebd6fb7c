package org.alertresponder.engine.internal;

import io.vertx.core.Context;
import org.alertresponder.engine.spi.Clock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The pumps of a verticle's queue runners: one each, registered for wake-ups while running. */
public final class RunnerPumps {
  private final Clock clock;
  private final ActivityTracker tracker;
  private final Wakeups wakeups;
  private final Duration pollInterval;
  private final List<Pump> pumps = new ArrayList<>();
  private final List<String> registered = new ArrayList<>();

  public RunnerPumps(Clock clock, ActivityTracker tracker, Wakeups wakeups, Duration pollInterval) {
    this.clock = clock;
    this.tracker = tracker;
    this.wakeups = wakeups;
    this.pollInterval = pollInterval;
  }

  /** Creates, registers and starts a pump per runner. Call on the owning verticle's context. */
  public void start(Context context, List<? extends QueueRunner<?>> runners) {
    for (QueueRunner<?> runner : runners) {
      Pump pump = new Pump(runner.tag(), context, clock, tracker, pollInterval, runner::round);
      runner.attach(pump);
      pumps.add(pump);
      wakeups.register(runner.wakeupName(), pump);
      registered.add(runner.wakeupName());
    }
    pumps.forEach(Pump::start);
  }

  /** Unregisters and stops every pump. Call on the owning verticle's context. */
  public void stop() {
    registered.forEach(wakeups::unregister);
    pumps.forEach(Pump::stop);
  }
}
