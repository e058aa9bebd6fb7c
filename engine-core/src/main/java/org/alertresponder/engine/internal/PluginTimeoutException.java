package org.alertresponder.engine.internal;

import org.alertresponder.engine.api.Durations;

import java.time.Duration;

/** A plugin did not answer in time. Retryable. */
public final class PluginTimeoutException extends RuntimeException {
  public PluginTimeoutException(String address, Duration timeout) {
    super("no answer from " + address + " within " + Durations.format(timeout));
  }
}
