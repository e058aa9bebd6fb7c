package org.alertresponder.engine.spi;

/**
 * A configuration value is wrong: names the key's path (e.g. {@code inspectors[0].options.files}), what
 * was expected and what was found — and, when known, where in the file — so that an operator can fix it
 * without reading code.
 */
public final class ConfigurationException extends RuntimeException {
  private final String path;
  private final String expected;
  private final String found;

  public ConfigurationException(String path, String expected, String found) {
    this(path, expected, found, null);
  }

  /**
   * @param location where the value is, e.g. "line 3, column 5", or null
   */
  public ConfigurationException(String path, String expected, String found, String location) {
    super(path + (location == null ? "" : " (" + location + ")") + ": expected " + expected + ", found " + found);
    this.path = path;
    this.expected = expected;
    this.found = found;
  }

  public String path() {
    return path;
  }

  public String expected() {
    return expected;
  }

  public String found() {
    return found;
  }
}
