package org.alertresponder.engine.api;

import java.util.Objects;

/**
 * What a reviewer decided about a report: the wire's {@code result: {severity, reason}}.
 */
public record Verdict(Severity severity, String reason) {
  public Verdict {
    Objects.requireNonNull(severity, "severity");
    reason = reason == null ? "" : reason;
  }

  public static Verdict safe(String reason) {
    return new Verdict(Severity.SAFE, reason);
  }

  public static Verdict unclassified(String reason) {
    return new Verdict(Severity.UNCLASSIFIED, reason);
  }

  public static Verdict urgent(String reason) {
    return new Verdict(Severity.URGENT, reason);
  }
}
