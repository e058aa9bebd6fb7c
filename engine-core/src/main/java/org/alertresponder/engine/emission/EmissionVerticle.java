package org.alertresponder.engine.emission;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.alertresponder.engine.internal.RunnerPumps;

import java.util.List;

/** Shell of the emission stage: one pump per emitter over its outbox. */
public final class EmissionVerticle extends VerticleBase {
  private final List<EmitterRunner> runners;
  private final RunnerPumps pumps;

  public EmissionVerticle(List<EmitterRunner> runners, RunnerPumps pumps) {
    this.runners = List.copyOf(runners);
    this.pumps = pumps;
  }

  @Override
  public Future<?> start() {
    pumps.start(context, runners);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    pumps.stop();
    return Future.succeededFuture();
  }
}
