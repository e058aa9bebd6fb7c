package org.alertresponder.plugins.support;

/** Text made safe to put into HTML, as element content or as a quoted attribute's value. */
public final class HtmlText {
  private HtmlText() {
  }

  /** {@code text} with {@code & < > " '} replaced by entities; null is the empty text. */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
