package org.alertresponder.engine.api;

import java.util.List;
import java.util.stream.Collectors;

/** An alert broke one or more rules; nothing was stored. */
public final class InvalidAlertException extends RuntimeException {
  private final transient List<Violation> violations;

  public InvalidAlertException(List<Violation> violations) {
    super("invalid alert: " + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
