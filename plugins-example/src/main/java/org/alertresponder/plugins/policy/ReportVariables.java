package org.alertresponder.plugins.policy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportCodec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A report as CEL variables, in the wire model's names (what {@code GET /api/v1/reports/{id}} returns), so a
 * rule reads like the JSON an analyst already knows:
 *
 * <ul>
 *   <li>{@code report}: the whole report ({@code report.detector}, {@code report.rule_id},
 *       {@code report.alerts}, {@code report.attributes}, {@code report.sections}, {@code report.inspections}, ...);</li>
 *   <li>{@code alerts}: {@code report.alerts};</li>
 *   <li>{@code attributes}: {@code report.attributes} (type, key, value, context, depth, origin);</li>
 *   <li>{@code findings}: every finding of every section, each with the {@code attribute} it is about
 *       ({@code author}, {@code type}, {@code content}, {@code attribute}).</li>
 * </ul>
 *
 * <p>Numbers are CEL's {@code int} (Java {@code Long}) or {@code double}; CEL has no overloads for a Java
 * {@code Integer}.
 */
final class ReportVariables {
  static final String REPORT = "report";
  static final String ALERTS = "alerts";
  static final String ATTRIBUTES = "attributes";
  static final String FINDINGS = "findings";

  private ReportVariables() {
  }

  static Map<String, Object> of(Report report) {
    @SuppressWarnings("unchecked")
    Map<String, Object> wire = (Map<String, Object>) value(ReportCodec.encode(report));
    List<Object> findings = new ArrayList<>();
    Object sections = wire.get("sections");
    if (sections instanceof List<?> list) {
      for (Object item : list) {
        Map<?, ?> section = (Map<?, ?>) item;
        Object attribute = section.get("attribute");
        for (Object finding : (List<?>) section.get("findings")) {
          Map<String, Object> flat = new HashMap<>((Map<? extends String, ?>) finding);
          flat.put("attribute", attribute);
          findings.add(Collections.unmodifiableMap(flat));
        }
      }
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(REPORT, wire);
    variables.put(ALERTS, wire.getOrDefault("alerts", List.of()));
    variables.put(ATTRIBUTES, wire.getOrDefault("attributes", List.of()));
    variables.put(FINDINGS, Collections.unmodifiableList(findings));
    return variables;
  }

  /** A JSON value as CEL takes it: maps, lists, strings, booleans, {@code Long}, {@code Double}. */
  private static Object value(Object json) {
    if (json instanceof JsonObject object) {
      Map<String, Object> out = new HashMap<>(object.size() * 2);
      for (Map.Entry<String, Object> entry : object) {
        // A null field is left out, so that has(report.rule_name) says whether the report has one.
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
      return value(new JsonObject(castMap(map)));
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

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }
}
