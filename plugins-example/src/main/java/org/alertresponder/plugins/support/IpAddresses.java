package org.alertresponder.plugins.support;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Parses IP address literals and CIDR blocks without ever asking DNS: {@link InetAddress#getByName} would
 * resolve a host name, and a policy must never send a lookup for a value an attacker put into an alert.
 */
public final class IpAddresses {
  private IpAddresses() {
  }

  /** The bytes of an IPv4 (4 bytes) or IPv6 (16 bytes) literal, or null when {@code text} is not one. */
  public static byte[] parse(String text) {
    if (text == null || text.isEmpty() || text.length() > 64) {
      return null;
    }
    if (text.indexOf(':') >= 0) {
      return parseIpv6(text);
    }
    return parseIpv4(text);
  }

  /** A CIDR block ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a single address), or null when malformed. */
  public static Block block(String text) {
    if (text == null) {
      return null;
    }
    int slash = text.indexOf('/');
    byte[] address = parse(slash < 0 ? text : text.substring(0, slash));
    if (address == null) {
      return null;
    }
    int bits = address.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String digits = text.substring(slash + 1);
      if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
        return null;
      }
      prefix = Integer.parseInt(digits);
      if (prefix > bits) {
        return null;
      }
    }
    return new Block(address, prefix);
  }

  /** An address block: the first {@code prefix} bits of {@code network}. */
  public record Block(byte[] network, int prefix) {
    public boolean contains(byte[] address) {
      if (address == null || address.length != network.length) {
        return false;
      }
      int whole = prefix / 8;
      for (int i = 0; i < whole; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[whole] & mask) == (network[whole] & mask);
    }
  }

  private static byte[] parseIpv4(String text) {
    byte[] out = new byte[4];
    int part = 0;
    int value = -1;
    int digits = 0;
    for (int i = 0; i <= text.length(); i++) {
      char c = i == text.length() ? '.' : text.charAt(i);
      if (c == '.') {
        if (value < 0 || part == 4) {
          return null;
        }
        out[part++] = (byte) value;
        value = -1;
        digits = 0;
      } else if (c >= '0' && c <= '9') {
        // A leading zero would be octal for some parsers and decimal for others; refuse it rather than guess.
        if (digits == 1 && value == 0) {
          return null;
        }
        value = (value < 0 ? 0 : value * 10) + (c - '0');
        if (value > 255 || ++digits > 3) {
          return null;
        }
      } else {
        return null;
      }
    }
    return part == 4 ? out : null;
  }

  private static byte[] parseIpv6(String text) {
    // Only hex digits, colons and the dots of an embedded IPv4 part: with a colon in it, getByName then parses
    // the literal itself and never resolves a name.
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex && c != ':' && c != '.') {
        return null;
      }
    }
    try {
      byte[] bytes = InetAddress.getByName(text).getAddress();
      if (bytes.length == 4) {
        // An IPv4-mapped IPv6 literal (::ffff:10.0.0.1) comes back as IPv4; keep it comparable to IPv6 blocks.
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(bytes, 0, mapped, 12, 4);
        return mapped;
      }
      return bytes;
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }
}
