package org.alertresponder.plugins.blocklist;

import org.alertresponder.plugins.support.DomainNames;
import org.alertresponder.plugins.support.IpAddresses;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The entries of every feed of one blocklist inspector, indexed for lookups that cost the same with ten
 * entries or a million:
 *
 * <ul>
 *   <li>IPv4 networks and addresses: one hash table keyed by (prefix length, masked address); a lookup tries
 *       only the prefix lengths that some entry has, at most 33.</li>
 *   <li>IPv6: the same, at most 129 prefix lengths.</li>
 *   <li>Domains: a keyed hash of each name; a lookup tries the name and each of its parent domains, so an entry
 *       matches itself and every subdomain (one lookup per label).</li>
 *   <li>File hashes (MD5, SHA-1, SHA-256, SHA-512 in hex): a keyed hash each, one lookup.</li>
 * </ul>
 *
 * <p>Each entry carries a bit per feed that lists it, so a match names every feed. Immutable once built.
 */
final class Blocklist {
  /** At most this many feeds per inspector: one bit each. */
  static final int MAX_FEEDS = 31;

  private final List<String> feeds;
  private final SipHash keyedHash;
  private final LongIntHashMap ipv4;
  private final long ipv4Prefixes;
  private final Map<Ipv6Key, Integer> ipv6;
  private final boolean[] ipv6Prefixes;
  private final LongIntHashMap names;
  private final int entries;

  private record Ipv6Key(long high, long low, int prefix) {
  }

  /** A match: the most specific entry that matched, and every feed that lists a matching entry. */
  record Match(String matched, List<String> feeds) {
  }

  private Blocklist(Builder builder) {
    this.feeds = List.copyOf(builder.feeds);
    this.keyedHash = builder.keyedHash;
    this.ipv4 = builder.ipv4;
    this.ipv4Prefixes = builder.ipv4Prefixes;
    this.ipv6 = Map.copyOf(builder.ipv6);
    this.ipv6Prefixes = builder.ipv6Prefixes.clone();
    this.names = builder.names;
    this.entries = builder.entries;
  }

  int entries() {
    return entries;
  }

  /** The match of an IPv4 or IPv6 address, or null. */
  Match address(String value) {
    byte[] address = IpAddresses.parse(value);
    if (address == null) {
      return null;
    }
    int bits = 0;
    String matched = null;
    if (address.length == 4) {
      long ip = toLong(address, 0, 4);
      for (int prefix = 32; prefix >= 0; prefix--) {
        if ((ipv4Prefixes & (1L << prefix)) == 0) {
          continue;
        }
        int found = ipv4.get(ipv4Key(ip, prefix));
        if (found != 0) {
          matched = matched == null ? network(address, prefix) : matched;
          bits |= found;
        }
      }
    } else {
      long high = toLong(address, 0, 8);
      long low = toLong(address, 8, 8);
      for (int prefix = 128; prefix >= 0; prefix--) {
        if (!ipv6Prefixes[prefix]) {
          continue;
        }
        Integer found = ipv6.get(ipv6Key(high, low, prefix));
        if (found != null) {
          matched = matched == null ? network(address, prefix) : matched;
          bits |= found;
        }
      }
    }
    return bits == 0 ? null : new Match(matched, feedsOf(bits));
  }

  /** The match of a domain name (itself or a parent domain on a feed), or null. */
  Match domain(String value) {
    String name = DomainNames.normalise(value);
    int bits = 0;
    String matched = null;
    int from = 0;
    // A name of 127 labels at most (253 characters): the walk is bounded by the name, not by the feeds.
    while (from < name.length()) {
      String suffix = name.substring(from);
      int found = names.get(keyedHash.hash("d:" + suffix));
      if (found != 0) {
        matched = matched == null ? suffix : matched;
        bits |= found;
      }
      int dot = name.indexOf('.', from);
      if (dot < 0) {
        break;
      }
      from = dot + 1;
    }
    return bits == 0 ? null : new Match(matched, feedsOf(bits));
  }

  /** The match of a file hash in hex, or null. */
  Match fileHash(String value) {
    String hash = value.strip().toLowerCase(Locale.ROOT);
    int found = names.get(keyedHash.hash("h:" + hash));
    return found == 0 ? null : new Match(hash, feedsOf(found));
  }

  private List<String> feedsOf(int bits) {
    List<String> out = new ArrayList<>(Integer.bitCount(bits));
    for (int i = 0; i < feeds.size(); i++) {
      if ((bits & (1 << i)) != 0) {
        out.add(feeds.get(i));
      }
    }
    return out;
  }

  private static long ipv4Key(long ip, int prefix) {
    long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
    return ((long) prefix << 32) | (ip & mask);
  }

  private static Ipv6Key ipv6Key(long high, long low, int prefix) {
    long highMask = prefix >= 64 ? -1L : prefix == 0 ? 0 : -1L << (64 - prefix);
    long lowMask = prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
    return new Ipv6Key(high & highMask, low & lowMask, prefix);
  }

  private static long toLong(byte[] bytes, int offset, int count) {
    long value = 0;
    for (int i = 0; i < count; i++) {
      value = (value << 8) | (bytes[offset + i] & 0xffL);
    }
    return value;
  }

  /** The block of {@code prefix} bits around {@code address}, as text. */
  private static String network(byte[] address, int prefix) {
    byte[] masked = address.clone();
    for (int bit = prefix; bit < masked.length * 8; bit++) {
      masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    String text;
    try {
      text = java.net.InetAddress.getByAddress(masked).getHostAddress();
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
    return prefix == masked.length * 8 ? text : text + "/" + prefix;
  }

  /** Collects entries; not thread-safe, used by one loading thread. */
  static final class Builder {
    private final List<String> feeds = new ArrayList<>();
    private final SipHash keyedHash = SipHash.withRandomKey();
    private final LongIntHashMap ipv4;
    private long ipv4Prefixes;
    private final Map<Ipv6Key, Integer> ipv6 = new HashMap<>();
    private final boolean[] ipv6Prefixes = new boolean[129];
    private final LongIntHashMap names;
    private int entries;

    Builder(int expectedEntries) {
      ipv4 = new LongIntHashMap(Math.max(16, expectedEntries / 2));
      names = new LongIntHashMap(Math.max(16, expectedEntries / 2));
    }

    /** Adds a feed; its entries are added with its index. */
    int feed(String name) {
      if (feeds.size() == MAX_FEEDS) {
        throw new IllegalStateException("at most " + MAX_FEEDS + " feeds");
      }
      feeds.add(name);
      return feeds.size() - 1;
    }

    void network(int feed, IpAddresses.Block block) {
      byte[] address = block.network();
      if (address.length == 4) {
        ipv4.or(ipv4Key(toLong(address, 0, 4), block.prefix()), 1 << feed);
        ipv4Prefixes |= 1L << block.prefix();
      } else {
        ipv6.merge(ipv6Key(toLong(address, 0, 8), toLong(address, 8, 8), block.prefix()), 1 << feed, (a, b) -> a | b);
        ipv6Prefixes[block.prefix()] = true;
      }
      entries++;
    }

    void domain(int feed, String normalisedName) {
      names.or(keyedHash.hash("d:" + normalisedName), 1 << feed);
      entries++;
    }

    void fileHash(int feed, String lowerCaseHex) {
      names.or(keyedHash.hash("h:" + lowerCaseHex), 1 << feed);
      entries++;
    }

    Blocklist build() {
      return new Blocklist(this);
    }
  }
}
