package org.alertresponder.engine.api;

/**
 * An attribute as it sits in a report: deduplicated by hash, with its correlation depth (0 for an
 * alert's own attributes, parent depth + 1 for discovered ones) and origin.
 */
public record ReportAttribute(Attribute attribute, String hash, int depth, Origin origin) {
  public static ReportAttribute of(Attribute attribute, int depth, Origin origin) {
    return new ReportAttribute(attribute, attribute.hash(), depth, origin);
  }
}
