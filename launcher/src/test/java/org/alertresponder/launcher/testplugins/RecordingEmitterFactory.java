package org.alertresponder.launcher.testplugins;

import io.vertx.core.Future;
import org.alertresponder.engine.spi.Emitter;
import org.alertresponder.engine.spi.EmitterFactory;
import org.alertresponder.engine.spi.PluginContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A test emitter type, {@code record}: appends one line per delivery ({@code <report id> <version>}) to
 * {@code options.file}, so that a test in another process can count what was delivered, duplicates
 * included.
 */
public final class RecordingEmitterFactory implements EmitterFactory {
  @Override
  public String type() {
    return "record";
  }

  @Override
  public Emitter create(PluginContext context) {
    Path file = context.resolve(context.options().requiredString("file"));
    return report -> context.vertx().executeBlocking(() -> {
      byte[] line = (report.id() + " " + report.version() + "\n").getBytes(StandardCharsets.UTF_8);
      synchronized (RecordingEmitterFactory.class) {
        try {
          Files.write(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
          throw new IllegalStateException("cannot record a delivery in " + file, e);
        }
      }
      return null;
    }).<Void>mapEmpty().recover(Future::failedFuture);
  }
}
