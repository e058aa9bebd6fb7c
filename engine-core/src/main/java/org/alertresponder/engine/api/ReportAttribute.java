package org.alertresponder.engine.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An attribute as it sits in a report: deduplicated by hash, with its correlation depth (0 for an
 * alert's own attributes, parent depth + 1 for discovered ones) and origin.
 */
public record ReportAttribute(Attribute attribute, String hash, int depth, Origin origin) {
  public static ReportAttribute of(Attribute attribute, int depth, Origin origin) {
    return new ReportAttribute(attribute, attribute.hash(), depth, origin);
  }

  /** An alert's attributes as its report receives them: at depth 0, from that alert, in the alert's order. */
  public static List<ReportAttribute> ofAlert(String alertId, List<Attribute> attributes) {
    List<ReportAttribute> out = new ArrayList<>(attributes.size());
    // One origin for all of them: an open report keeps every one.
    Origin origin = Origin.alert(alertId);
    for (Attribute attribute : attributes) {
      out.add(of(attribute, 0, origin));
    }
    return out;
  }

  /** The first attribute of each hash, in order. */
  public static List<ReportAttribute> distinct(List<ReportAttribute> attributes) {
    Map<String, ReportAttribute> byHash = new LinkedHashMap<>();
    for (ReportAttribute attribute : attributes) {
      byHash.putIfAbsent(attribute.hash(), attribute);
    }
    return List.copyOf(byHash.values());
  }
}
