package org.alertresponder.engine.spi;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.bus.Addresses;

/**
 * Binds an {@link Emitter} to {@code alertresponder.emitter.<name>}. Extend it with
 * {@link #EmitterVerticle(String)} and override {@link #emit(Report)} to write an emitter as a verticle.
 */
public class EmitterVerticle extends PluginVerticle<Report, Void> {
  private final Emitter emitter;

  public EmitterVerticle(String name, Emitter emitter) {
    super(Addresses.emitter(PluginNames.require("emitter", name)));
    this.emitter = emitter;
  }

  protected EmitterVerticle(String name) {
    super(Addresses.emitter(PluginNames.require("emitter", name)));
    this.emitter = null;
  }

  protected Future<Void> emit(Report report) {
    if (emitter == null) {
      return Future.failedFuture(PluginException.permanent(getClass().getName() + " does not override emit"));
    }
    return emitter.emit(report);
  }

  /** Closes the plugin passed to the constructor if it is {@link AutoCloseable}. */
  @Override
  public Future<?> stop() {
    return closeIfCloseable(emitter, address());
  }

  @Override
  protected Report decode(Object body) {
    return PluginCodec.decodeReport(body);
  }

  @Override
  protected Future<Void> call(Report request) {
    return emit(request);
  }

  @Override
  protected Object encode(Void answer) {
    return new JsonObject();
  }
}
