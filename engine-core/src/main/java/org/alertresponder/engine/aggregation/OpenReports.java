package org.alertresponder.engine.aggregation;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The groups this instance placed alerts in lately, each with its report and the instant that report's
 * window closes. While the window is open the group's current report cannot change, since a new report
 * is only created once it has closed, so the group's next alert joins that report without reading the
 * group first. Forgetting is always safe (the group is then read again); when full, it forgets everything.
 * Shared by the aggregation verticle's instances, hence concurrent.
 */
final class OpenReports {
  /** A group's report and when its window closes. */
  record Open(String reportId, Instant windowClosesAt) {
  }

  private final int capacity;
  private final Map<String, Open> byGroup = new ConcurrentHashMap<>();

  OpenReports(int capacity) {
    this.capacity = capacity;
  }

  /** The group's report if this instance knows one whose window is open at {@code now}; null otherwise. */
  Open get(String groupKey, Instant now) {
    Open open = byGroup.get(groupKey);
    if (open == null) {
      return null;
    }
    if (!now.isBefore(open.windowClosesAt())) {
      byGroup.remove(groupKey, open);
      return null;
    }
    return open;
  }

  void remember(String groupKey, String reportId, Instant windowClosesAt) {
    if (byGroup.size() >= capacity) {
      byGroup.clear();
    }
    byGroup.put(groupKey, new Open(reportId, windowClosesAt));
  }

  /** Forgets the group's report, if it is still the one remembered (it turned out not to exist). */
  void forget(String groupKey, String reportId) {
    byGroup.computeIfPresent(groupKey, (key, open) -> open.reportId().equals(reportId) ? null : open);
  }
}
