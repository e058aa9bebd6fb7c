package org.alertresponder.engine.internal;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Syntax checks for the values of the known attribute types. Nothing here touches the network: an IP
 * address is parsed as a literal, never resolved.
 */
public final class AttributeFormats {
  private static final Set<String> HOST_SCHEMES = Set.of("http", "https", "ftp", "ws", "wss");

  private AttributeFormats() {
  }

  public static boolean isIpAddress(String value) {
    return isIpv4(value) || isIpv6(value);
  }

  /** Four decimal octets 0-255 without leading zeros (a leading zero would mean octal to some tools). */
  public static boolean isIpv4(String value) {
    int octets = 0;
    int i = 0;
    int n = value.length();
    while (i <= n) {
      int start = i;
      int number = 0;
      while (i < n && value.charAt(i) != '.') {
        char c = value.charAt(i);
        if (c < '0' || c > '9' || i - start >= 3) {
          return false;
        }
        number = number * 10 + (c - '0');
        i++;
      }
      int length = i - start;
      if (length == 0 || number > 255 || (length > 1 && value.charAt(start) == '0')) {
        return false;
      }
      octets++;
      if (i == n) {
        break;
      }
      i++;
    }
    return octets == 4;
  }

  /** RFC 4291 text forms, including "::" compression and a trailing dotted IPv4; no zone index. */
  public static boolean isIpv6(String value) {
    if (value.length() < 2 || value.length() > 45) {
      return false;
    }
    int doubleColon = value.indexOf("::");
    if (doubleColon >= 0 && value.indexOf("::", doubleColon + 1) >= 0) {
      return false;
    }
    if (doubleColon < 0) {
      return groups(value, true) == 8;
    }
    String head = value.substring(0, doubleColon);
    String tail = value.substring(doubleColon + 2);
    int headGroups = head.isEmpty() ? 0 : groups(head, false);
    int tailGroups = tail.isEmpty() ? 0 : groups(tail, true);
    return headGroups >= 0 && tailGroups >= 0 && headGroups + tailGroups <= 7;
  }

  /**
   * The RFC 5952 text of an IPv6 address: lower case, no leading zeros, the longest run of two or more
   * zero groups (the first, on a tie) as "::". Addresses written with a dotted IPv4 tail keep it, in
   * lower case. Returns null when the text is not an IPv6 address.
   */
  public static String canonicalIpv6(String value) {
    if (!isIpv6(value)) {
      return null;
    }
    if (value.indexOf('.') >= 0) {
      return value.toLowerCase(java.util.Locale.ROOT);
    }
    int[] groups = new int[8];
    int doubleColon = value.indexOf("::");
    String head = doubleColon < 0 ? value : value.substring(0, doubleColon);
    String tail = doubleColon < 0 ? "" : value.substring(doubleColon + 2);
    String[] headParts = head.isEmpty() ? new String[0] : head.split(":");
    String[] tailParts = tail.isEmpty() ? new String[0] : tail.split(":");
    for (int i = 0; i < headParts.length; i++) {
      groups[i] = Integer.parseInt(headParts[i], 16);
    }
    for (int i = 0; i < tailParts.length; i++) {
      groups[8 - tailParts.length + i] = Integer.parseInt(tailParts[i], 16);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    StringBuilder out = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }

  /** Counts colon-separated hex groups; a trailing IPv4 counts as two. -1 when malformed. */
  private static int groups(String part, boolean ipv4AllowedLast) {
    String[] pieces = part.split(":", -1);
    int count = 0;
    for (int i = 0; i < pieces.length; i++) {
      String piece = pieces[i];
      if (ipv4AllowedLast && i == pieces.length - 1 && piece.indexOf('.') >= 0) {
        if (!isIpv4(piece)) {
          return -1;
        }
        count += 2;
        continue;
      }
      if (piece.isEmpty() || piece.length() > 4) {
        return -1;
      }
      for (int j = 0; j < piece.length(); j++) {
        if (Character.digit(piece.charAt(j), 16) < 0) {
          return -1;
        }
      }
      count++;
    }
    return count;
  }

  /**
   * A DNS host name: labels of letters, digits, hyphens and underscores (as in {@code _dmarc}), 1 to 63
   * characters, not starting or ending with a hyphen; at most 253 characters; an optional final dot; a
   * last label that is not all digits (so "999.1.1.1" is a bad address, not a domain). Internationalised
   * names must be given in their ASCII (punycode) form.
   */
  public static boolean isDomain(String value) {
    String name = value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
    if (name.isEmpty() || name.length() > 253) {
      return false;
    }
    int labelStart = 0;
    for (int i = 0; i <= name.length(); i++) {
      if (i == name.length() || name.charAt(i) == '.') {
        int length = i - labelStart;
        if (length < 1 || length > 63 || name.charAt(labelStart) == '-' || name.charAt(i - 1) == '-') {
          return false;
        }
        if (i == name.length() && allDigits(name, labelStart, i)) {
          return false;
        }
        labelStart = i + 1;
        continue;
      }
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean allDigits(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** MD5, SHA-1 or SHA-256 in hex: 32, 40 or 64 hex digits. */
  public static boolean isFileHash(String value) {
    int n = value.length();
    if (n != 32 && n != 40 && n != 64) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (Character.digit(value.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /** An absolute URI; web-like schemes must name a host. */
  public static boolean isUrl(String value) {
    try {
      URI uri = new URI(value);
      if (!uri.isAbsolute()) {
        return false;
      }
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      return !HOST_SCHEMES.contains(scheme) || (uri.getHost() != null && !uri.getHost().isEmpty());
    } catch (URISyntaxException e) {
      return false;
    }
  }

  public static boolean isJson(String value) {
    try {
      Json.decodeValue(value);
      return true;
    } catch (DecodeException e) {
      return false;
    }
  }
}
