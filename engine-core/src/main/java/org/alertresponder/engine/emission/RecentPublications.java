package org.alertresponder.engine.emission;

import org.alertresponder.engine.api.Report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last versions this instance published, kept for its emitters. The instance that publishes a
 * version usually delivers it moments later, and reading the publication back from the store would cost
 * a request per delivery (two on DynamoDB); an emitter of another instance, or one that comes after the
 * entry was evicted, reads the store as before. Entries are immutable, so sharing them is safe.
 *
 * <p>Shared by the review and emission stages, which run on different event loops, hence synchronized.
 */
public final class RecentPublications {
  private final Map<String, Report> byKey;

  /** @param capacity how many publications to keep; the least recently used goes first */
  public RecentPublications(int capacity) {
    this.byKey = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Report> eldest) {
        return size() > capacity;
      }
    };
  }

  private static String key(String reportId, int version) {
    return reportId + ":" + version;
  }

  public synchronized void add(Report published) {
    byKey.put(key(published.id(), published.version()), published);
  }

  public synchronized Optional<Report> get(String reportId, int version) {
    return Optional.ofNullable(byKey.get(key(reportId, version)));
  }
}
