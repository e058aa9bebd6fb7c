package org.alertresponder.tck.ports;

import io.vertx.core.Vertx;
import org.alertresponder.engine.spi.Adapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.alertresponder.tck.ports.PortFixtures.await;

/**
 * Base of the port contract suites: a Vert.x instance and a freshly opened adapter for each test,
 * closed afterwards. A suite picks its port in its own {@code @BeforeEach}, which runs after this one.
 */
public abstract class PortContract {
  protected Vertx vertx;
  protected Adapter adapter;

  /** A new adapter for each test; it is opened and closed by the suite. */
  protected abstract Adapter newAdapter();

  @BeforeEach
  final void openAdapter() {
    vertx = Vertx.vertx();
    adapter = newAdapter();
    await(adapter.open(vertx));
  }

  /**
   * Runs {@code call} on a fresh Vert.x context and fails unless its future completes on that context,
   * as {@link Adapter} requires.
   */
  protected <T> T onContext(java.util.function.Supplier<io.vertx.core.Future<T>> call) {
    io.vertx.core.Context context = vertx.getOrCreateContext();
    io.vertx.core.Promise<T> result = io.vertx.core.Promise.promise();
    context.runOnContext(v -> call.get().onComplete(ar -> {
      if (Vertx.currentContext() != context) {
        result.fail(new AssertionError("the port's future completed outside the caller's context"));
      } else if (ar.failed()) {
        result.fail(ar.cause());
      } else {
        result.complete(ar.result());
      }
    }));
    return await(result.future());
  }

  @AfterEach
  final void closeAdapter() {
    try {
      if (adapter != null) {
        await(adapter.close());
      }
    } finally {
      await(vertx.close());
    }
  }
}
