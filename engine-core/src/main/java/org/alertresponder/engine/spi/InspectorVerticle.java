package org.alertresponder.engine.spi;

import io.vertx.core.Future;
import org.alertresponder.engine.bus.Addresses;

/**
 * Binds an {@link Inspector} to {@code alertresponder.inspector.<name>}. Deploy it, or let the engine
 * deploy it for you with {@code AlertEngine.Builder#inspector(InspectorSpec, Inspector)}.
 *
 * <p>To write an inspector as a verticle, extend this class with {@link #InspectorVerticle(String)} and
 * override {@link #inspect(InspectionTask)}.
 */
public class InspectorVerticle extends PluginVerticle<InspectionTask, InspectionResult> {
  private final Inspector inspector;

  public InspectorVerticle(String name, Inspector inspector) {
    super(Addresses.inspector(PluginNames.require("inspector", name)));
    this.inspector = inspector;
  }

  protected InspectorVerticle(String name) {
    super(Addresses.inspector(PluginNames.require("inspector", name)));
    this.inspector = null;
  }

  /** Override when extending this class instead of passing an {@link Inspector}. */
  protected Future<InspectionResult> inspect(InspectionTask task) {
    if (inspector == null) {
      return Future.failedFuture(PluginException.permanent(getClass().getName() + " does not override inspect"));
    }
    return inspector.inspect(task);
  }

  /** Closes the plugin passed to the constructor if it is {@link AutoCloseable}. */
  @Override
  public Future<?> stop() {
    return closeIfCloseable(inspector, address());
  }

  @Override
  protected InspectionTask decode(Object body) {
    return PluginCodec.decodeTask(body);
  }

  @Override
  protected Future<InspectionResult> call(InspectionTask request) {
    return inspect(request);
  }

  @Override
  protected Object encode(InspectionResult answer) {
    return PluginCodec.encode(answer);
  }
}
