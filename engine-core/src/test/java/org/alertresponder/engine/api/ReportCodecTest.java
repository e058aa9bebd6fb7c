package org.alertresponder.engine.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reports, headers and deliveries survive their JSON wire form, under deepalert's snake_case names. */
class ReportCodecTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private static final String REPORT_ID = "01936a2e-7c00-7000-8000-000000000001";

  @Test
  void fullReportRoundTrips() {
    Report report = fullReport();

    assertThat(ReportCodec.decodeReport(ReportCodec.encode(report))).isEqualTo(report);
  }

  @Test
  void fullReportRoundTripsThroughJsonText() {
    Report report = fullReport();
    String text = ReportCodec.encode(report).encode();

    assertThat(ReportCodec.decodeReport(new JsonObject(text))).isEqualTo(report);
  }

  @Test
  void reportUsesSnakeCaseFieldNames() {
    JsonObject json = ReportCodec.encode(fullReport());

    assertThat(json.fieldNames()).containsExactlyInAnyOrder("id", "group_key", "detector", "rule_id", "rule_name",
        "alert_key", "status", "version", "created_at", "updated_at", "alerts", "attributes", "sections",
        "inspections", "cut", "cut_count", "result", "verdicts");
    assertThat(json.getString("group_key")).isEqualTo(fullReport().groupKey());
    assertThat(json.getString("rule_id")).isEqualTo("UnauthorizedAccess:EC2/SSHBruteForce");
    assertThat(json.getString("status")).isEqualTo("published");
    assertThat(json.getString("created_at")).isEqualTo("2026-11-27T10:00:00Z");
    assertThat(json.getInteger("cut_count")).isEqualTo(7);
    assertThat(json.getJsonObject("result")).isEqualTo(new JsonObject().put("severity", "urgent").put("reason", "bad"));

    JsonObject alert = json.getJsonArray("alerts").getJsonObject(0);
    assertThat(alert.getString("id")).isEqualTo("alert-1");
    assertThat(alert.getString("received_at")).isEqualTo("2026-11-27T10:00:05Z");
    assertThat(alert.getString("rule_id")).isEqualTo("UnauthorizedAccess:EC2/SSHBruteForce");
    assertThat(alert.getString("alert_key")).isEqualTo("i-0abc12");

    JsonObject fromAlert = json.getJsonArray("attributes").getJsonObject(0);
    assertThat(fromAlert.getJsonObject("origin")).isEqualTo(new JsonObject().put("alert", "alert-1"));
    assertThat(fromAlert.getInteger("depth")).isZero();
    assertThat(fromAlert.getString("hash")).isEqualTo(ipAttribute().hash());
    JsonObject discovered = json.getJsonArray("attributes").getJsonObject(2);
    assertThat(discovered.getInteger("depth")).isEqualTo(1);
    assertThat(discovered.getJsonObject("origin"))
        .isEqualTo(new JsonObject().put("inspector", "rdns").put("attribute", ipAttribute().hash()));

    JsonObject section = json.getJsonArray("sections").getJsonObject(0);
    assertThat(section.fieldNames()).containsExactlyInAnyOrder("attribute", "findings");
    assertThat(section.getJsonArray("findings").getJsonObject(0).fieldNames())
        .containsExactlyInAnyOrder("author", "type", "content");

    assertThat(json.getJsonArray("inspections").getJsonObject(2).getString("status")).isEqualTo("timed_out");
    assertThat(json.getJsonArray("inspections").getJsonObject(0).getString("finished_at"))
        .isEqualTo("2026-11-27T10:05:01Z");
    assertThat(json.getJsonArray("cut").getJsonObject(0).getString("reason")).isEqualTo("max_depth");
    assertThat(json.getJsonArray("verdicts").getJsonObject(0).getString("published_at"))
        .isEqualTo("2026-11-27T10:10:00Z");
  }

  @Test
  void reportWithoutVerdictRoundTrips() {
    Report open = new Report(REPORT_ID, "gk", "ids", "r1", null, null, ReportStatus.OPEN, 0, T0, T0,
        List.of(), List.of(), List.of(), List.of(), List.of(), 0, null, List.of());

    JsonObject json = ReportCodec.encode(open);

    assertThat(json.getValue("result")).isNull();
    assertThat(ReportCodec.decodeReport(new JsonObject(json.encode()))).isEqualTo(open);
  }

  @Test
  void decodeReportRejectsSomethingElse() {
    JsonObject notAReport = new JsonObject().put("id", "x").put("alerts", new JsonArray().add("not an alert"));

    assertThatThrownBy(() -> ReportCodec.decodeReport(notAReport))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a report: ");
  }

  @Test
  void headerRoundTripsWithSnakeCaseNames() {
    ReportHeader header = new ReportHeader(REPORT_ID, "gk", "guardduty", "r1", "name", "key",
        ReportStatus.REVIEWING, 2, T0, T0.plusSeconds(60), 5, 4, T0.plusSeconds(600), Verdict.safe("benign"), 42L);

    JsonObject json = ReportCodec.encode(header);

    assertThat(json.fieldNames()).containsExactlyInAnyOrder("id", "group_key", "detector", "rule_id", "rule_name",
        "alert_key", "status", "version", "created_at", "updated_at", "alert_count", "published_alert_count",
        "review_due_at", "result", "revision");
    assertThat(json.getString("review_due_at")).isEqualTo("2026-11-27T10:10:00Z");
    assertThat(json.getInteger("alert_count")).isEqualTo(5);
    assertThat(ReportCodec.decodeHeader(json)).isEqualTo(header);
    assertThat(ReportCodec.decodeHeader(new JsonObject(json.encode()))).isEqualTo(header);
  }

  @Test
  void headerWithoutResultOrDueTimeRoundTrips() {
    ReportHeader header = new ReportHeader(REPORT_ID, "gk", "ids", "r1", null, null, ReportStatus.OPEN, 0, T0, T0,
        1, 0, null, null, 0L);

    assertThat(ReportCodec.decodeHeader(new JsonObject(ReportCodec.encode(header).encode()))).isEqualTo(header);
  }

  @Test
  void deliveryRoundTripsWithSnakeCaseNames() {
    Delivery delivery = Delivery.pending("slack", REPORT_ID, 2, T0)
        .withStatus(DeliveryStatus.DEAD, 6, T0.plusSeconds(600), "HTTP 500 from hooks.slack.com", T0.plusSeconds(700));

    JsonObject json = ReportCodec.encode(delivery);

    assertThat(json.fieldNames()).containsExactlyInAnyOrder("id", "emitter", "report_id", "version", "status",
        "attempts", "next_attempt_at", "last_error", "created_at", "updated_at");
    assertThat(json.getString("id")).isEqualTo(REPORT_ID + ":2:slack");
    assertThat(json.getString("status")).isEqualTo("dead");
    assertThat(ReportCodec.decodeDelivery(json)).isEqualTo(delivery);
    assertThat(ReportCodec.decodeDelivery(new JsonObject(json.encode()))).isEqualTo(delivery);
  }

  @Test
  void pendingDeliveryRoundTrips() {
    Delivery delivery = Delivery.pending("pagerduty", REPORT_ID, 1, T0);

    assertThat(ReportCodec.decodeDelivery(new JsonObject(ReportCodec.encode(delivery).encode()))).isEqualTo(delivery);
  }

  @Test
  void verdictWithEmptyOrMissingSeverityIsUnclassified() {
    assertThat(ReportCodec.decodeVerdict(new JsonObject())).isEqualTo(Verdict.unclassified(""));
    assertThat(ReportCodec.decodeVerdict(new JsonObject().put("severity", "").put("reason", "why")))
        .isEqualTo(Verdict.unclassified("why"));
  }

  // ---- fixtures -----------------------------------------------------------------------------------

  private static Attribute ipAttribute() {
    return new Attribute("ipaddr", "source address", "198.51.100.7", List.of("remote", "client"),
        Instant.parse("2026-11-27T09:59:58Z"));
  }

  static Report fullReport() {
    Alert alert = Alert.builder("guardduty", "UnauthorizedAccess:EC2/SSHBruteForce")
        .ruleName("SSH brute force")
        .alertKey("i-0abc12")
        .description("198.51.100.7 is performing SSH brute force attacks against i-0abc12")
        .timestamp(T0)
        .attribute(ipAttribute())
        .attribute("username", "", "root", "subject")
        .body(new JsonObject().put("any", "original detector payload").put("count", 3)
            .put("nested", new JsonArray().add(true).add(new JsonObject().put("k", "v"))))
        .build();
    Alert lateAlert = Alert.builder("guardduty", "UnauthorizedAccess:EC2/SSHBruteForce")
        .alertKey("i-0abc12")
        .timestamp(T0.plusSeconds(3600))
        .build();
    ReportAttribute ip = ReportAttribute.of(ipAttribute(), 0, Origin.alert("alert-1"));
    ReportAttribute user = ReportAttribute.of(Attribute.of("username", "", "root", "subject"), 0,
        Origin.alert("alert-1"));
    ReportAttribute host = ReportAttribute.of(Attribute.of("domain", "reverse name", "scanner.example.net", "remote"),
        1, Origin.inspector("rdns", ip.hash()));
    ReportAttribute tooDeep = ReportAttribute.of(Attribute.of("ipaddr", "", "203.0.113.9"), 4,
        Origin.inspector("rdns", host.hash()));
    Finding hostFinding = new Finding("reputation", Finding.HOST,
        new JsonObject().put("country", new JsonArray().add("NL")).put("as_owner", new JsonArray().add("Example AS")));
    Finding userFinding = new Finding("directory", "user", new JsonObject().put("activities", new JsonArray()));
    return new Report(REPORT_ID, alert.groupKey(), alert.detector(), alert.ruleId(), alert.ruleName(),
        alert.alertKey(), ReportStatus.PUBLISHED, 2, T0, T0.plusSeconds(3600),
        List.of(new ReceivedAlert("alert-1", T0.plusSeconds(5), alert),
            new ReceivedAlert("alert-2", T0.plusSeconds(3601), lateAlert)),
        List.of(ip, user, host),
        List.of(new Section(ip, List.of(hostFinding, hostFinding.withAuthor("geo"))),
            new Section(user, List.of(userFinding))),
        List.of(new InspectionRecord(ip.hash(), "reputation", InspectionStatus.DONE, null, 1,
                T0.plusSeconds(301)),
            new InspectionRecord(ip.hash(), "geo", InspectionStatus.FAILED, "HTTP 503 from geo service", 3,
                T0.plusSeconds(330)),
            new InspectionRecord(user.hash(), "directory", InspectionStatus.TIMED_OUT, "no answer within 30s", 3,
                T0.plusSeconds(400)),
            new InspectionRecord(host.hash(), "reputation", InspectionStatus.SKIPPED, "cache only", 0,
                T0.plusSeconds(302)),
            new InspectionRecord(host.hash(), "geo", InspectionStatus.PENDING, null, 1, null)),
        List.of(new CutAttribute(tooDeep, CutAttribute.MAX_DEPTH)),
        7,
        Verdict.urgent("bad"),
        List.of(new PublishedVerdict(1, Verdict.unclassified("no findings yet"), T0.plusSeconds(600)),
            new PublishedVerdict(2, Verdict.urgent("bad"), T0.plusSeconds(4200))));
  }
}
