package org.alertresponder.engine.spi;

/**
 * A plugin failure that says whether trying again could help. Plugins fail their future with it; the
 * engine retries retryable failures with backoff and records permanent ones at once.
 */
public class PluginException extends RuntimeException {
  private final boolean retryable;

  public PluginException(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  public PluginException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public static PluginException permanent(String message) {
    return new PluginException(message, false);
  }

  public static PluginException retryable(String message) {
    return new PluginException(message, true);
  }

  public boolean retryable() {
    return retryable;
  }
}
