package org.alertresponder.plugins.policy;

import dev.cel.runtime.CelVariableResolver;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Alert;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.CutAttribute;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.api.InspectionRecord;
import org.alertresponder.engine.api.PublishedVerdict;
import org.alertresponder.engine.api.ReceivedAlert;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportAttribute;
import org.alertresponder.engine.api.ReportCodec;
import org.alertresponder.engine.api.Section;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A report as CEL variables, in the wire model's names (what {@code GET /api/v1/reports/{id}} returns), so a
 * rule reads like the JSON an analyst already knows:
 *
 * <ul>
 *   <li>{@code report}: the whole report ({@code report.detector}, {@code report.rule_id},
 *       {@code report.alerts}, {@code report.attributes}, {@code report.sections}, {@code report.inspections}, ...);</li>
 *   <li>{@code alerts}: {@code report.alerts};</li>
 *   <li>{@code attributes}: {@code report.attributes} (type, key, value, context, depth, hash, origin);</li>
 *   <li>{@code findings}: every finding of every section, each with the {@code attribute} it is about
 *       ({@code author}, {@code type}, {@code content}, {@code attribute}).</li>
 * </ul>
 *
 * <p>Each part is made the first time a rule reads it, once per review: a policy that only looks at
 * findings never pays for the alerts' bodies. Numbers are CEL's {@code int} (Java {@code Long}) or
 * {@code double}; CEL has no overloads for a Java {@code Integer}. A field whose value is null is left out,
 * so that {@code has(report.rule_name)} says whether the report has one.
 */
final class ReportVariables implements CelVariableResolver {
  static final String REPORT = "report";
  static final String ALERTS = "alerts";
  static final String ATTRIBUTES = "attributes";
  static final String FINDINGS = "findings";

  private final Report report;
  private List<Object> alerts;
  private List<Object> attributes;
  private List<Object> findings;
  private Map<String, Object> whole;

  ReportVariables(Report report) {
    this.report = report;
  }

  @Override
  public Optional<Object> find(String name) {
    return switch (name) {
      case REPORT -> Optional.of(report());
      case ALERTS -> Optional.of(alerts());
      case ATTRIBUTES -> Optional.of(attributes());
      case FINDINGS -> Optional.of(findings());
      default -> Optional.empty();
    };
  }

  Map<String, Object> report() {
    if (whole == null) {
      whole = new LazyMap(scalars(), new HashMap<>(Map.of(
          "alerts", this::alerts,
          "attributes", this::attributes,
          "sections", this::sections,
          "inspections", this::inspections,
          "cut", this::cut,
          "verdicts", this::verdicts)));
    }
    return whole;
  }

  List<Object> alerts() {
    if (alerts == null) {
      List<Object> out = new ArrayList<>(report.alerts().size());
      for (ReceivedAlert alert : report.alerts()) {
        out.add(alert(alert));
      }
      alerts = Collections.unmodifiableList(out);
    }
    return alerts;
  }

  List<Object> attributes() {
    if (attributes == null) {
      List<Object> out = new ArrayList<>(report.attributes().size());
      for (ReportAttribute attribute : report.attributes()) {
        out.add(attribute(attribute));
      }
      attributes = Collections.unmodifiableList(out);
    }
    return attributes;
  }

  List<Object> findings() {
    if (findings == null) {
      List<Object> out = new ArrayList<>();
      for (Section section : report.sections()) {
        Map<String, Object> attribute = attribute(section.attribute());
        for (Finding finding : section.findings()) {
          Map<String, Object> flat = finding(finding);
          flat.put("attribute", attribute);
          out.add(Collections.unmodifiableMap(flat));
        }
      }
      findings = Collections.unmodifiableList(out);
    }
    return findings;
  }

  private Map<String, Object> scalars() {
    Map<String, Object> out = new HashMap<>(16);
    putIfNotNull(out, "id", report.id());
    putIfNotNull(out, "group_key", report.groupKey());
    putIfNotNull(out, "detector", report.detector());
    putIfNotNull(out, "rule_id", report.ruleId());
    putIfNotNull(out, "rule_name", report.ruleName());
    putIfNotNull(out, "alert_key", report.alertKey());
    putIfNotNull(out, "status", report.status().wireName());
    out.put("version", (long) report.version());
    putIfNotNull(out, "created_at", report.createdAt() == null ? null : report.createdAt().toString());
    putIfNotNull(out, "updated_at", report.updatedAt() == null ? null : report.updatedAt().toString());
    out.put("cut_count", (long) report.cutCount());
    if (report.result() != null) {
      out.put("result", Map.of("severity", report.result().severity().wireName(), "reason", report.result().reason()));
    }
    return out;
  }

  private List<Object> sections() {
    List<Object> out = new ArrayList<>(report.sections().size());
    for (Section section : report.sections()) {
      List<Object> sectionFindings = new ArrayList<>(section.findings().size());
      for (Finding finding : section.findings()) {
        sectionFindings.add(Collections.unmodifiableMap(finding(finding)));
      }
      out.add(Map.of("attribute", attribute(section.attribute()), "findings", Collections.unmodifiableList(sectionFindings)));
    }
    return Collections.unmodifiableList(out);
  }

  private List<Object> inspections() {
    List<Object> out = new ArrayList<>(report.inspections().size());
    for (InspectionRecord record : report.inspections()) {
      out.add(value(ReportCodec.encode(record)));
    }
    return Collections.unmodifiableList(out);
  }

  private List<Object> cut() {
    List<Object> out = new ArrayList<>(report.cut().size());
    for (CutAttribute attribute : report.cut()) {
      Map<String, Object> map = new HashMap<>(attribute(attribute.attribute()));
      map.put("reason", attribute.reason());
      out.add(Collections.unmodifiableMap(map));
    }
    return Collections.unmodifiableList(out);
  }

  private List<Object> verdicts() {
    List<Object> out = new ArrayList<>(report.verdicts().size());
    for (PublishedVerdict verdict : report.verdicts()) {
      out.add(Map.of("severity", verdict.verdict().severity().wireName(), "reason", verdict.verdict().reason(),
          "version", (long) verdict.version(), "published_at", String.valueOf(verdict.publishedAt())));
    }
    return Collections.unmodifiableList(out);
  }

  private static Map<String, Object> attribute(ReportAttribute attribute) {
    Map<String, Object> map = plainAttribute(attribute.attribute());
    map.put("hash", attribute.hash());
    map.put("depth", (long) attribute.depth());
    map.put("origin", attribute.origin().fromAlert() ? Map.of("alert", attribute.origin().alertId())
        : Map.of("inspector", attribute.origin().inspector(), "attribute", attribute.origin().parentHash()));
    return Collections.unmodifiableMap(map);
  }

  /** An alert as the wire model has it, made directly rather than through JSON: reviews read many. */
  private static Map<String, Object> alert(ReceivedAlert received) {
    Alert alert = received.alert();
    Map<String, Object> map = new HashMap<>(16);
    map.put("id", received.id());
    map.put("detector", alert.detector());
    map.put("rule_id", alert.ruleId());
    putIfNotNull(map, "rule_name", alert.ruleName());
    putIfNotNull(map, "alert_key", alert.alertKey());
    putIfNotNull(map, "description", alert.description());
    // Timestamps, attributes and the body are made only when a rule reads them: most rules read an alert's
    // detector, rule or key.
    Map<String, Supplier<Object>> later = new HashMap<>(8);
    if (received.receivedAt() != null) {
      later.put("received_at", () -> received.receivedAt().toString());
    }
    if (alert.timestamp() != null) {
      later.put("timestamp", () -> alert.timestamp().toString());
    }
    later.put("attributes", () -> {
      List<Object> attributes = new ArrayList<>(alert.attributes().size());
      for (Attribute attribute : alert.attributes()) {
        attributes.add(Collections.unmodifiableMap(plainAttribute(attribute)));
      }
      return Collections.unmodifiableList(attributes);
    });
    if (alert.body() != null) {
      later.put("body", () -> value(alert.body()));
    }
    return new LazyMap(map, later);
  }

  private static Map<String, Object> plainAttribute(Attribute attribute) {
    Map<String, Object> map = new HashMap<>(16);
    map.put("type", attribute.type());
    map.put("key", attribute.key());
    map.put("value", attribute.value());
    map.put("context", attribute.context());
    if (attribute.timestamp() != null) {
      map.put("timestamp", attribute.timestamp().toString());
    }
    return map;
  }

  private static Map<String, Object> finding(Finding finding) {
    Map<String, Object> map = new HashMap<>(8);
    putIfNotNull(map, "author", finding.author());
    map.put("type", finding.type());
    map.put("content", value(finding.content()));
    return map;
  }

  private static void putIfNotNull(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  /** A JSON value as CEL takes it: maps, lists, strings, booleans, {@code Long}, {@code Double}. */
  static Object value(Object json) {
    if (json instanceof JsonObject object) {
      Map<String, Object> out = new HashMap<>(Math.max(4, object.size() * 2));
      for (Map.Entry<String, Object> entry : object) {
        if (entry.getValue() != null) {
          out.put(entry.getKey(), value(entry.getValue()));
        }
      }
      return Collections.unmodifiableMap(out);
    }
    if (json instanceof JsonArray array) {
      List<Object> out = new ArrayList<>(array.size());
      for (Object item : array) {
        out.add(value(item));
      }
      return Collections.unmodifiableList(out);
    }
    if (json instanceof Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> cast = (Map<String, Object>) map;
      return value(new JsonObject(cast));
    }
    if (json instanceof List<?> list) {
      return value(new JsonArray(new ArrayList<>(list)));
    }
    if (json instanceof Integer || json instanceof Short || json instanceof Byte) {
      return ((Number) json).longValue();
    }
    if (json instanceof Float f) {
      return f.doubleValue();
    }
    if (json instanceof java.math.BigInteger || json instanceof java.math.BigDecimal) {
      return ((Number) json).doubleValue();
    }
    return json;
  }

  /**
   * A map whose scalar fields are there from the start and whose other values are made on first reading:
   * {@code report.detector} costs nothing more than a field.
   */
  private static final class LazyMap extends AbstractMap<String, Object> {
    private final Map<String, Object> values;
    private final Map<String, Supplier<Object>> later;

    LazyMap(Map<String, Object> scalars, Map<String, Supplier<Object>> later) {
      this.values = scalars;
      this.later = later;
    }

    @Override
    public Object get(Object key) {
      Object value = values.get(key);
      if (value == null) {
        Supplier<Object> supplier = later.remove(key);
        if (supplier != null) {
          value = supplier.get();
          values.put((String) key, value);
        }
      }
      return value;
    }

    @Override
    public boolean containsKey(Object key) {
      return values.containsKey(key) || later.containsKey(key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      for (String key : List.copyOf(later.keySet())) {
        get(key);
      }
      return Collections.unmodifiableMap(new LinkedHashMap<>(values)).entrySet();
    }
  }
}
