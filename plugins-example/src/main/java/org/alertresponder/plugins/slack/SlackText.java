package org.alertresponder.plugins.slack;

/**
 * Text as Slack's Block Kit takes it: mrkdwn escaped the way Slack documents ({@code &}, {@code <} and
 * {@code >} become entities, so that a value such as {@code <!channel>} from an alert cannot ping a channel or
 * forge a link), and every text cut to the length its block allows.
 */
final class SlackText {
  private static final String ELLIPSIS = "…";

  private SlackText() {
  }

  /** {@code text} with {@code &}, {@code <} and {@code >} replaced by Slack's entities. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * {@code text} cut to at most {@code max} characters, ending with an ellipsis when it was cut. The cut never
   * splits an entity written by {@link #escape} (Slack would show "&am") nor a surrogate pair.
   */
  static String truncate(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - ELLIPSIS.length();
    int ampersand = text.lastIndexOf('&', end - 1);
    if (ampersand >= 0 && ampersand > end - 5 && text.indexOf(';', ampersand) >= end) {
      end = ampersand;
    }
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + ELLIPSIS;
  }

  /** {@link #escape} then {@link #truncate}. */
  static String mrkdwn(String text, int max) {
    return truncate(escape(text), max);
  }
}
