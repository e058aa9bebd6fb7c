package org.alertresponder.plugins.policy;

import org.alertresponder.engine.api.Severity;
import org.alertresponder.engine.spi.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyCasesTest {
  private final Policy policy = PolicyLoader.fromText("policy.yaml", """
      rules:
        - name: blocklisted
          when: findings.from("blocklist", "host").size() > 0
          severity: urgent
          reason: On a blocklist
        - name: strict
          when: findings.exists(f, f.content.score > 5)
          severity: urgent
      """);

  @Test
  void eachCaseIsRunAndTheTableSaysWhichFailed() {
    List<PolicyCases.Case> cases = PolicyCases.fromText("cases.yaml", """
        cases:
          - name: listed
            alert:
              detector: guardduty
              rule_id: recon
              timestamp: 2026-11-30T10:00:00Z
              attributes: [{type: ipaddr, value: 203.0.113.7}]
            findings:
              - {inspector: blocklist, attribute: 203.0.113.7, type: host, content: {listed: true}}
            expect: {severity: urgent, rule: blocklisted}
          - name: nothing known
            alert: {detector: guardduty, rule_id: recon, attributes: [{type: ipaddr, value: 198.51.100.1}]}
            expect: {severity: unclassified, rule: default}
          - name: wrong expectation
            alert: {detector: guardduty, rule_id: recon, attributes: [{type: ipaddr, value: 198.51.100.1}]}
            expect: safe
          - name: a discovered attribute and an erroring rule
            alert: {detector: guardduty, rule_id: recon, attributes: [{type: ipaddr, value: 198.51.100.1}]}
            findings:
              - {inspector: dns, attribute: {type: domain, value: host.example.org}, type: host, content: {}}
            expect: unclassified
        """);

    List<PolicyCases.Result> results = PolicyCases.run(policy, cases);

    assertThat(results).extracting(PolicyCases.Result::passed).containsExactly(true, true, false, false);
    assertThat(results.get(0).testCase().report().alerts().get(0).alert().timestamp())
        .hasToString("2026-11-30T10:00:00Z");
    assertThat(results.get(3).testCase().report().attributes()).hasSize(2);
    assertThat(results.get(3).testCase().report().attributes().get(1).depth()).isEqualTo(1);
    assertThat(results.get(3).error()).contains("policy rule \"strict\" could not be evaluated");
    String table = PolicyCases.table(results);
    assertThat(table.lines().toList()).hasSize(6);
    assertThat(table.lines().skip(1).map(line -> line.split("\\s+")[0]).toList())
        .containsExactly("pass", "pass", "FAIL", "FAIL", "4");
    assertThat(table).contains("urgent (blocklisted)").contains("unclassified (default)")
        .endsWith("4 cases: 2 passed, 2 failed\n");
  }

  @Test
  void aStoredReportIsACaseToo() {
    var built = PolicyCases.build("r-9", "alerts", List.of(PolicyTest.alert(PolicyTest.ip("203.0.113.7"))), "findings",
        List.of(PolicyTest.finding("blocklist", "203.0.113.7", java.util.Map.of())));
    String json = org.alertresponder.engine.api.ReportCodec.encode(built).encode();

    List<PolicyCases.Case> cases = PolicyCases.fromText("cases.yaml",
        "cases:\n  - name: stored\n    report: " + json + "\n    expect: urgent\n");

    assertThat(cases.get(0).severity()).isEqualTo(Severity.URGENT);
    assertThat(PolicyCases.run(policy, cases).get(0).passed()).isTrue();
  }

  @Test
  void mistakesInTheCasesFileNameTheirPlace() {
    assertThatThrownBy(() -> PolicyCases.fromText("cases.yaml", "cases: [{name: a, expect: safe}]"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("cases.yaml.cases[0] \"a\"").hasMessageContaining("exactly one of alert, alerts or report");
    assertThatThrownBy(() -> PolicyCases.fromText("cases.yaml",
        "cases: [{name: a, alert: {detector: d, rule_id: r}, expect: severe}]"))
        .hasMessageContaining("\"a\".expect").hasMessageContaining("safe, unclassified or urgent");
    assertThatThrownBy(() -> PolicyCases.fromText("cases.yaml",
        "cases: [{name: a, alert: {detector: d}, expect: safe}]"))
        .hasMessageContaining("\"a\".alert").hasMessageContaining("rule_id");
    assertThatThrownBy(() -> PolicyCases.fromText("cases.yaml", """
        cases:
          - name: a
            alert: {detector: d, rule_id: r, attributes: [{type: ipaddr, value: 192.0.2.1}]}
            findings: [{inspector: blocklist, attribute: 192.0.2.99, type: host}]
            expect: safe
        """))
        .hasMessageContaining("\"a\".findings[0].attribute").hasMessageContaining("\"192.0.2.99\", which no attribute has");
    assertThatThrownBy(() -> PolicyCases.fromText("cases.yaml", "cases: []"))
        .hasMessageContaining("a list of cases");
  }
}
