package org.alertresponder.plugins.github;

import java.util.regex.Pattern;

/**
 * GitHub-flavoured Markdown for text that comes from alerts: descriptions, attribute values, error messages.
 * An attacker chooses much of it (a user agent, a domain, a file name), so it is never rendered as Markdown:
 * it goes into code spans and code blocks, where GitHub neither mentions anyone ({@code @team}), links
 * anything ({@code #123}, {@code https://...}), nor renders HTML or images.
 */
final class Markdown {
  /** Compiled once: every table cell of an issue goes through {@link #code}. */
  private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\t]+");

  private Markdown() {
  }

  /**
   * {@code text} as one inline code span, on one line and cut to {@code max} characters, or an em dash for an
   * empty text. The fence is longer than any run of backticks inside, so the text cannot close it.
   */
  static String code(String text, int max) {
    String flat = text == null ? "" : LINE_BREAKS.matcher(text).replaceAll(" ");
    if (flat.isBlank()) {
      return "—";
    }
    flat = cut(flat, max);
    String fence = "`".repeat(longestRun(flat, '`') + 1);
    boolean pad = flat.startsWith("`") || flat.endsWith("`") || (flat.startsWith(" ") && flat.endsWith(" "));
    return pad ? fence + " " + flat + " " + fence : fence + flat + fence;
  }

  /**
   * {@link #code} for a table cell: a pipe would end the cell even inside a code span, so it is escaped as GFM
   * documents ({@code \|} renders as {@code |} there).
   */
  static String cell(String text, int max) {
    return code(text, max).replace("|", "\\|");
  }

  /** {@code text} as a fenced code block (with a language for highlighting, or "text"), ending with a newline. */
  static String block(String text, String language) {
    String body = text == null ? "" : text;
    String fence = "`".repeat(Math.max(3, longestRun(body, '`') + 1));
    return fence + language + "\n" + body + (body.endsWith("\n") ? "" : "\n") + fence + "\n";
  }

  /** {@code text} cut to at most {@code max} characters, with an ellipsis when cut, never inside a surrogate pair. */
  static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }

  private static int longestRun(String text, char c) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      run = text.charAt(i) == c ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return longest;
  }
}
