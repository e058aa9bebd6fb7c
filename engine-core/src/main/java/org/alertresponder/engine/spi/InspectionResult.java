package org.alertresponder.engine.spi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.AlertCodec;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.api.ReportCodec;
import org.alertresponder.engine.internal.JsonReader;

import java.util.ArrayList;
import java.util.List;

/**
 * What an inspector found: findings about the attribute, and new attributes to inspect in turn (an IP
 * address's host name, a file's download URL).
 */
public record InspectionResult(List<Finding> findings, List<Attribute> attributes) {
  public InspectionResult {
    findings = findings == null ? List.of() : List.copyOf(findings);
    attributes = attributes == null ? List.of() : List.copyOf(attributes);
  }

  public static InspectionResult empty() {
    return new InspectionResult(List.of(), List.of());
  }

  public static InspectionResult of(Finding... findings) {
    return new InspectionResult(List.of(findings), List.of());
  }

  /**
   * This result with every finding's author set to {@code author}; the result itself where they all have it
   * already (a result read back from the cache, which keeps the authored result).
   */
  public InspectionResult authoredBy(String author) {
    boolean authored = true;
    for (Finding finding : findings) {
      authored &= author.equals(finding.author());
    }
    if (authored) {
      return this;
    }
    List<Finding> renamed = new ArrayList<>(findings.size());
    for (Finding finding : findings) {
      renamed.add(finding.withAuthor(author));
    }
    return new InspectionResult(renamed, attributes);
  }

  public InspectionResult withAttributes(List<Attribute> newAttributes) {
    return new InspectionResult(findings, newAttributes);
  }

  /**
   * The result exactly as given, for a store's result cache (unlike the plugin protocol, findings keep
   * their author). {@link #fromStoredJson} reads it back.
   */
  public JsonObject toStoredJson() {
    JsonArray encoded = new JsonArray();
    for (Finding finding : findings) {
      encoded.add(ReportCodec.encode(finding));
    }
    return new JsonObject().put("findings", encoded).put("attributes", AlertCodec.encodeAttributes(attributes));
  }

  /** Reads what {@link #toStoredJson} wrote. */
  public static InspectionResult fromStoredJson(JsonObject json) {
    List<Finding> findings = new ArrayList<>();
    for (Object finding : json.getJsonArray("findings")) {
      findings.add(ReportCodec.decodeFinding((JsonObject) finding));
    }
    JsonReader reader = new JsonReader();
    List<Attribute> attributes = new ArrayList<>();
    JsonArray array = json.getJsonArray("attributes");
    for (int i = 0; i < array.size(); i++) {
      attributes.add(AlertCodec.decodeAttribute(reader, array.getValue(i), "attributes[" + i + "]"));
    }
    return new InspectionResult(findings, attributes);
  }
}
