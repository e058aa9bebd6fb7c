package org.alertresponder.adapter.local.sqlite;

import java.time.Instant;

/** Instants as microseconds since the epoch, the unit of every time column. */
final class Micros {
  /** Sorts before every real instant: the visibility of work that was never claimed. */
  static final long BEGINNING = Long.MIN_VALUE;

  private Micros() {
  }

  static long of(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }
}
