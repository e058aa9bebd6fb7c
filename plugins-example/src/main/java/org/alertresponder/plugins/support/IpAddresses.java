package org.alertresponder.plugins.support;

import java.net.InetAddress;

/**
 * Parses IP address literals and CIDR blocks without ever asking DNS: {@link InetAddress#getByName} would
 * resolve a host name (and some malformed literals), and a policy must never send a lookup for a value an
 * attacker put into an alert.
 */
public final class IpAddresses {
  private IpAddresses() {
  }

  /**
   * The bytes of an IPv4 (4 bytes) or IPv6 (16 bytes) literal, or null when {@code text} is not one. An
   * IPv4-mapped IPv6 address ({@code ::ffff:198.51.100.7}, as dual-stack services log IPv4 peers) is the IPv4
   * address it maps, so that it matches IPv4 networks.
   */
  public static byte[] parse(String text) {
    if (text == null || text.isEmpty() || text.length() > 64) {
      return null;
    }
    if (text.indexOf(':') >= 0) {
      byte[] ipv6 = parseIpv6(text);
      return ipv6 != null && isMapped(ipv6) ? java.util.Arrays.copyOfRange(ipv6, 12, 16) : ipv6;
    }
    return parseIpv4(text);
  }

  /** A CIDR block ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a single address), or null when malformed. */
  public static Block block(String text) {
    if (text == null) {
      return null;
    }
    int slash = text.indexOf('/');
    String literal = slash < 0 ? text : text.substring(0, slash);
    byte[] address = literal.indexOf(':') >= 0 ? parseIpv6(literal) : parseIpv4(literal);
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
    if (address.length == 16 && prefix >= 96 && isMapped(address)) {
      // A block of IPv4-mapped addresses is the IPv4 block, since parse gives mapped addresses as IPv4.
      return new Block(java.util.Arrays.copyOfRange(address, 12, 16), prefix - 96);
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

  private static boolean isMapped(byte[] ipv6) {
    for (int i = 0; i < 10; i++) {
      if (ipv6[i] != 0) {
        return false;
      }
    }
    return ipv6[10] == (byte) 0xff && ipv6[11] == (byte) 0xff;
  }

  /**
   * RFC 4291 text: eight groups of 1 to 4 hex digits, one {@code ::} standing for a run of zero groups, and
   * optionally an IPv4 address as the last 32 bits. Parsed here rather than by {@link InetAddress}, which
   * hands some malformed texts to the system resolver.
   */
  private static byte[] parseIpv6(String text) {
    int doubleColon = text.indexOf("::");
    if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
      return null;
    }
    String head = doubleColon < 0 ? text : text.substring(0, doubleColon);
    String tail = doubleColon < 0 ? "" : text.substring(doubleColon + 2);
    int[] headGroups = groups(head, doubleColon < 0);
    int[] tailGroups = groups(tail, true);
    if (headGroups == null || tailGroups == null) {
      return null;
    }
    int count = headGroups.length + tailGroups.length;
    if (doubleColon < 0 ? count != 8 : count > 7) {
      return null;
    }
    byte[] out = new byte[16];
    for (int i = 0; i < headGroups.length; i++) {
      out[2 * i] = (byte) (headGroups[i] >>> 8);
      out[2 * i + 1] = (byte) headGroups[i];
    }
    int offset = 8 - tailGroups.length;
    for (int i = 0; i < tailGroups.length; i++) {
      out[2 * (offset + i)] = (byte) (tailGroups[i] >>> 8);
      out[2 * (offset + i) + 1] = (byte) tailGroups[i];
    }
    return out;
  }

  /** The 16-bit groups of one side of {@code ::} (an IPv4 part, allowed last, counts as two), or null. */
  private static int[] groups(String part, boolean ipv4AllowedLast) {
    if (part.isEmpty()) {
      return new int[0];
    }
    String[] texts = part.split(":", -1);
    java.util.List<Integer> out = new java.util.ArrayList<>(8);
    for (int i = 0; i < texts.length; i++) {
      String group = texts[i];
      if (i == texts.length - 1 && ipv4AllowedLast && group.indexOf('.') >= 0) {
        byte[] ipv4 = parseIpv4(group);
        if (ipv4 == null) {
          return null;
        }
        out.add(((ipv4[0] & 0xff) << 8) | (ipv4[1] & 0xff));
        out.add(((ipv4[2] & 0xff) << 8) | (ipv4[3] & 0xff));
        continue;
      }
      if (group.isEmpty() || group.length() > 4) {
        return null;
      }
      int value = 0;
      for (int j = 0; j < group.length(); j++) {
        int digit = Character.digit(group.charAt(j), 16);
        if (digit < 0) {
          return null;
        }
        value = value * 16 + digit;
      }
      out.add(value);
    }
    if (out.size() > 8) {
      return null;
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }
}
