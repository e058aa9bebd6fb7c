package org.alertresponder.plugins.support;

import io.vertx.core.Future;
import org.alertresponder.engine.api.Report;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Keeps the deliveries of each report in order within this process. A delivery starts only once the one before it
 * of the same report has ended, and a version older than one already delivered is skipped: the engine may hand
 * over a late or replayed version (a retry of version 1 that an engine timeout did not stop, a dead letter replayed
 * after version 2 went out), and sending it would undo the newer one.
 *
 * <p>For an emitter whose peer keeps state per report (a PagerDuty incident, a GitHub issue). What it remembers
 * is in memory only: after a restart a late older version is sent again, unless the emitter can tell from its
 * peer (the GitHub emitter reads the markers on the report's issue).
 */
public final class DeliveryOrder {
  /** Reports whose highest delivered version is remembered; an older report's is forgotten first. */
  public static final int REMEMBERED_MAX = 10_000;

  private final Map<String, Integer> delivered = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
      return size() > REMEMBERED_MAX;
    }
  };
  /** The last delivery started of each report, while it runs; the next one of that report waits for it. */
  private final Map<String, Future<Void>> running = new HashMap<>();

  /**
   * Runs {@code delivery} once every earlier delivery of the same report has ended (whether it succeeded or not),
   * unless a newer version of the report has been delivered by then: then it succeeds without running it.
   */
  public synchronized Future<Void> deliver(Report report, Supplier<Future<Void>> delivery) {
    String id = report.id();
    Future<Void> before = running.get(id);
    Future<Void> turn = before == null ? Future.succeededFuture() : before.transform(ended -> Future.succeededFuture());
    Future<Void> mine = turn.compose(ready -> {
      if (olderThanDelivered(id, report.version())) {
        return Future.succeededFuture();
      }
      Future<Void> attempt;
      try {
        attempt = delivery.get();
      } catch (RuntimeException e) {
        attempt = Future.failedFuture(e);
      }
      return attempt.onSuccess(done -> remember(id, report.version()));
    });
    running.put(id, mine);
    mine.onComplete(ended -> finished(id, mine));
    return mine;
  }

  private synchronized boolean olderThanDelivered(String id, int version) {
    Integer newest = delivered.get(id);
    return newest != null && newest > version;
  }

  private synchronized void remember(String id, int version) {
    delivered.merge(id, version, Math::max);
  }

  private synchronized void finished(String id, Future<Void> delivery) {
    running.remove(id, delivery);
  }
}
