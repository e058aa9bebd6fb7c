package org.alertresponder.launcher.console;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.InspectionStatus;
import org.alertresponder.engine.spi.EngineObserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns what the engine does into the web console's live events. The engine may change thousands of
 * reports a second, so changes are gathered and published at most once per {@code interval} on the local
 * event bus ({@link #ADDRESS}), each as one ready-made server-sent event frame that every open event
 * stream writes as it is:
 * <ul>
 *   <li>{@code reports}: {@code {"ids":[...]}} the reports that changed, or {@code {"all":true}} when more
 *       than {@value #MAX_IDS} did (the console then reloads what it shows);</li>
 *   <li>{@code dead-letters}: a delivery became a dead letter;</li>
 *   <li>{@code health}: a plugin failed (an inspection failed or timed out, the reviewer fell back, a
 *       delivery attempt failed).</li>
 * </ul>
 * The events carry identifiers only: a browser reads the reports themselves through the API, with its
 * own token's scope.
 */
public final class ConsoleEvents implements EngineObserver {
  /** Where event frames are published (local to this process; each event stream listens here). */
  public static final String ADDRESS = "alertresponder.console.events";
  static final int MAX_IDS = 500;
  /** The event that tells the console to reload what it shows. */
  public static final String RELOAD = frame("reports", new JsonObject().put("all", true));

  private final Set<String> changed = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean overflow = new AtomicBoolean();
  private final AtomicBoolean deadLetters = new AtomicBoolean();
  private final AtomicBoolean health = new AtomicBoolean();
  private Vertx vertx;
  private long timer = -1;

  /** Publishes what was gathered every {@code interval}, on {@code vertx}'s event bus. */
  public void start(Vertx on, Duration interval) {
    this.vertx = on;
    timer = on.setPeriodic(interval.toMillis(), t -> flush());
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  @Override
  public void reportChanged(String reportId) {
    // Past the bound, a set of ids would cost more than a reload of the page the console shows.
    if (changed.size() < MAX_IDS) {
      changed.add(reportId);
    } else {
      overflow.set(true);
    }
  }

  @Override
  public void deadLettered(String emitter) {
    deadLetters.set(true);
    health.set(true);
  }

  @Override
  public void reviewerFailed(String reviewer) {
    health.set(true);
  }

  @Override
  public void inspectionFinished(String inspector, InspectionStatus status, Duration latency, boolean cached) {
    if (status != InspectionStatus.DONE) {
      health.set(true);
    }
  }

  @Override
  public void deliveryAttempted(String emitter, boolean delivered) {
    if (!delivered) {
      health.set(true);
    }
  }

  /** The frames gathered since the last call, emptied; public for tests. */
  public List<String> drain() {
    List<String> frames = new ArrayList<>(3);
    boolean all = overflow.getAndSet(false);
    JsonArray ids = new JsonArray();
    for (Iterator<String> it = changed.iterator(); it.hasNext(); ) {
      ids.add(it.next());
      it.remove();
    }
    if (all) {
      frames.add(RELOAD);
    } else if (!ids.isEmpty()) {
      frames.add(frame("reports", new JsonObject().put("ids", ids)));
    }
    if (deadLetters.getAndSet(false)) {
      frames.add(frame("dead-letters", new JsonObject()));
    }
    if (health.getAndSet(false)) {
      frames.add(frame("health", new JsonObject()));
    }
    return frames;
  }

  private void flush() {
    for (String frame : drain()) {
      vertx.eventBus().publish(ADDRESS, frame);
    }
  }

  /** One server-sent event: its name and one line of JSON data. */
  static String frame(String event, JsonObject data) {
    return "event: " + event + "\ndata: " + data.encode() + "\n\n";
  }
}
