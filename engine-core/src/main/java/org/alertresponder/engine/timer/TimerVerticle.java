package org.alertresponder.engine.timer;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.alertresponder.engine.internal.RunnerPumps;

import java.util.List;

/** Shell of the timer stage: one pump over the durable timer queue. */
public final class TimerVerticle extends VerticleBase {
  private final TimerRunner runner;
  private final RunnerPumps pumps;

  public TimerVerticle(TimerRunner runner, RunnerPumps pumps) {
    this.runner = runner;
    this.pumps = pumps;
  }

  @Override
  public Future<?> start() {
    pumps.start(context, List.of(runner));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    pumps.stop();
    return Future.succeededFuture();
  }
}
