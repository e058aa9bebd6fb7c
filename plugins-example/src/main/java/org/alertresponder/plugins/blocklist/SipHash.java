package org.alertresponder.plugins.blocklist;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * SipHash-2-4, a keyed 64-bit hash. Domain names and file hashes are kept as 64-bit keyed hashes instead of
 * strings to fit a million entries in little memory; with a random key per blocklist, nobody can craft a
 * value that collides with an entry, and an accidental collision among a million entries has a chance of
 * about one in 10^13 per lookup.
 */
final class SipHash {
  private final long k0;
  private final long k1;

  private SipHash(long k0, long k1) {
    this.k0 = k0;
    this.k1 = k1;
  }

  static SipHash withKey(long k0, long k1) {
    return new SipHash(k0, k1);
  }

  static SipHash withRandomKey() {
    SecureRandom random = new SecureRandom();
    return new SipHash(random.nextLong(), random.nextLong());
  }

  long hash(String text) {
    return hash(text.getBytes(StandardCharsets.UTF_8));
  }

  long hash(byte[] data) {
    long v0 = 0x736f6d6570736575L ^ k0;
    long v1 = 0x646f72616e646f6dL ^ k1;
    long v2 = 0x6c7967656e657261L ^ k0;
    long v3 = 0x7465646279746573L ^ k1;
    int length = data.length;
    int end = length - (length % 8);
    for (int i = 0; i < end; i += 8) {
      long m = littleEndian(data, i, 8);
      v3 ^= m;
      for (int round = 0; round < 2; round++) {
        v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
        v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
        v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
        v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
      }
      v0 ^= m;
    }
    long last = ((long) length) << 56 | littleEndian(data, end, length - end);
    v3 ^= last;
    for (int round = 0; round < 2; round++) {
      v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
      v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
      v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
      v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
    }
    v0 ^= last;
    v2 ^= 0xff;
    for (int round = 0; round < 4; round++) {
      v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
      v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
      v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
      v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
    }
    return v0 ^ v1 ^ v2 ^ v3;
  }

  private static long littleEndian(byte[] data, int offset, int count) {
    long value = 0;
    for (int i = 0; i < count; i++) {
      value |= (data[offset + i] & 0xffL) << (8 * i);
    }
    return value;
  }
}
