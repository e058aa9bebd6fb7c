package org.alertresponder.tck.pipeline;

import io.vertx.core.Vertx;
import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.tck.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Base of the pipeline scenario suites: every adapter runs the whole of DESIGN §3 through a real engine
 * on a manual clock. Subclasses provide a fresh adapter.
 */
public abstract class PipelineContract {
  protected Vertx vertx;
  private final List<Scenario> scenarios = new ArrayList<>();

  /** A fresh, empty adapter. */
  protected abstract Adapter newAdapter();

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (Scenario scenario : scenarios) {
      try {
        scenario.close();
      } catch (RuntimeException | AssertionError e) {
        // The test's own assertions matter more than a failed shutdown.
      }
    }
    scenarios.clear();
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  /** Starts a scenario on a fresh adapter; it is stopped after the test. */
  protected Scenario start(Scenario.Builder builder) {
    Scenario scenario = builder.start(vertx);
    scenarios.add(scenario);
    return scenario;
  }

  protected Scenario.Builder scenario() {
    return Scenario.builder(newAdapter());
  }

  protected Scenario.Builder scenario(Adapter adapter) {
    return Scenario.builder(adapter);
  }
}
