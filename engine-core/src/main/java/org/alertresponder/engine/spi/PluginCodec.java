package org.alertresponder.engine.spi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.AlertCodec;
import org.alertresponder.engine.api.AlertValidator;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportCodec;
import org.alertresponder.engine.api.Severity;
import org.alertresponder.engine.api.Verdict;
import org.alertresponder.engine.api.Violation;
import org.alertresponder.engine.internal.FrozenJson;
import org.alertresponder.engine.internal.JsonReader;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The JSON that travels between the engine and plugins over the event bus.
 *
 * <ul>
 *   <li>Inspector request: {@code {"report_id", "attribute": {type, key, value, context}, "depth"}};
 *       answer: {@code {"findings": [{"type", "content"}], "attributes": [...]}}.</li>
 *   <li>Reviewer request: the report; answer: {@code {"severity", "reason"}} (empty severity:
 *       unclassified).</li>
 *   <li>Emitter request: the report; any answer means delivered.</li>
 *   <li>The report goes as the {@link Report} record to a plugin in the engine's JVM and as its JSON
 *       ({@link ReportCodec}) to one in another JVM of a cluster (see
 *       {@link org.alertresponder.engine.bus.ReportMessageCodec}); {@link #decodeReport} takes either.</li>
 *   <li>Failures: {@code message.fail(400, reason)} for a permanent failure, any other code for a
 *       retryable one.</li>
 * </ul>
 */
public final class PluginCodec {
  /** Failure code of a plugin error that a retry cannot fix. */
  public static final int PERMANENT_FAILURE = 400;
  /** Failure code of a plugin error worth retrying. */
  public static final int RETRYABLE_FAILURE = 500;
  public static final int MAX_FINDINGS = 1000;
  public static final int MAX_NEW_ATTRIBUTES = 1000;
  private static final Pattern FINDING_TYPE = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

  private PluginCodec() {
  }

  public static JsonObject encode(InspectionTask task) {
    return new JsonObject()
        .put("report_id", task.reportId())
        .put("attribute", AlertCodec.encode(task.attribute()))
        .put("depth", task.depth());
  }

  public static InspectionTask decodeTask(Object json) {
    JsonReader reader = new JsonReader();
    JsonObject object = reader.asObject(json, "$");
    if (object == null) {
      throw new MalformedMessageException("inspection task", reader.violations());
    }
    String reportId = reader.string(object, "report_id", "report_id");
    Integer depth = reader.integer(object, "depth", "depth");
    Attribute attribute = AlertCodec.decodeAttribute(reader, object.getValue("attribute"), "attribute");
    if (!reader.violations().isEmpty()) {
      throw new MalformedMessageException("inspection task", reader.violations());
    }
    return new InspectionTask(reportId, attribute, depth == null ? 0 : depth);
  }

  public static JsonObject encode(InspectionResult result) {
    JsonArray findings = new JsonArray();
    for (Finding finding : result.findings()) {
      findings.add(new JsonObject().put("type", finding.type()).put("content", finding.content()));
    }
    return new JsonObject().put("findings", findings).put("attributes",
        AlertCodec.encodeAttributes(result.attributes()));
  }

  /**
   * Decodes and validates an inspector's answer. Findings need a lower-case {@code type} and an object
   * {@code content}; new attributes follow the same rules as an alert's.
   *
   * @throws MalformedMessageException naming every problem
   */
  public static InspectionResult decodeResult(Object json) {
    JsonReader reader = new JsonReader();
    JsonObject object = reader.asObject(json, "$");
    if (object == null) {
      throw new MalformedMessageException("inspection result", reader.violations());
    }
    List<Finding> findings = new ArrayList<>();
    JsonArray findingArray = reader.array(object, "findings", "findings");
    if (findingArray != null && findingArray.size() > MAX_FINDINGS) {
      reader.add(new Violation("findings", Violation.MAX_ITEMS, (long) MAX_FINDINGS,
          "must have at most " + MAX_FINDINGS + " findings, has " + findingArray.size()));
    } else if (findingArray != null) {
      for (int i = 0; i < findingArray.size(); i++) {
        String path = "findings[" + i + "]";
        JsonObject finding = reader.asObject(findingArray.getValue(i), path);
        if (finding == null) {
          continue;
        }
        String type = reader.string(finding, "type", path + ".type");
        JsonObject content = reader.object(finding, "content", path + ".content");
        if (content != null && FrozenJson.hasNonFiniteNumber(content)) {
          reader.add(new Violation(path + ".content", Violation.FORMAT, null,
              "must not hold a number beyond the range of a double (such as 1e400)"));
        }
        if (type == null && !reader.hasViolationAt(path + ".type")) {
          reader.add(new Violation(path + ".type", Violation.REQUIRED, null, "is required"));
        } else if (type != null && !FINDING_TYPE.matcher(type).matches()) {
          reader.add(new Violation(path + ".type", Violation.PATTERN, 64L,
              "must be host, user, binary or a lower-case word of at most 64 characters, was \""
                  + (type.length() <= 64 ? type : type.substring(0, 61) + "...") + "\""));
        }
        findings.add(Finding.of(type, content));
      }
    }
    List<Attribute> attributes = new ArrayList<>();
    JsonArray attributeArray = reader.array(object, "attributes", "attributes");
    if (attributeArray != null && attributeArray.size() > MAX_NEW_ATTRIBUTES) {
      reader.add(new Violation("attributes", Violation.MAX_ITEMS, (long) MAX_NEW_ATTRIBUTES,
          "must have at most " + MAX_NEW_ATTRIBUTES + " attributes, has " + attributeArray.size()));
    } else if (attributeArray != null) {
      for (int i = 0; i < attributeArray.size(); i++) {
        String path = "attributes[" + i + "]";
        Attribute attribute = AlertCodec.decodeAttribute(reader, attributeArray.getValue(i), path);
        if (attribute == null) {
          continue;
        }
        for (Violation violation : AlertValidator.violations(path, attribute)) {
          if (!reader.hasViolationAt(violation.path())) {
            reader.add(violation);
          }
        }
        attributes.add(attribute);
      }
    }
    if (!reader.violations().isEmpty()) {
      throw new MalformedMessageException("inspection result", reader.violations());
    }
    List<Attribute> normalized = new ArrayList<>(attributes.size());
    for (Attribute attribute : attributes) {
      normalized.add(AlertValidator.normalize(attribute));
    }
    return new InspectionResult(findings, normalized);
  }

  /**
   * The report a reviewer or an emitter was sent: the record itself from an engine in the same JVM (see
   * {@link org.alertresponder.engine.bus.ReportMessageCodec}), its JSON from one in another JVM.
   */
  public static Report decodeReport(Object body) {
    if (body instanceof Report report) {
      return report;
    }
    if (!(body instanceof JsonObject json)) {
      throw new MalformedMessageException("report", List.of(new Violation("$", Violation.TYPE, null,
          "must be a report (a JSON object), was " + (body == null ? "null" : body.getClass().getSimpleName()))));
    }
    return ReportCodec.decodeReport(json);
  }

  public static JsonObject encode(Verdict verdict) {
    return ReportCodec.encode(verdict);
  }

  /** Decodes a reviewer's answer in deepalert's result shape. */
  public static Verdict decodeVerdict(Object json) {
    JsonReader reader = new JsonReader();
    JsonObject object = reader.asObject(json, "$");
    if (object == null) {
      throw new MalformedMessageException("verdict", reader.violations());
    }
    String severity = reader.string(object, "severity", "severity");
    String reason = reader.string(object, "reason", "reason");
    if (!reader.violations().isEmpty()) {
      throw new MalformedMessageException("verdict", reader.violations());
    }
    try {
      return new Verdict(Severity.fromWire(severity), reason);
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException("verdict",
          List.of(new Violation("severity", Violation.FORMAT, null, e.getMessage())));
    }
  }

  /** A plugin message that does not follow the protocol; never worth retrying. */
  public static final class MalformedMessageException extends RuntimeException {
    private final transient List<Violation> violations;

    public MalformedMessageException(String what, List<Violation> violations) {
      super("malformed " + what + ": "
          + violations.stream().limit(10).map(Violation::toString).collect(Collectors.joining("; "))
          + (violations.size() > 10 ? "; and " + (violations.size() - 10) + " more" : ""));
      this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
      return violations;
    }
  }
}
