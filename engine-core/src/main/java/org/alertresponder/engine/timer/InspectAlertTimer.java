package org.alertresponder.engine.timer;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.AlertCodec;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.internal.JsonReader;
import org.alertresponder.engine.spi.Payload;
import org.alertresponder.engine.spi.TimerEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The timer that inspects one alert's attributes. It carries the attributes, so it does not depend on
 * the alert being readable yet when it fires.
 *
 * @param admitted   whether the report admitted the attributes as it was created (see
 *                   {@link org.alertresponder.engine.spi.ReportRepository#createWithAlert}), so that they
 *                   only need their inspections queued
 * @param deliveries how often the timer was claimed; above 1 means an earlier run may have died midway
 * @param leasedUntil for a fired timer, when its lease ends: until then no other instance runs it, so its
 *                    inspections may run under that lease instead of through the work queue; null for a
 *                    timer being scheduled
 */
public record InspectAlertTimer(String reportId, String alertId, List<Attribute> attributes, boolean admitted,
                                int deliveries, Instant leasedUntil) implements Payload {
  public InspectAlertTimer {
    attributes = List.copyOf(attributes);
  }

  public InspectAlertTimer(String reportId, String alertId, List<Attribute> attributes, boolean admitted,
                           int deliveries) {
    this(reportId, alertId, attributes, admitted, deliveries, null);
  }

  /** This timer as fired, with a lease that ends at {@code instant}. */
  public InspectAlertTimer leasedUntil(Instant instant) {
    return new InspectAlertTimer(reportId, alertId, attributes, admitted, deliveries, instant);
  }

  public static String idOf(String reportId, String alertId) {
    return "inspect:" + reportId + ":" + alertId;
  }

  /** The timer to schedule; it carries this record, so a queue in this process never needs its JSON. */
  public TimerEntry entry(Instant dueAt) {
    InspectAlertTimer message = deliveries == 0 && leasedUntil == null ? this
        : new InspectAlertTimer(reportId, alertId, attributes, admitted, 0, null);
    return TimerEntry.carrying(idOf(reportId, alertId), TimerKinds.INSPECT_ALERT, dueAt, message);
  }

  /** What a store keeps: the report, the alert, its attributes, and whether they were admitted. */
  @Override
  public JsonObject toJson() {
    JsonObject payload = new JsonObject()
        .put("report_id", reportId)
        .put("alert_id", alertId)
        .put("attributes", AlertCodec.encodeAttributes(attributes));
    if (admitted) {
      payload.put("admitted", true);
    }
    return payload;
  }

  /**
   * The timer a claimed entry fires: the record it was scheduled with where the entry still holds it (its
   * attributes were validated then), otherwise decoded from the entry's JSON and validated again.
   */
  public static InspectAlertTimer from(TimerEntry entry) {
    InspectAlertTimer scheduled = entry.message(InspectAlertTimer.class);
    if (scheduled != null) {
      return new InspectAlertTimer(scheduled.reportId, scheduled.alertId, scheduled.attributes, scheduled.admitted,
          entry.deliveries(), null);
    }
    JsonObject payload = entry.payload();
    List<Attribute> attributes = new ArrayList<>();
    JsonReader reader = new JsonReader();
    JsonArray array = payload.getJsonArray("attributes", new JsonArray());
    for (int i = 0; i < array.size(); i++) {
      attributes.add(AlertCodec.decodeAttribute(reader, array.getValue(i), "attributes[" + i + "]"));
    }
    if (!reader.violations().isEmpty()) {
      throw new IllegalArgumentException("corrupt inspection timer " + entry.id() + ": " + reader.violations());
    }
    return new InspectAlertTimer(payload.getString("report_id"), payload.getString("alert_id"), attributes,
        payload.getBoolean("admitted", false), entry.deliveries());
  }
}
