package org.alertresponder.plugins.support;

import org.alertresponder.engine.api.Severity;

/** How a severity reads for people: the same words and signs in every human-facing emitter. */
public final class SeverityText {
  private SeverityText() {
  }

  /** {@code Urgent}, {@code Unclassified} or {@code Safe}. */
  public static String label(Severity severity) {
    return switch (severity) {
      case URGENT -> "Urgent";
      case UNCLASSIFIED -> "Unclassified";
      case SAFE -> "Safe";
    };
  }

  /** An emoji shortcode that Slack and GitHub both render. */
  public static String emoji(Severity severity) {
    return switch (severity) {
      case URGENT -> ":rotating_light:";
      case UNCLASSIFIED -> ":warning:";
      case SAFE -> ":white_check_mark:";
    };
  }
}
