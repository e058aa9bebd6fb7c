package org.alertresponder.plugins.dns;

import org.alertresponder.engine.internal.AttributeFormats;

import java.util.Optional;

/** Reads the resolver configuration of the host ({@code /etc/resolv.conf}) for its first name server. */
final class ResolvConf {
  private ResolvConf() {
  }

  /**
   * The first {@code nameserver} line's address. Lines starting with '#' or ';' are comments. An address
   * with an IPv6 zone ({@code fe80::1%eth0}) is passed over, since the DNS client cannot use it.
   */
  static Optional<String> firstNameserver(String text) {
    for (String line : text.split("\r?\n")) {
      String trimmed = line.trim();
      if (trimmed.startsWith("#") || trimmed.startsWith(";")) {
        continue;
      }
      String[] words = trimmed.split("\\s+");
      if (words.length >= 2 && words[0].equals("nameserver") && isAddress(words[1])) {
        return Optional.of(words[1]);
      }
    }
    return Optional.empty();
  }

  static boolean isAddress(String text) {
    return AttributeFormats.isIpAddress(text);
  }
}
