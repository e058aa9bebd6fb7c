package org.alertresponder.plugins.blocklist;


/**
 * An open-addressing map from {@code long} keys to {@code int} values (never 0): 12 bytes per slot and no
 * object per entry, so a million blocklist entries take about 24 MB instead of the 100 MB or more of a
 * {@code HashMap}. Built once and then only read, which makes it safe to share between threads once
 * published through a volatile field.
 */
final class LongIntHashMap {
  private static final long EMPTY = 0L;
  private long[] keys;
  private int[] values;
  private int size;
  private boolean hasZeroKey;
  private int zeroValue;

  LongIntHashMap(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[capacity];
    values = new int[capacity];
  }

  int size() {
    return size + (hasZeroKey ? 1 : 0);
  }

  /** ORs {@code bits} into the value of {@code key}. */
  void or(long key, int bits) {
    if (key == EMPTY) {
      hasZeroKey = true;
      zeroValue |= bits;
      return;
    }
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    int slot = mix(key) & mask;
    while (keys[slot] != EMPTY) {
      if (keys[slot] == key) {
        values[slot] |= bits;
        return;
      }
      slot = (slot + 1) & mask;
    }
    keys[slot] = key;
    values[slot] = bits;
    size++;
  }

  /** The value of {@code key}, or 0. */
  int get(long key) {
    if (key == EMPTY) {
      return hasZeroKey ? zeroValue : 0;
    }
    int mask = keys.length - 1;
    int slot = mix(key) & mask;
    while (true) {
      long found = keys[slot];
      if (found == key) {
        return values[slot];
      }
      if (found == EMPTY) {
        return 0;
      }
      slot = (slot + 1) & mask;
    }
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldValues.length * 2];
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        or(oldKeys[i], oldValues[i]);
      }
    }
  }

  /** Spreads keys whose low bits are alike (consecutive addresses) over the table. */
  private static int mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  @Override
  public String toString() {
    return "LongIntHashMap[" + size() + " of " + keys.length + "]";
  }
}
