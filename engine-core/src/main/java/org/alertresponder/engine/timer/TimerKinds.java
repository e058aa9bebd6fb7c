package org.alertresponder.engine.timer;

/** The kinds of durable timers and where each is dispatched. */
public final class TimerKinds {
  /** Inspect the attributes of one accepted alert. */
  public static final String INSPECT_ALERT = "inspect-alert";
  /** Review a report for its next version. */
  public static final String REVIEW = "review";

  private TimerKinds() {
  }
}
