package org.alertresponder.engine.internal;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Time-ordered UUIDs (RFC 9562 version 7): 48 bits of Unix milliseconds, then random bits.
 *
 * <p>Report ids are UUIDv7 so that sorting by id sorts by creation time, which lets every store page
 * through reports newest-first by id alone.
 */
public final class Uuid7 {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Uuid7() {
  }

  public static String at(Instant time) {
    long millis = time.toEpochMilli();
    long randA = RANDOM.nextInt(1 << 12);
    long randB = RANDOM.nextLong();
    long msb = (millis << 16) | (0x7L << 12) | randA;
    long lsb = (randB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }
}
