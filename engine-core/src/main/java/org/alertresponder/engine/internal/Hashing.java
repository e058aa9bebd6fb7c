package org.alertresponder.engine.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over length-prefixed fields.
 *
 * <p>Each field is written as its UTF-8 byte length (4 bytes, big-endian) followed by the bytes, so
 * that ("ab", "c") and ("a", "bc") never hash alike. A null field is written as an empty string.
 */
public final class Hashing {
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  });

  private final MessageDigest digest;

  private Hashing() {
    digest = SHA_256.get();
    digest.reset();
  }

  /** Starts a new hash on the calling thread's digest. Finish it with {@link #hex()} before starting another. */
  public static Hashing start() {
    return new Hashing();
  }

  public Hashing field(String value) {
    byte[] bytes = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
    count(bytes.length);
    digest.update(bytes);
    return this;
  }

  /** Writes a count (4 bytes, big-endian), used before a list of fields. */
  public Hashing count(int n) {
    digest.update((byte) (n >>> 24));
    digest.update((byte) (n >>> 16));
    digest.update((byte) (n >>> 8));
    digest.update((byte) n);
    return this;
  }

  public String hex() {
    return HexFormat.of().formatHex(digest.digest());
  }
}
