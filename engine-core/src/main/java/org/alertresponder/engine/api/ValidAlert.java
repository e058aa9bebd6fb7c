package org.alertresponder.engine.api;

import java.util.List;

/**
 * An alert that passed every rule of {@link AlertValidator}, normalised. {@link AlertCodec#decodeValid} makes
 * one as it decodes, and {@link AlertEngine#submitValid} takes it without validating again: an alert decoded at
 * the edge (the HTTP API, an SQS queue) is validated once, where checking it twice was a seventh of the
 * server's work on HTTP intake. Only {@link #of} and this package's decoder make one, each after validating.
 */
public final class ValidAlert {
  private final Alert alert;

  private ValidAlert(Alert normalized) {
    this.alert = normalized;
  }

  /**
   * Validates and normalises an alert.
   *
   * @throws InvalidAlertException naming every broken rule
   */
  public static ValidAlert of(Alert alert) {
    List<Violation> violations = AlertValidator.violations(alert);
    if (!violations.isEmpty()) {
      throw new InvalidAlertException(violations);
    }
    return new ValidAlert(AlertValidator.normalize(alert));
  }

  /** For {@link AlertCodec}, which has checked every rule of {@link AlertValidator} and normalised the alert. */
  static ValidAlert checked(Alert normalized) {
    return new ValidAlert(normalized);
  }

  /** The alert, normalised. */
  public Alert alert() {
    return alert;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ValidAlert valid && valid.alert.equals(alert);
  }

  @Override
  public int hashCode() {
    return alert.hashCode();
  }

  @Override
  public String toString() {
    return "ValidAlert[" + alert + "]";
  }
}
