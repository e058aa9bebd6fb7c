package org.alertresponder.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.aggregation.AggregationRules;
import org.alertresponder.engine.api.Alert;
import org.alertresponder.engine.api.AlertCodec;
import org.alertresponder.engine.api.AlertValidator;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.EngineConfig;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.api.InspectionRecord;
import org.alertresponder.engine.api.InspectionStatus;
import org.alertresponder.engine.api.ReceivedAlert;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportAttribute;
import org.alertresponder.engine.api.ReportHeader;
import org.alertresponder.engine.api.Violation;
import org.alertresponder.engine.inspection.InspectionPlan;
import org.alertresponder.engine.review.ReportCompiler;
import org.alertresponder.engine.spi.InspectionOutcome;
import org.alertresponder.engine.spi.InspectorSpec;
import org.alertresponder.engine.spi.StoredReport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The engine's steps one at a time, on an alert of 3 attributes (the shape of the pipeline targets):
 * decoding and validating an alert's JSON as the HTTP API receives it, its group key and attribute hashes,
 * one aggregation decision (create or join), and compiling a stored report of 3 alerts, 3 attributes and 2
 * findings into what reviewers and emitters get. The CEL policy's evaluation is {@link PolicyBenchmark}.
 *
 * <pre>
 * java -cp "$(cat bench/target/classpath.txt):bench/target/bench-0.1.0-SNAPSHOT.jar" org.openjdk.jmh.Main EngineStepsBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class EngineStepsBenchmark {
  static final String ALERT_JSON = """
      {"detector": "guardduty", "rule_id": "UnauthorizedAccess:EC2/SSHBruteForce", "rule_name": "SSH brute force",
       "alert_key": "i-0abc12", "description": "198.51.100.7 is performing SSH brute force attacks against i-0abc12",
       "timestamp": "2026-12-01T10:00:00Z",
       "attributes": [
         {"type": "ipaddr", "key": "source address", "value": "198.51.100.7", "context": ["remote", "client"]},
         {"type": "username", "key": "target user", "value": "root", "context": ["local", "subject"]},
         {"type": "domain", "key": "reverse name", "value": "scanner.example.net", "context": ["remote"]}]}
      """;

  private Buffer bytes;
  private Alert alert;
  private String groupKey;
  private EngineConfig config;
  private Optional<ReportHeader> openReport;
  private Instant now;
  private ReportCompiler compiler;
  private StoredReport stored;

  @Setup
  public void setUp() {
    bytes = Buffer.buffer(ALERT_JSON, StandardCharsets.UTF_8.name());
    alert = AlertValidator.normalize(AlertCodec.decode(new JsonObject(bytes)));
    groupKey = alert.groupKey();
    config = EngineConfig.defaults();
    now = Instant.parse("2026-12-01T10:05:00Z");
    openReport = Optional.of(AggregationRules.newReport("0193a0b0-0000-7000-8000-000000000001", alert, groupKey,
        now.minusSeconds(60), config));
    compiler = new ReportCompiler(new InspectionPlan(List.of(InspectorSpec.of("blocklist", Attribute.IPADDR,
        Attribute.DOMAIN))));
    stored = storedReport(alert, openReport.get());
  }

  /** The HTTP API's work on one alert's bytes: parse, decode, validate, normalise. */
  @Benchmark
  public Alert decodeAndValidate() {
    Alert decoded = AlertCodec.decode(new JsonObject(bytes));
    List<Violation> violations = AlertValidator.violations(decoded);
    if (!violations.isEmpty()) {
      throw new IllegalStateException(violations.toString());
    }
    return AlertValidator.normalize(decoded);
  }

  /** The group key of the alert and the hash of each of its attributes (SHA-256 each). */
  @Benchmark
  public void groupKeyAndAttributeHashes(Blackhole sink) {
    sink.consume(alert.groupKey());
    for (Attribute attribute : alert.attributes()) {
      sink.consume(attribute.hash());
    }
  }

  /** One aggregation decision for an alert whose group has an open report: it joins. */
  @Benchmark
  public AggregationRules.Decision aggregationDecision() {
    return AggregationRules.decide(openReport, alert, groupKey, now, config, () -> "unused");
  }

  /** Compiling a stored report (3 alerts, 3 attributes, 2 findings) into the report reviewers receive. */
  @Benchmark
  public Report reportCompile() {
    return compiler.compile(stored);
  }

  private static StoredReport storedReport(Alert alert, ReportHeader header) {
    List<ReceivedAlert> alerts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      alerts.add(new ReceivedAlert("alert-" + i, header.createdAt().plusSeconds(i), alert));
    }
    List<ReportAttribute> attributes = ReportAttribute.ofAlert("alert-0", alert.attributes());
    Instant done = header.createdAt().plusSeconds(300);
    List<InspectionOutcome> inspections = List.of(
        new InspectionOutcome(new InspectionRecord(attributes.get(0).hash(), "blocklist", InspectionStatus.DONE, null,
            1, done), List.of(new Finding("blocklist", Finding.HOST, new JsonObject().put("blocklisted", true)))),
        new InspectionOutcome(new InspectionRecord(attributes.get(2).hash(), "blocklist", InspectionStatus.DONE, null,
            1, done), List.of(new Finding("blocklist", Finding.HOST, new JsonObject().put("blocklisted", false)))));
    ReportHeader withAlerts = header.withAlertAdded(header.createdAt()).withAlertAdded(header.createdAt().plusSeconds(1))
        .withAlertAdded(header.createdAt().plusSeconds(2));
    return new StoredReport(withAlerts, alerts, attributes, List.of(), 0, inspections, List.of());
  }
}
