package org.alertresponder.plugins.pagerduty;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.Severity;
import org.alertresponder.plugins.support.ReportDigest;
import org.alertresponder.plugins.support.ReportLinks;

import java.time.Instant;
import java.util.Map;

/**
 * The Events API v2 events of a report: a {@code trigger} carrying the digest of the report, and a
 * {@code resolve}, both keyed by the report's id as {@code dedup_key}.
 *
 * @param component the {@code payload.component} field, or null
 * @param group     the {@code payload.group} field, or null
 * @param eventClass the {@code payload.class} field, or null
 * @param links     the report's link for {@code links}, or null
 */
record PagerDutyEvents(String routingKey, String source, String component, String group, String eventClass,
                       Map<Severity, String> severities, ReportLinks links) {
  /** The Events API: {@code payload.summary} is at most 1024 characters. */
  static final int SUMMARY_MAX = 1024;

  /** Not the generated one: that would print the routing key into whatever logs this record. */
  @Override
  public String toString() {
    return "PagerDutyEvents[source=" + source + ", routing key not shown]";
  }

  JsonObject trigger(Report report, Instant at) {
    ReportDigest digest = ReportDigest.of(report);
    JsonObject payload = new JsonObject()
        .put("summary", summary(digest))
        .put("source", source)
        .put("severity", severities.get(digest.severity()))
        .put("timestamp", at.toString());
    if (component != null) {
      payload.put("component", component);
    }
    if (group != null) {
      payload.put("group", group);
    }
    if (eventClass != null) {
      payload.put("class", eventClass);
    }
    payload.put("custom_details", details(report, digest));
    JsonObject event = new JsonObject()
        .put("routing_key", routingKey)
        .put("event_action", "trigger")
        .put("dedup_key", report.id())
        .put("payload", payload)
        .put("client", "AlertResponder");
    if (links != null) {
      event.put("links", new JsonArray().add(new JsonObject().put("href", links.of(report))
          .put("text", "AlertResponder report " + report.id())));
    }
    return event;
  }

  /** A resolve needs nothing but the key of the alert it closes. */
  JsonObject resolve(Report report) {
    return new JsonObject()
        .put("routing_key", routingKey)
        .put("event_action", "resolve")
        .put("dedup_key", report.id());
  }

  private static String summary(ReportDigest digest) {
    String text = "[" + digest.severity().wireName() + "] " + digest.title()
        + (digest.reason().isBlank() ? "" : ": " + digest.reason());
    text = text.replaceAll("\\s+", " ");
    if (text.length() <= SUMMARY_MAX) {
      return text;
    }
    int end = SUMMARY_MAX - 3;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "...";
  }

  /** What the responder reads under "Custom Details": the verdict, where the report came from, the digest. */
  private static JsonObject details(Report report, ReportDigest digest) {
    JsonArray attributes = new JsonArray();
    for (ReportDigest.KeyAttribute attribute : digest.keyAttributes()) {
      attributes.add(new JsonObject().put("type", attribute.type()).put("key", attribute.key())
          .put("value", attribute.value()));
    }
    JsonArray findings = new JsonArray();
    for (ReportDigest.FindingLine line : digest.findings()) {
      findings.add(line.text());
    }
    JsonObject details = new JsonObject()
        .put("reason", digest.reason())
        .put("version", digest.version())
        .put("detector", report.detector())
        .put("rule_id", report.ruleId())
        .put("alert_count", digest.alertCount())
        .put("attributes", attributes)
        .put("findings", findings);
    if (digest.moreAttributes() > 0) {
      details.put("more_attributes", digest.moreAttributes());
    }
    if (digest.moreFindings() > 0) {
      details.put("more_findings", digest.moreFindings());
    }
    return details;
  }
}
