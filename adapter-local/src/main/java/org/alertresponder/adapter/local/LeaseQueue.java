package org.alertresponder.adapter.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The in-memory heart of the timer queue, the work queues and the outbox: entries that become visible
 * at an instant, are leased by a claim (invisible until the lease ends) and removed by completion.
 * Ordered by visibility time, then by insertion. Thread-safe.
 */
final class LeaseQueue<T> {
  private static final class Entry<T> {
    final String id;
    final long sequence;
    T value;
    Instant visibleAt;
    int deliveries;

    Entry(String id, long sequence, T value, Instant visibleAt) {
      this.id = id;
      this.sequence = sequence;
      this.value = value;
      this.visibleAt = visibleAt;
    }
  }

  /** A claimed value and how many times it has been claimed. */
  record Claimed<T>(T value, int deliveries) {
  }

  private final Map<String, Entry<T>> entries = new HashMap<>();
  private final TreeSet<Entry<T>> byVisibility = new TreeSet<>(
      Comparator.<Entry<T>, Instant>comparing(e -> e.visibleAt).thenComparingLong(e -> e.sequence));
  private long sequence;

  /** Adds an entry unless one with its id exists; true when added. */
  synchronized boolean add(String id, T value, Instant visibleAt) {
    if (entries.containsKey(id)) {
      return false;
    }
    Entry<T> entry = new Entry<>(id, sequence++, value, visibleAt);
    entries.put(id, entry);
    byVisibility.add(entry);
    return true;
  }

  synchronized List<Claimed<T>> claim(Instant now, int max, Duration lease) {
    List<Claimed<T>> out = new ArrayList<>(Math.min(max, 16));
    while (out.size() < max && !byVisibility.isEmpty() && !byVisibility.first().visibleAt.isAfter(now)) {
      Entry<T> entry = byVisibility.pollFirst();
      entry.visibleAt = now.plus(lease);
      entry.deliveries++;
      byVisibility.add(entry);
      out.add(new Claimed<>(entry.value, entry.deliveries));
    }
    return out;
  }

  synchronized boolean remove(String id) {
    Entry<T> entry = entries.remove(id);
    if (entry == null) {
      return false;
    }
    byVisibility.remove(entry);
    return true;
  }

  /** Makes an entry visible again at {@code at}, optionally with a new value. */
  synchronized void release(String id, Instant at, T newValue) {
    Entry<T> entry = entries.get(id);
    if (entry == null) {
      return;
    }
    byVisibility.remove(entry);
    entry.visibleAt = at;
    if (newValue != null) {
      entry.value = newValue;
    }
    byVisibility.add(entry);
  }

  synchronized boolean contains(String id) {
    return entries.containsKey(id);
  }

  synchronized Optional<Instant> nextVisible() {
    return byVisibility.isEmpty() ? Optional.empty() : Optional.of(byVisibility.first().visibleAt);
  }

  synchronized long size() {
    return entries.size();
  }
}
