package org.alertresponder.engine.timer;

import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.spi.Payload;
import org.alertresponder.engine.spi.TimerEntry;

import java.time.Instant;

/**
 * The timer (or early trigger) that reviews a report for a version. Its id is derived from the report
 * and version, so asking for the same review twice schedules it once.
 *
 * @param leasedUntil for a fired timer, when its lease ends: until then no other instance reviews this
 *                    version, so the review may deliver the publication itself; null for an early
 *                    review, which holds no lease, and for a timer being scheduled
 */
public record ReviewTimer(String reportId, int version, Instant leasedUntil) implements Payload {
  public ReviewTimer(String reportId, int version) {
    this(reportId, version, null);
  }

  public static String idOf(String reportId, int version) {
    return "review:" + reportId + ":" + version;
  }

  public String id() {
    return idOf(reportId, version);
  }

  /** This review as fired by a timer whose lease ends at {@code instant}. */
  public ReviewTimer leasedUntil(Instant instant) {
    return new ReviewTimer(reportId, version, instant);
  }

  /** The timer to schedule; it carries this record, so a queue in this process never needs its JSON. */
  public TimerEntry entry(Instant dueAt) {
    return entry(id(), dueAt);
  }

  /** The timer to schedule, under an id the caller made already with {@link #idOf}. */
  public TimerEntry entry(String id, Instant dueAt) {
    return TimerEntry.carrying(id, TimerKinds.REVIEW, dueAt, leasedUntil == null ? this : new ReviewTimer(reportId, version));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("report_id", reportId).put("version", version);
  }

  /** The review a claimed entry fires: the record it was scheduled with, or decoded from the entry's JSON. */
  public static ReviewTimer from(TimerEntry entry) {
    ReviewTimer scheduled = entry.message(ReviewTimer.class);
    if (scheduled != null) {
      return scheduled;
    }
    return new ReviewTimer(entry.payload().getString("report_id"), entry.payload().getInteger("version"));
  }
}
