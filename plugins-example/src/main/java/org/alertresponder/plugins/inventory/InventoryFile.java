package org.alertresponder.plugins.inventory;

import org.alertresponder.engine.spi.ConfigurationException;

import java.nio.file.Path;
import java.util.Locale;

/**
 * One file of the inventory, as the options name it.
 *
 * @param optionPath where the configuration names it, such as {@code inspectors[0].options.assets[1]}
 * @param path       the file, resolved against the configuration's folder
 * @param kind       whether it lists assets or users
 * @param format     how it is written, from its extension
 * @param mapping    which columns or fields hold which values
 */
record InventoryFile(String optionPath, Path path, Kind kind, Format format, FieldMapping mapping) {
  enum Kind { ASSETS, USERS }

  enum Format {
    /** Comma-separated values with a header row. */
    CSV,
    /** One JSON array of objects. */
    JSON,
    /** One JSON object per line. */
    JSONL
  }

  /**
   * @throws ConfigurationException when the extension is not .csv, .json or .jsonl
   */
  static Format formatOf(String optionPath, String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".csv")) {
      return Format.CSV;
    }
    if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
      return Format.JSONL;
    }
    if (lower.endsWith(".json")) {
      return Format.JSON;
    }
    throw new ConfigurationException(optionPath, "a file ending in .csv, .json or .jsonl (the extension says "
        + "how it is written)", "\"" + name + "\"");
  }

  /** How the file reads in messages: its option and its path. */
  String describe() {
    return optionPath + " (" + path + ")";
  }
}
