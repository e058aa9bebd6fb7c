package org.alertresponder.engine.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.internal.JsonReader;
import org.alertresponder.engine.internal.Rfc3339;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reports, headers, verdicts and deliveries to and from their JSON wire form.
 *
 * <p>Decoding is for JSON this engine (or a store of it) wrote; it throws
 * {@link IllegalArgumentException} at the first problem instead of collecting violations.
 */
public final class ReportCodec {
  private ReportCodec() {
  }

  // ---- report ---------------------------------------------------------------------------------

  public static JsonObject encode(Report report) {
    JsonObject json = new JsonObject()
        .put("id", report.id())
        .put("group_key", report.groupKey())
        .put("detector", report.detector())
        .put("rule_id", report.ruleId())
        .put("rule_name", report.ruleName())
        .put("alert_key", report.alertKey())
        .put("status", report.status().wireName())
        .put("version", report.version())
        .put("created_at", text(report.createdAt()))
        .put("updated_at", text(report.updatedAt()));
    JsonArray alerts = new JsonArray();
    for (ReceivedAlert alert : report.alerts()) {
      alerts.add(encode(alert));
    }
    json.put("alerts", alerts);
    JsonArray attributes = new JsonArray();
    for (ReportAttribute attribute : report.attributes()) {
      attributes.add(encode(attribute));
    }
    json.put("attributes", attributes);
    JsonArray sections = new JsonArray();
    for (Section section : report.sections()) {
      JsonArray findings = new JsonArray();
      for (Finding finding : section.findings()) {
        findings.add(encode(finding));
      }
      sections.add(new JsonObject().put("attribute", encode(section.attribute())).put("findings", findings));
    }
    json.put("sections", sections);
    JsonArray inspections = new JsonArray();
    for (InspectionRecord record : report.inspections()) {
      inspections.add(encode(record));
    }
    json.put("inspections", inspections);
    JsonArray cut = new JsonArray();
    for (CutAttribute attribute : report.cut()) {
      cut.add(encode(attribute.attribute()).put("reason", attribute.reason()));
    }
    json.put("cut", cut);
    json.put("cut_count", report.cutCount());
    json.put("result", report.result() == null ? null : encode(report.result()));
    JsonArray verdicts = new JsonArray();
    for (PublishedVerdict verdict : report.verdicts()) {
      verdicts.add(encode(verdict.verdict()).put("version", verdict.version())
          .put("published_at", text(verdict.publishedAt())));
    }
    json.put("verdicts", verdicts);
    return json;
  }

  public static Report decodeReport(JsonObject json) {
    try {
      List<ReceivedAlert> alerts = new ArrayList<>();
      for (Object item : json.getJsonArray("alerts", new JsonArray())) {
        alerts.add(decodeReceivedAlert((JsonObject) item));
      }
      List<ReportAttribute> attributes = new ArrayList<>();
      for (Object item : json.getJsonArray("attributes", new JsonArray())) {
        attributes.add(decodeReportAttribute((JsonObject) item));
      }
      List<Section> sections = new ArrayList<>();
      for (Object item : json.getJsonArray("sections", new JsonArray())) {
        JsonObject section = (JsonObject) item;
        List<Finding> findings = new ArrayList<>();
        for (Object finding : section.getJsonArray("findings", new JsonArray())) {
          findings.add(decodeFinding((JsonObject) finding));
        }
        sections.add(new Section(decodeReportAttribute(section.getJsonObject("attribute")), findings));
      }
      List<InspectionRecord> inspections = new ArrayList<>();
      for (Object item : json.getJsonArray("inspections", new JsonArray())) {
        inspections.add(decodeInspection((JsonObject) item));
      }
      List<CutAttribute> cut = new ArrayList<>();
      for (Object item : json.getJsonArray("cut", new JsonArray())) {
        JsonObject object = (JsonObject) item;
        cut.add(new CutAttribute(decodeReportAttribute(object), object.getString("reason")));
      }
      List<PublishedVerdict> verdicts = new ArrayList<>();
      for (Object item : json.getJsonArray("verdicts", new JsonArray())) {
        JsonObject object = (JsonObject) item;
        verdicts.add(new PublishedVerdict(object.getInteger("version"), decodeVerdict(object),
            instant(object.getString("published_at"))));
      }
      JsonObject result = json.getJsonObject("result");
      return new Report(json.getString("id"), json.getString("group_key"), json.getString("detector"),
          json.getString("rule_id"), json.getString("rule_name"), json.getString("alert_key"),
          ReportStatus.fromWire(json.getString("status")), json.getInteger("version", 0),
          instant(json.getString("created_at")), instant(json.getString("updated_at")), alerts, attributes, sections,
          inspections, cut, json.getInteger("cut_count", cut.size()), result == null ? null : decodeVerdict(result),
          verdicts);
    } catch (ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException("not a report: " + e.getMessage(), e);
    }
  }

  // ---- parts ----------------------------------------------------------------------------------

  public static JsonObject encode(ReceivedAlert alert) {
    return AlertCodec.encode(alert.alert()).put("id", alert.id()).put("received_at", text(alert.receivedAt()));
  }

  public static ReceivedAlert decodeReceivedAlert(JsonObject json) {
    JsonObject copy = json.copy();
    String id = (String) copy.remove("id");
    Instant receivedAt = instant((String) copy.remove("received_at"));
    return new ReceivedAlert(id, receivedAt, AlertCodec.decode(copy));
  }

  public static JsonObject encode(ReportAttribute attribute) {
    JsonObject origin = new JsonObject();
    if (attribute.origin().fromAlert()) {
      origin.put("alert", attribute.origin().alertId());
    } else {
      origin.put("inspector", attribute.origin().inspector()).put("attribute", attribute.origin().parentHash());
    }
    return AlertCodec.encode(attribute.attribute())
        .put("hash", attribute.hash())
        .put("depth", attribute.depth())
        .put("origin", origin);
  }

  public static ReportAttribute decodeReportAttribute(JsonObject json) {
    JsonReader reader = new JsonReader();
    Attribute attribute = AlertCodec.decodeAttribute(reader, json, "attribute");
    if (!reader.violations().isEmpty()) {
      throw new IllegalArgumentException("not an attribute: " + reader.violations());
    }
    JsonObject origin = json.getJsonObject("origin", new JsonObject());
    Origin decodedOrigin = origin.containsKey("alert") ? Origin.alert(origin.getString("alert"))
        : Origin.inspector(origin.getString("inspector"), origin.getString("attribute"));
    String hash = json.getString("hash");
    return new ReportAttribute(attribute, hash == null ? attribute.hash() : hash, json.getInteger("depth", 0),
        decodedOrigin);
  }

  public static JsonObject encode(Finding finding) {
    return new JsonObject().put("author", finding.author()).put("type", finding.type()).put("content",
        finding.content());
  }

  public static Finding decodeFinding(JsonObject json) {
    return new Finding(json.getString("author"), json.getString("type"), json.getJsonObject("content"));
  }

  public static JsonObject encode(InspectionRecord record) {
    JsonObject json = new JsonObject()
        .put("attribute", record.attributeHash())
        .put("inspector", record.inspector())
        .put("status", record.status().wireName())
        .put("attempts", record.attempts());
    if (record.error() != null) {
      json.put("error", record.error());
    }
    if (record.finishedAt() != null) {
      json.put("finished_at", text(record.finishedAt()));
    }
    return json;
  }

  public static InspectionRecord decodeInspection(JsonObject json) {
    return new InspectionRecord(json.getString("attribute"), json.getString("inspector"),
        InspectionStatus.fromWire(json.getString("status")), json.getString("error"), json.getInteger("attempts", 0),
        instant(json.getString("finished_at")));
  }

  public static JsonObject encode(Verdict verdict) {
    return new JsonObject().put("severity", verdict.severity().wireName()).put("reason", verdict.reason());
  }

  /** deepalert's result shape; an empty or missing severity is {@code unclassified}. */
  public static Verdict decodeVerdict(JsonObject json) {
    Object severity = json.getValue("severity");
    Object reason = json.getValue("reason");
    if (severity != null && !(severity instanceof String)) {
      throw new IllegalArgumentException("severity must be a string, was " + severity);
    }
    if (reason != null && !(reason instanceof String)) {
      throw new IllegalArgumentException("reason must be a string, was " + reason);
    }
    return new Verdict(Severity.fromWire((String) severity), (String) reason);
  }

  // ---- header ---------------------------------------------------------------------------------

  public static JsonObject encode(ReportHeader header) {
    return new JsonObject()
        .put("id", header.id())
        .put("group_key", header.groupKey())
        .put("detector", header.detector())
        .put("rule_id", header.ruleId())
        .put("rule_name", header.ruleName())
        .put("alert_key", header.alertKey())
        .put("status", header.status().wireName())
        .put("version", header.version())
        .put("created_at", text(header.createdAt()))
        .put("updated_at", text(header.updatedAt()))
        .put("alert_count", header.alertCount())
        .put("published_alert_count", header.publishedAlertCount())
        .put("review_due_at", text(header.reviewDueAt()))
        .put("result", header.result() == null ? null : encode(header.result()))
        .put("revision", header.revision());
  }

  public static ReportHeader decodeHeader(JsonObject json) {
    JsonObject result = json.getJsonObject("result");
    return new ReportHeader(json.getString("id"), json.getString("group_key"), json.getString("detector"),
        json.getString("rule_id"), json.getString("rule_name"), json.getString("alert_key"),
        ReportStatus.fromWire(json.getString("status")), json.getInteger("version", 0),
        instant(json.getString("created_at")), instant(json.getString("updated_at")),
        json.getInteger("alert_count", 0), json.getInteger("published_alert_count", 0),
        instant(json.getString("review_due_at")),
        result == null ? null : decodeVerdict(result), json.getLong("revision", 0L));
  }

  // ---- delivery -------------------------------------------------------------------------------

  public static JsonObject encode(Delivery delivery) {
    return new JsonObject()
        .put("id", delivery.id())
        .put("emitter", delivery.emitter())
        .put("report_id", delivery.reportId())
        .put("version", delivery.version())
        .put("status", delivery.status().wireName())
        .put("attempts", delivery.attempts())
        .put("next_attempt_at", text(delivery.nextAttemptAt()))
        .put("last_error", delivery.lastError())
        .put("created_at", text(delivery.createdAt()))
        .put("updated_at", text(delivery.updatedAt()));
  }

  public static Delivery decodeDelivery(JsonObject json) {
    return new Delivery(json.getString("id"), json.getString("emitter"), json.getString("report_id"),
        json.getInteger("version"), DeliveryStatus.fromWire(json.getString("status")), json.getInteger("attempts", 0),
        instant(json.getString("next_attempt_at")), json.getString("last_error"), instant(json.getString("created_at")),
        instant(json.getString("updated_at")));
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    // Stored text is what Instant.toString wrote; only years beyond 9999 need the general parser.
    Instant parsed = Rfc3339.parse(text);
    return parsed != null ? parsed : Instant.parse(text);
  }
}
