package org.alertresponder.plugins.policy;

import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Alert;
import org.alertresponder.engine.api.AlertCodec;
import org.alertresponder.engine.api.AlertValidator;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.api.InspectionRecord;
import org.alertresponder.engine.api.InspectionStatus;
import org.alertresponder.engine.api.Origin;
import org.alertresponder.engine.api.ReceivedAlert;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportAttribute;
import org.alertresponder.engine.api.ReportCodec;
import org.alertresponder.engine.api.ReportStatus;
import org.alertresponder.engine.api.Section;
import org.alertresponder.engine.api.Severity;
import org.alertresponder.engine.api.Violation;
import org.alertresponder.engine.internal.JsonReader;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.PluginOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A policy's unit tests: cases, each a report (or alerts and findings) with the verdict the policy must give.
 * {@code alertresponder policy test POLICY.yaml CASES.yaml} runs them.
 *
 * <pre>
 * cases:
 *   - name: a blocklisted source is urgent
 *     alert:                          # or alerts: [...]; each as POST /api/v1/alerts takes it
 *       detector: guardduty
 *       rule_id: ssh-brute-force
 *       attributes:
 *         - {type: ipaddr, key: source, value: 203.0.113.7, context: [remote]}
 *     findings:                       # what inspectors said
 *       - inspector: blocklist
 *         attribute: 203.0.113.7      # the value of one of the alerts' attributes, or an attribute {type, value, ...}
 *         type: host                  # a discovered one, at depth 1
 *         content: {blocklisted: true}
 *     expect: urgent                  # or {severity: urgent, rule: blocklisted-address}; rule: default for no match
 *   - name: a stored report
 *     report: {...}                   # the JSON of GET /api/v1/reports/{id}
 *     expect: safe
 * </pre>
 */
public final class PolicyCases {
  /** The name {@code expect.rule} uses for "no rule matched, the default verdict applied". */
  public static final String DEFAULT_RULE = "default";
  private static final Instant CASE_TIME = Instant.parse("2026-01-01T00:00:00Z");
  private static final Set<String> CASE_KEYS = Set.of("name", "alert", "alerts", "findings", "report", "expect",
      "description");
  private static final Set<String> FINDING_KEYS = Set.of("inspector", "attribute", "type", "content");
  private static final Set<String> EXPECT_KEYS = Set.of("severity", "rule");

  private PolicyCases() {
  }

  /**
   * One case.
   *
   * @param rule the rule that must match ({@link #DEFAULT_RULE} for none), or null when any may
   */
  public record Case(String name, Report report, Severity severity, String rule) {
  }

  /**
   * What the policy did with one case.
   *
   * @param decision the policy's decision, or null when it failed
   * @param error    why the policy failed on this case, or null
   */
  public record Result(Case testCase, PolicyDecision decision, String error) {
    public boolean passed() {
      if (decision == null || decision.verdict().severity() != testCase.severity()) {
        return false;
      }
      String matched = decision.rule() == null ? DEFAULT_RULE : decision.rule();
      return testCase.rule() == null || testCase.rule().equals(matched);
    }
  }

  public static List<Case> fromFile(Path file) {
    try {
      return fromText(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigurationException(file.toString(), "a readable cases file", "an error: " + e.getMessage());
    }
  }

  public static List<Case> fromText(String source, String text) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(50);
    Object root;
    try {
      root = plain(new Yaml(new SafeConstructor(options)).load(text), java.util.Collections.newSetFromMap(
          new java.util.IdentityHashMap<>()));
    } catch (YAMLException e) {
      throw new ConfigurationException(source, "a YAML file of cases", "YAML it cannot read: " + e.getMessage());
    }
    Object cases = root instanceof Map<?, ?> map ? map.get("cases") : root;
    if (!(cases instanceof List<?> list) || list.isEmpty()) {
      throw new ConfigurationException(source + ".cases", "a list of cases", PluginOptions.describe(cases));
    }
    List<Case> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(readCase(source + ".cases[" + i + "]", list.get(i), i));
    }
    return out;
  }

  public static List<Result> run(Policy policy, List<Case> cases) {
    List<Result> results = new ArrayList<>();
    for (Case testCase : cases) {
      try {
        results.add(new Result(testCase, policy.decide(testCase.report()), null));
      } catch (PolicyEvaluationException e) {
        results.add(new Result(testCase, null, e.getMessage()));
      }
    }
    return results;
  }

  /** The results as a table, one case a line, and a closing count. */
  public static String table(List<Result> results) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"RESULT", "CASE", "EXPECTED", "GOT", "REASON"});
    int failed = 0;
    for (Result result : results) {
      Case c = result.testCase();
      String expected = c.severity().wireName() + (c.rule() == null ? "" : " (" + c.rule() + ")");
      String got;
      String reason;
      if (result.decision() == null) {
        got = "error";
        reason = result.error();
      } else {
        got = result.decision().verdict().severity().wireName() + " ("
            + (result.decision().rule() == null ? DEFAULT_RULE : result.decision().rule()) + ")";
        reason = result.decision().verdict().reason();
      }
      if (!result.passed()) {
        failed++;
      }
      rows.add(new String[] {result.passed() ? "pass" : "FAIL", shorten(c.name(), 60), shorten(expected, 40),
          shorten(got, 40), reason});
    }
    int[] widths = new int[4];
    for (String[] row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      for (int i = 0; i < widths.length; i++) {
        out.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
      }
      out.append(row[4]).append('\n');
    }
    out.append(results.size()).append(results.size() == 1 ? " case: " : " cases: ")
        .append(results.size() - failed).append(" passed, ").append(failed).append(" failed").append('\n');
    return out.toString();
  }

  private static String shorten(String text, int max) {
    return text.length() > max ? text.substring(0, max - 3) + "..." : text;
  }

  private static Case readCase(String path, Object value, int index) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new ConfigurationException(path, "a case {name, alert or alerts or report, findings, expect}",
          PluginOptions.describe(value));
    }
    for (Object key : map.keySet()) {
      if (!CASE_KEYS.contains(String.valueOf(key))) {
        throw new ConfigurationException(path + "." + key, "one of the keys " + String.join(", ",
            CASE_KEYS.stream().sorted().toList()), "the unknown key \"" + key + "\"");
      }
    }
    Object nameValue = map.get("name");
    String name = nameValue == null ? "case " + (index + 1) : String.valueOf(nameValue);
    String named = path + " \"" + name + "\"";
    int sources = (map.containsKey("alert") ? 1 : 0) + (map.containsKey("alerts") ? 1 : 0)
        + (map.containsKey("report") ? 1 : 0);
    if (sources != 1) {
      throw new ConfigurationException(named, "exactly one of alert, alerts or report",
          sources == 0 ? "none" : "more than one");
    }
    Report report;
    if (map.containsKey("report")) {
      if (map.containsKey("findings")) {
        throw new ConfigurationException(named + ".findings", "findings inside the report's sections",
            "findings next to a report");
      }
      report = readReport(named + ".report", map.get("report"));
    } else {
      List<?> alerts = map.containsKey("alert") ? List.of(map.get("alert")) : asList(named + ".alerts", map.get("alerts"));
      String alertsPath = named + (map.containsKey("alert") ? ".alert" : ".alerts");
      Object findings = map.get("findings");
      report = build("case-" + (index + 1), alertsPath, alerts, named + ".findings",
          findings == null ? List.of() : asList(named + ".findings", findings));
    }
    Object expect = map.get("expect");
    Severity severity;
    String rule = null;
    if (expect instanceof Map<?, ?> expectMap) {
      for (Object key : expectMap.keySet()) {
        if (!EXPECT_KEYS.contains(String.valueOf(key))) {
          throw new ConfigurationException(named + ".expect." + key, "severity or rule", "the unknown key \"" + key + "\"");
        }
      }
      severity = severity(named + ".expect.severity", expectMap.get("severity"));
      rule = expectMap.get("rule") == null ? null : String.valueOf(expectMap.get("rule"));
    } else {
      severity = severity(named + ".expect", expect);
    }
    return new Case(name, report, severity, rule);
  }

  private static Severity severity(String path, Object value) {
    try {
      if (value instanceof String text && !text.isEmpty()) {
        return Severity.fromWire(text);
      }
    } catch (IllegalArgumentException e) {
      // Reported below.
    }
    throw new ConfigurationException(path, "safe, unclassified or urgent", PluginOptions.describe(value));
  }

  private static Report readReport(String path, Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new ConfigurationException(path, "a report as GET /api/v1/reports/{id} returns it",
          PluginOptions.describe(value));
    }
    try {
      return ReportCodec.decodeReport(new JsonObject(cast(map)));
    } catch (RuntimeException e) {
      throw new ConfigurationException(path, "a report as GET /api/v1/reports/{id} returns it",
          "one it cannot read: " + e.getMessage());
    }
  }

  /** A report as the engine would compile it from these alerts and what the inspectors found. */
  static Report build(String id, String alertsPath, List<?> alertValues, String findingsPath, List<?> findingValues) {
    if (alertValues.isEmpty()) {
      throw new ConfigurationException(alertsPath, "at least one alert", "none");
    }
    List<ReceivedAlert> alerts = new ArrayList<>();
    List<ReportAttribute> attributes = new ArrayList<>();
    for (int j = 0; j < alertValues.size(); j++) {
      String path = alertValues.size() == 1 && !alertsPath.endsWith("s") ? alertsPath : alertsPath + "[" + j + "]";
      Object value = alertValues.get(j);
      Alert alert;
      try {
        alert = AlertCodec.decode(value instanceof Map<?, ?> map ? new JsonObject(cast(map)) : value);
      } catch (RuntimeException e) {
        throw new ConfigurationException(path, "an alert as POST /api/v1/alerts takes it", e.getMessage());
      }
      List<Violation> violations = AlertValidator.violations(alert);
      if (!violations.isEmpty()) {
        Violation first = violations.get(0);
        throw new ConfigurationException(path + "." + first.path(), "a valid alert", first.message());
      }
      Instant at = alert.timestamp() == null ? CASE_TIME.plusSeconds(j) : alert.timestamp();
      String alertId = id + "-alert-" + (j + 1);
      alerts.add(new ReceivedAlert(alertId, at, alert.withTimestamp(at)));
      attributes.addAll(ReportAttribute.ofAlert(alertId, alert.attributes()));
    }
    attributes = new ArrayList<>(ReportAttribute.distinct(attributes));
    Map<String, List<Finding>> findingsByHash = new LinkedHashMap<>();
    Map<String, ReportAttribute> byHash = new LinkedHashMap<>();
    attributes.forEach(attribute -> byHash.put(attribute.hash(), attribute));
    List<InspectionRecord> inspections = new ArrayList<>();
    Instant last = alerts.get(alerts.size() - 1).receivedAt();
    for (int k = 0; k < findingValues.size(); k++) {
      String path = findingsPath + "[" + k + "]";
      if (!(findingValues.get(k) instanceof Map<?, ?> finding)) {
        throw new ConfigurationException(path, "a finding {inspector, attribute, type, content}",
            PluginOptions.describe(findingValues.get(k)));
      }
      for (Object key : finding.keySet()) {
        if (!FINDING_KEYS.contains(String.valueOf(key))) {
          throw new ConfigurationException(path + "." + key, "one of the keys inspector, attribute, type, content",
              "the unknown key \"" + key + "\"");
        }
      }
      String inspector = required(path + ".inspector", finding.get("inspector"));
      String type = required(path + ".type", finding.get("type"));
      Object content = finding.get("content");
      if (content != null && !(content instanceof Map<?, ?>)) {
        throw new ConfigurationException(path + ".content", "a map", PluginOptions.describe(content));
      }
      ReportAttribute attribute = attributeOf(path + ".attribute", finding.get("attribute"), attributes, inspector);
      if (!byHash.containsKey(attribute.hash())) {
        byHash.put(attribute.hash(), attribute);
        attributes.add(attribute);
      }
      findingsByHash.computeIfAbsent(attribute.hash(), h -> new ArrayList<>()).add(new Finding(inspector, type,
          content == null ? new JsonObject() : new JsonObject(cast((Map<?, ?>) content))));
      if (inspections.stream().noneMatch(r -> r.attributeHash().equals(attribute.hash())
          && r.inspector().equals(inspector))) {
        inspections.add(new InspectionRecord(attribute.hash(), inspector, InspectionStatus.DONE, null, 1, last));
      }
    }
    List<Section> sections = new ArrayList<>();
    findingsByHash.forEach((hash, findings) -> sections.add(new Section(byHash.get(hash), findings)));
    Alert first = alerts.get(0).alert();
    return new Report(id, first.groupKey(), first.detector(), first.ruleId(), first.ruleName(), first.alertKey(),
        ReportStatus.REVIEWING, 0, alerts.get(0).receivedAt(), last, alerts, attributes, sections, inspections,
        List.of(), 0, null, List.of());
  }

  private static ReportAttribute attributeOf(String path, Object value, List<ReportAttribute> attributes,
                                             String inspector) {
    if (value instanceof String text) {
      for (ReportAttribute attribute : attributes) {
        if (attribute.attribute().value().equals(text)) {
          return attribute;
        }
      }
      throw new ConfigurationException(path, "the value of one of the alerts' attributes (or a new attribute "
          + "{type, value})", "\"" + text + "\", which no attribute has");
    }
    if (value instanceof Map<?, ?> map) {
      Attribute attribute;
      try {
        attribute = AlertCodec.decodeAttribute(new JsonReader(), new JsonObject(cast(map)), path);
      } catch (RuntimeException e) {
        throw new ConfigurationException(path, "an attribute {type, key, value, context}", e.getMessage());
      }
      List<Violation> violations = AlertValidator.violations(path, attribute);
      if (!violations.isEmpty()) {
        throw new ConfigurationException(violations.get(0).path(), "a valid attribute", violations.get(0).message());
      }
      for (ReportAttribute known : attributes) {
        if (known.hash().equals(attribute.hash())) {
          return known;
        }
      }
      return ReportAttribute.of(attribute, 1, Origin.inspector(inspector, attributes.get(0).hash()));
    }
    throw new ConfigurationException(path, "an attribute's value or an attribute {type, value}",
        PluginOptions.describe(value));
  }

  private static String required(String path, Object value) {
    if (value == null || String.valueOf(value).isBlank()) {
      throw new ConfigurationException(path, "a non-empty string", PluginOptions.describe(value));
    }
    return String.valueOf(value);
  }

  private static List<?> asList(String path, Object value) {
    if (value instanceof List<?> list) {
      return list;
    }
    throw new ConfigurationException(path, "a list", PluginOptions.describe(value));
  }

  /** YAML's own timestamps back to the RFC 3339 text the wire model uses; refuses self-referring aliases. */
  private static Object plain(Object value, Set<Object> path) {
    if (value instanceof Date date) {
      return date.toInstant().toString();
    }
    if (!(value instanceof Map<?, ?>) && !(value instanceof List<?>)) {
      return value;
    }
    if (!path.add(value)) {
      throw new YAMLException("an alias refers to a node that contains it");
    }
    try {
      if (value instanceof Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), plain(v, path)));
        return out;
      }
      List<Object> out = new ArrayList<>();
      ((List<?>) value).forEach(item -> out.add(plain(item, path)));
      return out;
    } finally {
      path.remove(value);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }
}
