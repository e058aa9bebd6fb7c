package org.alertresponder.adapter.local;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Values in the order they were first put, each found by its key: by scanning while there are few, through a
 * hash index once there are more. An open report holds a few alerts, attributes and inspections, and an alert
 * storm holds many open reports, so the hash map each would otherwise need (about 250 bytes for three
 * entries) is most of what a small report weighs; this holds three values in about 60.
 *
 * <p>A subclass says how a value's key is read and compared (a subclass rather than a strategy field, which
 * would weigh on every instance). Not thread-safe: the report's lock guards it.
 *
 * @param <K> the key, with equals and hashCode
 * @param <V> the value
 */
abstract class KeyedValues<K, V> {
  /** Values beyond which they are indexed rather than scanned. */
  static final int SCANNED = 8;

  private Object[] values;
  private int size;
  private Map<K, Integer> index;

  KeyedValues(int capacity) {
    this.values = new Object[capacity];
  }

  /** The value's key, made for the index (so only for collections beyond {@link #SCANNED}). */
  abstract K keyOf(V value);

  /** Whether the value has this key, compared without making the value's key. */
  abstract boolean hasKey(V value, K key);

  int size() {
    return size;
  }

  /** The value of this key, or null. */
  V get(K key) {
    int at = indexOf(key);
    return at < 0 ? null : value(at);
  }

  /** Whether a value of this key is held. */
  boolean containsKey(K key) {
    return indexOf(key) >= 0;
  }

  /** Adds the value at the end, unless one of its key is held; whether it was added. */
  boolean add(K key, V value) {
    if (indexOf(key) >= 0) {
      return false;
    }
    append(key, value);
    return true;
  }

  /** Adds the value at the end, its key known to be absent (the caller just looked it up under the lock). */
  void addAbsent(K key, V value) {
    append(key, value);
  }

  /** Puts the value: in the place of the one of the same key where there is one, at the end otherwise. */
  void put(K key, V value) {
    int at = indexOf(key);
    if (at >= 0) {
      values[at] = value;
    } else {
      append(key, value);
    }
  }

  /** The value at a position, 0 being the first put. */
  V value(int at) {
    @SuppressWarnings("unchecked")
    V value = (V) values[at];
    return value;
  }

  /** The values, in order, as an immutable list (which {@code List.copyOf} takes as it is). */
  List<V> copy() {
    @SuppressWarnings("unchecked")
    V[] copy = (V[]) Arrays.copyOf(values, size);
    return List.of(copy);
  }

  private int indexOf(K key) {
    if (index != null) {
      Integer at = index.get(key);
      return at == null ? -1 : at;
    }
    for (int i = 0; i < size; i++) {
      if (hasKey(value(i), key)) {
        return i;
      }
    }
    return -1;
  }

  private void append(K key, V value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, Math.max(4, size + (size >> 1)));
    }
    values[size] = value;
    if (index != null) {
      index.put(key, size);
    } else if (size + 1 > SCANNED) {
      index = new HashMap<>();
      for (int i = 0; i <= size; i++) {
        index.put(keyOf(value(i)), i);
      }
    }
    size++;
  }
}
