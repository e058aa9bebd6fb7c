package org.alertresponder.engine.timer;

import io.vertx.core.json.JsonObject;
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
public record ReviewTimer(String reportId, int version, Instant leasedUntil) {
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

  public TimerEntry entry(Instant dueAt) {
    return TimerEntry.of(id(), TimerKinds.REVIEW, dueAt,
        new JsonObject().put("report_id", reportId).put("version", version));
  }

  public static ReviewTimer from(TimerEntry entry) {
    return new ReviewTimer(entry.payload().getString("report_id"), entry.payload().getInteger("version"));
  }
}
