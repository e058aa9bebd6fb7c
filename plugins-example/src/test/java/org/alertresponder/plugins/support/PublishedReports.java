package org.alertresponder.plugins.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Alert;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.api.InspectionRecord;
import org.alertresponder.engine.api.InspectionStatus;
import org.alertresponder.engine.api.Origin;
import org.alertresponder.engine.api.PublishedVerdict;
import org.alertresponder.engine.api.ReceivedAlert;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportAttribute;
import org.alertresponder.engine.api.ReportStatus;
import org.alertresponder.engine.api.Section;
import org.alertresponder.engine.api.Severity;
import org.alertresponder.engine.api.Verdict;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Published reports for emitter tests: an SSH brute force from 198.51.100.7 against i-0abc12, with two alerts,
 * findings from a blocklist and a geo inspector, a domain discovered by correlation and a failed inspection.
 */
public final class PublishedReports {
  public static final String ID = "01932f6e-5a00-7000-8000-00000000abcd";
  public static final Instant CREATED = Instant.parse("2026-11-27T10:00:00Z");
  public static final String SOURCE_IP = "198.51.100.7";

  private String id = ID;
  private String description = SOURCE_IP + " is performing SSH brute force attacks against i-0abc12";
  private String reason = "198.51.100.7 is on the blocklist";
  private String ruleName = "SSH brute force";
  private int alerts = 2;
  private final List<Attribute> extraAttributes = new ArrayList<>();
  private Severity[] history = {Severity.URGENT};

  private PublishedReports() {
  }

  public static PublishedReports report() {
    return new PublishedReports();
  }

  /** The verdict of every published version, oldest first; the report is at the last one. */
  public PublishedReports history(Severity... severities) {
    this.history = severities;
    return this;
  }

  public PublishedReports id(String value) {
    this.id = value;
    return this;
  }

  public PublishedReports description(String value) {
    this.description = value;
    return this;
  }

  public PublishedReports reason(String value) {
    this.reason = value;
    return this;
  }

  public PublishedReports ruleName(String value) {
    this.ruleName = value;
    return this;
  }

  public PublishedReports alerts(int count) {
    this.alerts = count;
    return this;
  }

  /** Another attribute of the first alert. */
  public PublishedReports attribute(Attribute value) {
    extraAttributes.add(value);
    return this;
  }

  public Report build() {
    Attribute ip = Attribute.of(Attribute.IPADDR, "source address", SOURCE_IP, Attribute.REMOTE, Attribute.CLIENT);
    Attribute user = Attribute.of(Attribute.USERNAME, "target user", "root", Attribute.LOCAL, Attribute.SUBJECT);
    Attribute domain = Attribute.of(Attribute.DOMAIN, "reverse name", "scanner.example.net", Attribute.REMOTE);
    List<ReceivedAlert> received = new ArrayList<>();
    List<ReportAttribute> attributes = new ArrayList<>();
    for (int i = 0; i < alerts; i++) {
      List<Attribute> own = new ArrayList<>(List.of(ip, user));
      if (i == 0) {
        own.addAll(extraAttributes);
      }
      Instant at = CREATED.plus(Duration.ofMinutes(5L * i));
      Alert alert = Alert.builder("guardduty", "UnauthorizedAccess:EC2/SSHBruteForce").ruleName(ruleName)
          .alertKey("i-0abc12").description(description).timestamp(at).build().withAttributes(own);
      String alertId = "alert-" + i;
      received.add(new ReceivedAlert(alertId, at.plusSeconds(1), alert));
      if (i == 0) {
        attributes.addAll(ReportAttribute.ofAlert(alertId, own));
      }
    }
    ReportAttribute ipAttribute = attributes.get(0);
    ReportAttribute discovered = ReportAttribute.of(domain, 1, Origin.inspector("reverse-dns", ipAttribute.hash()));
    attributes.add(discovered);
    JsonObject host = new JsonObject().put("ipaddr", new JsonArray().add(SOURCE_IP))
        .put("activities", new JsonArray().add(new JsonObject().put("service_name", "blocklist.example")
            .put("remote_addr", SOURCE_IP).put("action", "listed").put("last_seen", "2026-11-26T08:00:00Z")));
    JsonObject geo = new JsonObject().put("country", new JsonArray().add("NL")).put("as_owner",
        new JsonArray().add("Example Hosting"));
    List<Section> sections = List.of(new Section(ipAttribute, List.of(
        new Finding("blocklist", Finding.HOST, host), new Finding("geo", Finding.HOST, geo))));
    Instant done = CREATED.plus(Duration.ofMinutes(6));
    List<InspectionRecord> inspections = List.of(
        new InspectionRecord(ipAttribute.hash(), "blocklist", InspectionStatus.DONE, null, 1, done),
        new InspectionRecord(ipAttribute.hash(), "geo", InspectionStatus.DONE, null, 1, done),
        new InspectionRecord(discovered.hash(), "whois", InspectionStatus.FAILED,
            "whois.example answered 503 Service Unavailable", 3, done));
    List<PublishedVerdict> verdicts = new ArrayList<>();
    for (int v = 0; v < history.length; v++) {
      verdicts.add(new PublishedVerdict(v + 1, verdict(history[v], v + 1),
          CREATED.plus(Duration.ofMinutes(10L + 15L * v))));
    }
    Verdict result = verdicts.get(verdicts.size() - 1).verdict();
    Instant updated = verdicts.get(verdicts.size() - 1).publishedAt();
    return new Report(id, "group-key", "guardduty", "UnauthorizedAccess:EC2/SSHBruteForce", ruleName,
        "i-0abc12", ReportStatus.PUBLISHED, history.length, CREATED, updated, received, attributes, sections,
        inspections, List.of(), 0, result, verdicts);
  }

  private Verdict verdict(Severity severity, int version) {
    boolean last = version == history.length;
    String text = last ? reason : "verdict of version " + version;
    return new Verdict(severity, text);
  }
}
