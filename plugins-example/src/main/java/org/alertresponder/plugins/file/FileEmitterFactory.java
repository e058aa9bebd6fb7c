package org.alertresponder.plugins.file;

import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.Emitter;
import org.alertresponder.engine.spi.EmitterFactory;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginOptions;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The emitter type {@code file}: every publication as one JSON line in a size-rotated file. The options are
 * described in the package documentation.
 */
public final class FileEmitterFactory implements EmitterFactory {
  public static final long KIB = 1024;
  public static final long MIB = 1024 * KIB;
  public static final long GIB = 1024 * MIB;
  public static final long DEFAULT_MAX_SIZE = 100 * MIB;
  public static final int DEFAULT_MAX_FILES = 5;
  /** The smallest {@code max-size}, so that a forgotten unit ({@code max-size: 100}) is caught. */
  public static final long MIN_MAX_SIZE = KIB;
  static final long MAX_MAX_SIZE = 1024 * GIB;

  @Override
  public String type() {
    return "file";
  }

  @Override
  public Emitter create(PluginContext context) {
    PluginOptions options = context.options();
    String file = options.requiredString("path");
    Path path;
    try {
      path = context.resolve(file);
    } catch (InvalidPathException e) {
      throw new ConfigurationException(options.pathOf("path"), "a file path", PluginOptions.describe(file));
    }
    if (path.getFileName() == null) {
      throw new ConfigurationException(options.pathOf("path"), "a file path, not a folder",
          PluginOptions.describe(file));
    }
    long maxSize = options.size("max-size", DEFAULT_MAX_SIZE, MIN_MAX_SIZE, MAX_MAX_SIZE);
    int maxFiles = options.integer("max-files", DEFAULT_MAX_FILES, 1, 1000);
    boolean fsync = options.bool("fsync", false);
    return new FileEmitter(context.vertx(), path, maxSize, maxFiles, fsync);
  }
}
