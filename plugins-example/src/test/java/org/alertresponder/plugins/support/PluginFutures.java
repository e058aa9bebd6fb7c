package org.alertresponder.plugins.support;

import io.vertx.core.Future;
import org.alertresponder.engine.spi.PluginException;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Waiting for what a plugin answered, in the plugin tests: its value, or the failure it reported. */
public final class PluginFutures {
  private static final long WAIT_SECONDS = 30;

  private PluginFutures() {
  }

  /** The future's value, once it completes (within 30 s). */
  public static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** The {@link PluginException} the future failed with; an error when it succeeded or failed otherwise. */
  public static PluginException failure(Future<?> future) throws Exception {
    try {
      await(future);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof PluginException plugin) {
        return plugin;
      }
      throw new AssertionError("failed with something other than a PluginException", e.getCause());
    }
    throw new AssertionError("the plugin succeeded");
  }
}
