package org.alertresponder.plugins.support;

import java.util.Locale;

/** Domain name comparison as DNS sees it: case-insensitive, a trailing dot ignored, whole labels only. */
public final class DomainNames {
  private DomainNames() {
  }

  /**
   * The name in lower case without a trailing dot, and without a leading {@code *.} or {@code .}: the ways
   * feeds and people write "this domain and everything under it".
   */
  public static String normalise(String name) {
    String lower = name.strip().toLowerCase(Locale.ROOT);
    if (lower.startsWith("*.")) {
      lower = lower.substring(2);
    } else if (lower.startsWith(".")) {
      lower = lower.substring(1);
    }
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  /**
   * Whether {@code name} is {@code domain} or a subdomain of it: {@code mail.example.com} is within
   * {@code example.com}, {@code badexample.com} is not.
   */
  public static boolean within(String name, String domain) {
    String n = normalise(name);
    String d = normalise(domain);
    if (d.isEmpty() || n.isEmpty()) {
      return false;
    }
    return n.equals(d) || (n.length() > d.length() && n.endsWith(d) && n.charAt(n.length() - d.length() - 1) == '.');
  }
}
