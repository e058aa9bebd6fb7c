package org.alertresponder.launcher.plugins;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportCodec;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.Emitter;
import org.alertresponder.engine.spi.EmitterFactory;
import org.alertresponder.engine.spi.PluginContext;

import java.io.PrintStream;
import java.util.List;

/**
 * Emitter type {@code log}: prints each publication as one line of JSON (the report in the wire model)
 * on standard output, or standard error with {@code stream: stderr}. The embedded default uses it so
 * that a first run shows what happened.
 */
public final class LogEmitterFactory implements EmitterFactory {
  @Override
  public String type() {
    return "log";
  }

  @Override
  public Emitter create(PluginContext context) {
    String stream = context.options().string("stream", "stdout");
    if (!List.of("stdout", "stderr").contains(stream)) {
      throw new ConfigurationException(context.options().pathOf("stream"), "stdout or stderr", "\"" + stream + "\"");
    }
    return new LogEmitter(context.vertx(), stream.equals("stdout") ? System.out : System.err);
  }

  /** Prints off the event loop: a full pipe must not stall the engine. */
  static final class LogEmitter implements Emitter {
    private final Vertx vertx;
    private final PrintStream out;

    LogEmitter(Vertx vertx, PrintStream out) {
      this.vertx = vertx;
      this.out = out;
    }

    @Override
    public Future<Void> emit(Report report) {
      String line = ReportCodec.encode(report).encode();
      return vertx.executeBlocking(() -> {
        out.println(line);
        out.flush();
        return null;
      }, true);
    }
  }
}
