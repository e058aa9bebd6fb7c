package org.alertresponder.adapter.local;

import io.vertx.core.Future;
import org.alertresponder.engine.spi.InspectionResult;
import org.alertresponder.engine.spi.ResultCache;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Inspection results in memory, least recently used evicted beyond a capacity. */
public final class InMemoryResultCache implements ResultCache {
  public static final int DEFAULT_CAPACITY = 100_000;

  private record Entry(InspectionResult result, Instant expiresAt) {
  }

  private final Map<String, Entry> entries;

  public InMemoryResultCache() {
    this(DEFAULT_CAPACITY);
  }

  public InMemoryResultCache(int capacity) {
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
        return size() > capacity;
      }
    };
  }

  @Override
  public synchronized Future<Optional<InspectionResult>> get(String key, Instant now) {
    Entry entry = entries.get(key);
    if (entry == null) {
      return Future.succeededFuture(Optional.empty());
    }
    if (!entry.expiresAt().isAfter(now)) {
      entries.remove(key);
      return Future.succeededFuture(Optional.empty());
    }
    return Future.succeededFuture(Optional.of(entry.result()));
  }

  @Override
  public synchronized Future<Void> put(String key, InspectionResult result, Instant expiresAt) {
    entries.put(key, new Entry(result, expiresAt));
    return Future.succeededFuture();
  }
}
