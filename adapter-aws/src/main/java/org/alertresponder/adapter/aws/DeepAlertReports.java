package org.alertresponder.adapter.aws;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.AlertCodec;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.api.ReceivedAlert;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportAttribute;
import org.alertresponder.engine.api.Section;

import java.util.List;

/**
 * A published report in deepalert's report shape, as deepalert's report topic carried it, so that
 * emitters written for deepalert (which filter on {@code status == "published"}) keep working:
 * {@code {"id", "alerts", "attributes", "sections": [{"attr", "users", "hosts", "binaries"}],
 * "result": {"severity", "reason"}, "status", "created_at"}}. Findings of other types than host, user and
 * binary have no place in that shape and are left out.
 */
public final class DeepAlertReports {
  private DeepAlertReports() {
  }

  public static JsonObject encode(Report report) {
    JsonArray alerts = new JsonArray();
    for (ReceivedAlert alert : report.alerts()) {
      alerts.add(AlertCodec.encode(alert.alert()));
    }
    JsonArray attributes = new JsonArray();
    for (ReportAttribute attribute : report.attributes()) {
      attributes.add(AlertCodec.encode(attribute.attribute()));
    }
    JsonArray sections = new JsonArray();
    for (Section section : report.sections()) {
      sections.add(new JsonObject()
          .put("attr", AlertCodec.encode(section.attribute().attribute()))
          .put("users", contents(section.findings(), Finding.USER))
          .put("hosts", contents(section.findings(), Finding.HOST))
          .put("binaries", contents(section.findings(), Finding.BINARY)));
    }
    JsonObject json = new JsonObject()
        .put("id", report.id())
        .put("alerts", alerts)
        .put("attributes", attributes)
        .put("sections", sections)
        .put("status", "published")
        .put("created_at", report.createdAt().toString());
    if (report.result() != null) {
      json.put("result", new JsonObject().put("severity", report.result().severity().wireName())
          .put("reason", report.result().reason()));
    }
    return json;
  }

  private static JsonArray contents(List<Finding> findings, String type) {
    JsonArray out = new JsonArray();
    for (Finding finding : findings) {
      if (finding.type().equals(type)) {
        out.add(finding.content());
      }
    }
    return out;
  }
}
