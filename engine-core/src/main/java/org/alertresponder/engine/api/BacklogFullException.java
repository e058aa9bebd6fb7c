package org.alertresponder.engine.api;

import java.time.Duration;

/**
 * The engine refused alerts because too much work is already waiting; nothing of the refused alerts was
 * stored. Send them again after {@link #retryAfter()}.
 */
public final class BacklogFullException extends RuntimeException {
  private final transient Duration retryAfter;

  public BacklogFullException(long backlog, long bound, Duration retryAfter) {
    super("the engine's backlog is full (" + backlog + " alerts and inspections waiting, bound " + bound
        + "); try again in " + retryAfter.toSeconds() + "s");
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
