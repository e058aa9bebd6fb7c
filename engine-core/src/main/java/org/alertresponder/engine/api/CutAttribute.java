package org.alertresponder.engine.api;

/**
 * An attribute that correlation did not follow because a bound was reached. It is recorded so that
 * the reviewer and the analyst know the report is incomplete, instead of it being silently lost.
 *
 * @param reason {@link #MAX_DEPTH} or {@link #MAX_ATTRIBUTES}
 */
public record CutAttribute(ReportAttribute attribute, String reason) {
  public static final String MAX_DEPTH = "max_depth";
  public static final String MAX_ATTRIBUTES = "max_attributes";
}
