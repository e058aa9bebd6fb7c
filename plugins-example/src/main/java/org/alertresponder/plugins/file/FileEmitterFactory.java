package org.alertresponder.plugins.file;

import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.Emitter;
import org.alertresponder.engine.spi.EmitterFactory;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginOptions;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
  private static final long MAX_MAX_SIZE = 1024 * GIB;
  private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*([A-Za-z]*)");
  private static final Map<String, Long> UNITS = Map.of(
      "", 1L, "b", 1L,
      "kib", KIB, "mib", MIB, "gib", GIB,
      "kb", 1000L, "mb", 1000L * 1000, "gb", 1000L * 1000 * 1000);

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
    long maxSize = size(options, "max-size", DEFAULT_MAX_SIZE);
    int maxFiles = options.integer("max-files", DEFAULT_MAX_FILES, 1, 1000);
    boolean fsync = options.bool("fsync", false);
    return new FileEmitter(context.vertx(), path, maxSize, maxFiles, fsync);
  }

  /**
   * A size option: a number of bytes, or a number with a unit: {@code KiB}, {@code MiB}, {@code GiB} (powers
   * of 1024), {@code KB}, {@code MB}, {@code GB} (powers of 1000) or {@code B}, in any case.
   */
  static long size(PluginOptions options, String key, long fallback) {
    Object value = options.raw(key);
    if (value == null) {
      return fallback;
    }
    String expected = "a size from 1KiB to 1024GiB such as 100MiB, 512KiB or 1GiB";
    long bytes = -1;
    if (value instanceof Integer || value instanceof Long) {
      bytes = ((Number) value).longValue();
    } else if (value instanceof String text) {
      Matcher matcher = SIZE.matcher(text.strip());
      Long unit = matcher.matches() ? UNITS.get(matcher.group(2).toLowerCase(Locale.ROOT)) : null;
      if (unit != null) {
        long number = Long.parseLong(matcher.group(1));
        bytes = number > MAX_MAX_SIZE / unit ? Long.MAX_VALUE : number * unit;
      }
    }
    if (bytes < MIN_MAX_SIZE || bytes > MAX_MAX_SIZE) {
      throw new ConfigurationException(options.pathOf(key), expected, PluginOptions.describe(value));
    }
    return bytes;
  }
}
