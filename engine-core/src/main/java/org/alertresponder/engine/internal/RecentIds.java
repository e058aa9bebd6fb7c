package org.alertresponder.engine.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded set of ids this process handled recently, to skip idempotent writes it already made (such
 * as scheduling the same review timer for every alert of a report). Forgetting is always safe: the
 * write is idempotent, so the worst case is one redundant write. When full it forgets everything.
 */
public final class RecentIds {
  private final int capacity;
  private final Set<String> ids = ConcurrentHashMap.newKeySet();

  public RecentIds(int capacity) {
    this.capacity = capacity;
  }

  public boolean contains(String id) {
    return ids.contains(id);
  }

  public void add(String id) {
    if (ids.size() >= capacity) {
      ids.clear();
    }
    ids.add(id);
  }
}
