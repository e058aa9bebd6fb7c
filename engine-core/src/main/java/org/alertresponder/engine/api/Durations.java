package org.alertresponder.engine.api;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations in the short form operators write in configuration: 250ms, 30s, 5m, 3h, 7d. */
public final class Durations {
  private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Durations() {
  }

  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis == 0) {
      return "0s";
    }
    String sign = millis < 0 ? "-" : "";
    millis = Math.abs(millis);
    if (millis % 86_400_000 == 0) {
      return sign + millis / 86_400_000 + "d";
    }
    if (millis % 3_600_000 == 0) {
      return sign + millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0) {
      return sign + millis / 60_000 + "m";
    }
    if (millis % 1000 == 0) {
      return sign + millis / 1000 + "s";
    }
    return sign + millis + "ms";
  }

  /**
   * Parses a non-negative whole number with a unit: {@code ms}, {@code s}, {@code m}, {@code h} or {@code d}
   * ("0" alone is accepted too).
   *
   * @throws IllegalArgumentException saying what is expected
   */
  public static Duration parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    if (trimmed.equals("0")) {
      return Duration.ZERO;
    }
    Matcher matcher = FORM.matcher(trimmed);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("a duration like 250ms, 30s, 5m, 3h or 7d");
    }
    long amount;
    try {
      amount = Long.parseLong(matcher.group(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a duration like 250ms, 30s, 5m, 3h or 7d (this one is too large)");
    }
    try {
      return switch (matcher.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("a duration like 250ms, 30s, 5m, 3h or 7d (this one is too large)");
    }
  }
}
