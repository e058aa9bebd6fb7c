package org.alertresponder.plugins.dns;

/**
 * The name a PTR query asks for: {@code 7.113.0.203.in-addr.arpa} for 203.0.113.7 (RFC 1035, 3.5), and
 * the 32 reversed nibbles under {@code ip6.arpa} for an IPv6 address (RFC 3596, 2.5).
 *
 * <p>Built here rather than by the Vert.x client's {@code reverseLookup}, which in Vert.x 5.0 puts IPv6
 * names under {@code in-addr.arpa}, where no server has them. The address is parsed as text, never
 * resolved.
 */
final class ReverseDnsName {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private ReverseDnsName() {
  }

  /**
   * @return the name, or null when {@code address} is not an IPv4 or IPv6 address
   */
  static String of(String address) {
    if (!ResolvConf.isAddress(address)) {
      return null;
    }
    if (address.indexOf(':') < 0) {
      String[] octets = address.split("\\.");
      return octets[3] + "." + octets[2] + "." + octets[1] + "." + octets[0] + ".in-addr.arpa";
    }
    int[] groups = ipv6Groups(address);
    StringBuilder name = new StringBuilder(72);
    for (int g = 7; g >= 0; g--) {
      for (int shift = 0; shift < 16; shift += 4) {
        name.append(HEX[(groups[g] >> shift) & 0xf]).append('.');
      }
    }
    return name.append("ip6.arpa").toString();
  }

  /** The eight 16-bit groups of a valid IPv6 text, "::" expanded and a dotted IPv4 tail folded in. */
  private static int[] ipv6Groups(String address) {
    String text = address;
    int[] tail = null;
    int lastColon = text.lastIndexOf(':');
    if (text.indexOf('.', lastColon) >= 0) {
      String[] octets = text.substring(lastColon + 1).split("\\.");
      tail = new int[] {Integer.parseInt(octets[0]) << 8 | Integer.parseInt(octets[1]),
          Integer.parseInt(octets[2]) << 8 | Integer.parseInt(octets[3])};
      // Two placeholder groups keep the counting below the same as for an all-hex address.
      text = text.substring(0, lastColon + 1) + "0:0";
    }
    int[] groups = new int[8];
    int doubleColon = text.indexOf("::");
    String head = doubleColon < 0 ? text : text.substring(0, doubleColon);
    String rest = doubleColon < 0 ? "" : text.substring(doubleColon + 2);
    String[] headParts = head.isEmpty() ? new String[0] : head.split(":");
    String[] restParts = rest.isEmpty() ? new String[0] : rest.split(":");
    for (int i = 0; i < headParts.length; i++) {
      groups[i] = Integer.parseInt(headParts[i], 16);
    }
    for (int i = 0; i < restParts.length; i++) {
      groups[8 - restParts.length + i] = Integer.parseInt(restParts[i], 16);
    }
    if (tail != null) {
      groups[6] = tail[0];
      groups[7] = tail[1];
    }
    return groups;
  }
}
