package org.alertresponder.bench;

import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Alert;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.api.ReceivedAlert;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportAttribute;
import org.alertresponder.engine.api.ReportStatus;
import org.alertresponder.engine.api.Section;
import org.alertresponder.plugins.policy.Policy;
import org.alertresponder.plugins.policy.PolicyDecision;
import org.alertresponder.plugins.policy.PolicyLoader;
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

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One review by the {@code policy} reviewer: a 20-rule policy evaluated against a report of 3 alerts,
 * 3 attributes and 2 findings, the report turned into CEL variables included. In {@code worstCase} no rule
 * matches, so all 20 run before the default applies; in {@code firstRuleMatches} the first one decides;
 * {@code noRules} is the cost of making the report's variables alone.
 *
 * <pre>
 * java -cp "$(cat bench/target/classpath.txt):bench/target/bench-0.1.0-SNAPSHOT.jar" org.openjdk.jmh.Main PolicyBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class PolicyBenchmark {
  private Policy worst;
  private Policy first;
  private Policy none;
  private Report report;

  @Setup
  public void setUp() {
    report = report();
    worst = PolicyLoader.fromText("bench-policy.yaml", policy(false));
    first = PolicyLoader.fromText("bench-policy.yaml", policy(true));
    none = PolicyLoader.fromText("bench-policy.yaml", "rules: []\n");
    if (worst.decide(report).rule() != null || !"rule-00".equals(first.decide(report).rule())) {
      throw new IllegalStateException("the benchmark's policies do not decide as intended");
    }
  }

  @Benchmark
  public PolicyDecision worstCase() {
    return worst.decide(report);
  }

  /** No rules: what turning the report into CEL variables costs. */
  @Benchmark
  public PolicyDecision noRules() {
    return none.decide(report);
  }

  @Benchmark
  public PolicyDecision firstRuleMatches() {
    return first.decide(report);
  }

  /** One rule of each shape alone (none matches), to see which costs what. */
  @State(Scope.Benchmark)
  public static class OneRule {
    @org.openjdk.jmh.annotations.Param({"0", "1", "2", "3", "4"})
    public int shape;
    Policy policy;

    @Setup
    public void setUp() {
      policy = PolicyLoader.fromText("one-rule.yaml", "rules:\n  - name: only\n    when: '"
          + SHAPES[shape].replace("%d", "100") + "'\n    severity: urgent\n");
    }
  }

  @Benchmark
  public PolicyDecision oneRule(OneRule one) {
    return one.policy.decide(report);
  }

  /** Twenty rules of the kinds a policy has: CIDR, domain suffix, findings of an inspector, alert fields. */
  static final String[] SHAPES = {
        "findings.from(\"blocklist\", \"host\").exists(f, f.content.blocklisted == true && f.content.lists.size() > %d)",
        "attributes.exists(a, a.type == \"ipaddr\" && a.value.inCidr([\"10.%d.0.0/16\", \"2001:db8:%d::/48\"]))",
        "attributes.exists(a, a.type == \"domain\" && a.value.isSubdomainOf(\"corp%d.example\"))",
        "report.detector == \"detector-%d\" && size(alerts) > 2",
        "alerts.exists(a, a.rule_id == \"rule-%d\") || findings.from(\"inventory\", \"user\").exists(f, "
            + "has(f.content.team) && f.content.team == \"team-%d\")",
  };

  static String policy(boolean firstMatches) {
    String[] shapes = SHAPES;
    StringBuilder out = new StringBuilder("rules:\n");
    for (int i = 0; i < 20; i++) {
      String when = i == 0 && firstMatches ? "findings.from(\"blocklist\", \"host\").size() > 0"
          : shapes[i % shapes.length].replace("%d", Integer.toString(100 + i));
      out.append("  - name: rule-").append(String.format("%02d", i)).append('\n')
          .append("    when: '").append(when).append("'\n")
          .append("    severity: ").append(i % 2 == 0 ? "urgent" : "safe").append('\n');
    }
    return out.append("default: {severity: unclassified, reason: no rule matched}\n").toString();
  }

  static Report report() {
    Instant at = Instant.parse("2026-12-01T10:00:00Z");
    List<ReceivedAlert> alerts = new ArrayList<>();
    List<Attribute> attributes = List.of(
        Attribute.of(Attribute.IPADDR, "source address", "203.0.113.7", Attribute.REMOTE),
        Attribute.of(Attribute.DOMAIN, "query", "c2.bad.example", Attribute.REMOTE),
        Attribute.of(Attribute.USERNAME, "user", "alice", Attribute.LOCAL));
    for (int i = 0; i < 3; i++) {
      Alert alert = Alert.builder("guardduty", "UnauthorizedAccess:EC2/SSHBruteForce").alertKey("i-0abc")
          .description("attempt " + i).timestamp(at.plusSeconds(i)).build().withAttributes(attributes);
      alerts.add(new ReceivedAlert("alert-" + i, at.plusSeconds(i), alert));
    }
    List<ReportAttribute> reportAttributes = ReportAttribute.ofAlert("alert-0", attributes);
    List<Section> sections = List.of(
        new Section(reportAttributes.get(0), List.of(new Finding("blocklist", Finding.HOST,
            new JsonObject().put("blocklisted", true).put("lists", List.of("drop")).put("matched", "203.0.113.0/24")))),
        new Section(reportAttributes.get(2), List.of(new Finding("inventory", Finding.USER,
            new JsonObject().put("name", "Alice Example").put("team", "engineering")))));
    Alert first = alerts.get(0).alert();
    return new Report("0193a0b0-0000-7000-8000-000000000001", first.groupKey(), first.detector(), first.ruleId(),
        first.ruleName(), first.alertKey(), ReportStatus.REVIEWING, 0, at, at.plusSeconds(2), alerts, reportAttributes,
        sections, List.of(), List.of(), 0, null, List.of());
  }
}
