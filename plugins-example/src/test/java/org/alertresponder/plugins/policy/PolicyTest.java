package org.alertresponder.plugins.policy;

import org.alertresponder.engine.api.Report;
import org.alertresponder.plugins.support.IpAddresses;
import org.alertresponder.engine.api.Severity;
import org.alertresponder.engine.spi.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyTest {
  private static final String POLICY = """
      rules:
        - name: blocklisted-address
          when: findings.from("blocklist", "host").exists(f, f.content.listed == true)
          severity: urgent
          reason: An address of the alert is on a blocklist
        - name: office-network
          when: |
            attributes.exists(a, a.type == "ipaddr" && a.value.inCidr(["10.0.0.0/8", "2001:db8::/32"]))
          severity: safe
          reason: From the office network
        - name: our-domains
          when: attributes.exists(a, a.type == "domain" && a.value.isSubdomainOf("example.com"))
          severity: safe
          reason: One of our domains
        - name: many-alerts
          when: size(alerts) >= 3 && report.detector == "guardduty"
          severity: urgent
          reason: A burst of alerts
      default:
        severity: unclassified
        reason: Nothing known
      """;

  private final Policy policy = PolicyLoader.fromText("policy.yaml", POLICY);

  @Test
  void theFirstMatchingRuleGivesTheVerdict() {
    Report report = report(List.of(alert(ip("10.1.2.3"))), List.of(finding("blocklist", "10.1.2.3", Map.of("listed", true))));

    PolicyDecision decision = policy.decide(report);

    assertThat(decision.rule()).isEqualTo("blocklisted-address");
    assertThat(decision.verdict().severity()).isEqualTo(Severity.URGENT);
    assertThat(decision.verdict().reason()).isEqualTo("An address of the alert is on a blocklist");
  }

  @Test
  void aFindingOfAnotherInspectorOrTypeDoesNotCount() {
    Report other = report(List.of(alert(ip("198.51.100.1"))),
        List.of(finding("reputation", "198.51.100.1", Map.of("listed", true))));

    assertThat(policy.decide(other).rule()).isNull();
  }

  @Test
  void cidrMembershipForIpv4AndIpv6() {
    assertThat(policy.decide(report(List.of(alert(ip("10.255.0.1"))), List.of())).rule()).isEqualTo("office-network");
    assertThat(policy.decide(report(List.of(alert(ip("2001:db8:0:1::5"))), List.of())).rule()).isEqualTo("office-network");
    assertThat(policy.decide(report(List.of(alert(ip("11.0.0.1"))), List.of())).rule()).isNull();
    assertThat(policy.decide(report(List.of(alert(ip("2001:db9::1"))), List.of())).rule()).isNull();
  }

  @Test
  void domainSuffixMatchesWholeLabelsOnly() {
    assertThat(policy.decide(report(List.of(alert(domain("mail.Example.com."))), List.of())).rule()).isEqualTo("our-domains");
    assertThat(policy.decide(report(List.of(alert(domain("example.com"))), List.of())).rule()).isEqualTo("our-domains");
    assertThat(policy.decide(report(List.of(alert(domain("badexample.com"))), List.of())).rule()).isNull();
  }

  @Test
  void theWholeReportIsThereInTheWireModelsNames() {
    Report report = report(List.of(alert(ip("192.0.2.1")), alert(ip("192.0.2.2")), alert(ip("192.0.2.3"))), List.of());

    assertThat(policy.decide(report).rule()).isEqualTo("many-alerts");
  }

  @Test
  void noMatchGivesTheDefault() {
    PolicyDecision decision = policy.decide(report(List.of(alert(ip("192.0.2.1"))), List.of()));

    assertThat(decision.rule()).isNull();
    assertThat(decision.verdict().severity()).isEqualTo(Severity.UNCLASSIFIED);
    assertThat(decision.verdict().reason()).isEqualTo("Nothing known");
  }

  @Test
  void aRuleThatCannotBeEvaluatedFailsTheReviewByDefault() {
    Policy strict = PolicyLoader.fromText("p.yaml", """
        rules:
          - {name: needs-score, when: 'findings.exists(f, f.content.score > 5)', severity: urgent}
        """);
    Report report = report(List.of(alert(ip("192.0.2.1"))), List.of(finding("blocklist", "192.0.2.1", Map.of())));

    assertThatThrownBy(() -> strict.decide(report)).isInstanceOf(PolicyEvaluationException.class)
        .hasMessageContaining("policy rule \"needs-score\" could not be evaluated").hasMessageContaining("score");
  }

  @Test
  void onErrorSkipPassesOverTheRuleAndSaysSo() {
    Policy lenient = PolicyLoader.fromText("p.yaml", """
        on-error: skip
        rules:
          - {name: needs-score, when: 'findings.exists(f, f.content.score > 5)', severity: urgent}
          - {name: any-finding, when: 'size(findings) > 0', severity: unclassified, reason: Something was found}
        """);
    Report report = report(List.of(alert(ip("192.0.2.1"))), List.of(finding("blocklist", "192.0.2.1", Map.of())));

    PolicyDecision decision = lenient.decide(report);

    assertThat(decision.rule()).isEqualTo("any-finding");
    assertThat(decision.skipped()).singleElement().asString().startsWith("needs-score: ");
    assertThat(decision.verdict().reason()).startsWith("Something was found (rules passed over");
  }

  @Test
  void aCompileErrorNamesTheRuleAndItsLineAndColumnInTheFile() {
    String text = """
        rules:
          - name: fine
            when: size(alerts) > 0
            severity: safe
          - name: typo
            when: attributes.exists(a, a.vale == "x") && nosuch > 1
            severity: urgent
        """;

    assertThatThrownBy(() -> PolicyLoader.fromText("policy.yaml", text))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("policy.yaml.rules[1] \"typo\".when")
        .hasMessageContaining("line 6, column 50")
        .hasMessageContaining("expression line 1, column 40")
        .hasMessageContaining("undeclared reference to 'nosuch'")
        .hasMessageEndingWith("  | attributes.exists(a, a.vale == \"x\") && nosuch > 1\n  | " + " ".repeat(39) + "^");
  }

  @Test
  void aCompileErrorInABlockScalarCountsItsLines() {
    String text = """
        rules:
          - name: multi
            when: |
              size(alerts) > 0 &&
                report.detector ==
            severity: urgent
        """;

    assertThatThrownBy(() -> PolicyLoader.fromText("policy.yaml", text))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("\"multi\".when")
        .hasMessageContaining("line 6");
  }

  @Test
  void anExpressionThatIsNotABoolIsRefused() {
    assertThatThrownBy(() -> PolicyLoader.fromText("p.yaml", "rules: [{name: n, when: 'size(alerts)', severity: safe}]"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("compiles to a bool");
  }

  @Test
  void aMalformedCidrOrDomainLiteralIsRefusedAtLoad() {
    assertThatThrownBy(() -> PolicyLoader.fromText("p.yaml",
        "rules: [{name: n, when: 'attributes.exists(a, a.value.inCidr(\"10.0.0.0/33\"))', severity: safe}]"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("\"10.0.0.0/33\" is not a CIDR block");
    assertThatThrownBy(() -> PolicyLoader.fromText("p.yaml",
        "rules: [{name: n, when: 'attributes.exists(a, a.value.inCidr([\"10.0.0.0/8\", \"10.0.0.300\"]))', severity: safe}]"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("\"10.0.0.300\"");
  }

  @Test
  void structuralMistakesNameTheirPlace() {
    assertThatThrownBy(() -> PolicyLoader.fromText("p.yaml", "rules: [{name: n, when: 'true', severity: high}]"))
        .hasMessageContaining("p.yaml.rules[0] \"n\".severity").hasMessageContaining("safe, unclassified or urgent");
    assertThatThrownBy(() -> PolicyLoader.fromText("p.yaml", "rules: [{name: n, when: 'true', severity: safe, sev: x}]"))
        .hasMessageContaining("the unknown key \"sev\"");
    assertThatThrownBy(() -> PolicyLoader.fromText("p.yaml",
        "rules: [{name: n, when: 'true', severity: safe}, {name: n, when: 'false', severity: safe}]"))
        .hasMessageContaining("a name no other rule has");
    assertThatThrownBy(() -> PolicyLoader.fromText("p.yaml", "rules: [{name: n, severity: safe}]"))
        .hasMessageContaining("\"n\".when");
    assertThatThrownBy(() -> PolicyLoader.fromText("p.yaml", "rule: []"))
        .hasMessageContaining("the unknown key \"rule\"");
  }

  @Test
  void ipLiteralsAreParsedWithoutLookingAnythingUp() {
    assertThat(IpAddresses.parse("localhost")).isNull();
    assertThat(IpAddresses.parse("010.0.0.1")).isNull();
    assertThat(IpAddresses.parse("1.2.3")).isNull();
    assertThat(IpAddresses.parse("256.1.1.1")).isNull();
    assertThat(IpAddresses.parse("::ffff:10.0.0.1")).containsExactly(10, 0, 0, 1);
    assertThat(IpAddresses.block("::ffff:10.0.0.0/104").contains(IpAddresses.parse("::ffff:10.9.9.9"))).isTrue();
    assertThat(IpAddresses.block("0.0.0.0/0").contains(IpAddresses.parse("203.0.113.9"))).isTrue();
    assertThat(IpAddresses.block("203.0.113.9").contains(IpAddresses.parse("203.0.113.9"))).isTrue();
    assertThat(IpAddresses.block("203.0.113.0/25").contains(IpAddresses.parse("203.0.113.128"))).isFalse();
  }

  @Test
  void anIpv4MappedAddressIsTheIpv4AddressItMaps() {
    assertThat(policy.decide(report(List.of(alert(ip("::ffff:10.1.2.3"))), List.of())).rule()).isEqualTo("office-network");
    assertThat(IpAddresses.block("10.0.0.0/8").contains(IpAddresses.parse("::FFFF:10.9.8.7"))).isTrue();
    assertThat(IpAddresses.block("::ffff:10.0.0.0/104").contains(IpAddresses.parse("10.9.8.7"))).isTrue();
  }

  @Test
  void malformedIpv6TextIsNoAddressAndIsNeverLookedUp() {
    // InetAddress.getByName hands these to the system resolver; the policy's parser must not.
    for (String text : List.of(".cafe:1", "cafe:1", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::1", "::ffff:1.2.3", ":1:2")) {
      assertThat(IpAddresses.parse(text)).as(text).isNull();
    }
    assertThat(IpAddresses.parse("::")).hasSize(16);
    assertThat(IpAddresses.parse("2001:db8::1")).hasSize(16);
    assertThat(IpAddresses.parse("1:2:3:4:5:6:7:8")).hasSize(16);
    assertThat(IpAddresses.parse("64:ff9b::192.0.2.33")).hasSize(16);
  }

  @Test
  void aDomainWrittenWithALeadingDotOrWildcardStillMatches() {
    Policy dotted = PolicyLoader.fromText("p.yaml", """
        rules:
          - {name: ours, when: 'attributes.exists(a, a.value.isSubdomainOf([".example.com", "*.example.net"]))', severity: safe}
        """);

    assertThat(dotted.decide(report(List.of(alert(domain("mail.example.com"))), List.of())).rule()).isEqualTo("ours");
    assertThat(dotted.decide(report(List.of(alert(domain("example.net"))), List.of())).rule()).isEqualTo("ours");
  }

  @Test
  void aSkippedRuleNeverLetsASaferVerdictThrough() {
    Policy lenient = PolicyLoader.fromText("p.yaml", """
        on-error: skip
        rules:
          - {name: listed, when: 'findings.exists(f, f.content.score > 5)', severity: urgent}
          - {name: big-report, when: 'size(attributes) > 0', severity: safe, reason: Large and noisy}
        """);
    Report report = report(List.of(alert(ip("192.0.2.1"))), List.of(finding("blocklist", "192.0.2.1", Map.of())));

    PolicyDecision decision = lenient.decide(report);

    assertThat(decision.rule()).isEqualTo("big-report");
    assertThat(decision.verdict().severity()).isEqualTo(Severity.UNCLASSIFIED);
    assertThat(decision.verdict().reason()).startsWith("Large and noisy (rules passed over")
        .contains("raised from safe to unclassified");
  }

  @Test
  void anAliasThatContainsItselfIsRefused() {
    assertThatThrownBy(() -> PolicyLoader.fromText("p.yaml", "rules: &r [*r]\n"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("alias that refers to itself");
    assertThatThrownBy(() -> PolicyCases.fromText("cases.yaml", "cases: &c [*c]\n"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("cases.yaml");
  }

  static Map<String, Object> ip(String value) {
    return Map.of("type", "ipaddr", "key", "source", "value", value, "context", List.of("remote"));
  }

  static Map<String, Object> domain(String value) {
    return Map.of("type", "domain", "key", "query", "value", value);
  }

  static Map<String, Object> alert(Map<String, Object> attribute) {
    return Map.of("detector", "guardduty", "rule_id", "recon", "alert_key", "i-1", "attributes", List.of(attribute));
  }

  static Map<String, Object> finding(String inspector, String value, Map<String, Object> content) {
    return Map.of("inspector", inspector, "attribute", value, "type", "host", "content", content);
  }

  static Report report(List<Map<String, Object>> alerts, List<Map<String, Object>> findings) {
    return PolicyCases.build("r-1", "alerts", alerts, "findings", findings);
  }
}
