package org.alertresponder.engine.bus;

/**
 * Every event-bus address the engine uses, in one place.
 *
 * <p>Stage addresses carry engine-internal messages (immutable records, passed by reference with the
 * local codec). Plugin addresses carry JSON in the wire model (a report goes as the record within the JVM),
 * so a plugin can live in this JVM, in another deployment, or in another JVM of a cluster.
 */
public final class Addresses {
  public static final String PREFIX = "alertresponder.";
  /** An alert to aggregate; replies with a receipt. */
  public static final String AGGREGATE = PREFIX + "stage.aggregate";
  /** A batch of alerts to aggregate (an {@code AlertBatch}); replies with one outcome per alert. */
  public static final String AGGREGATE_BATCH = PREFIX + "stage.aggregate-batch";
  /** A fired inspection timer: admit an alert's attributes and queue their inspections. */
  public static final String INSPECT_ALERT = PREFIX + "stage.inspect-alert";
  /** Review a report for a target version (from the review timer or an early review). */
  public static final String REVIEW = PREFIX + "stage.review";
  /**
   * A version this instance has just published, to deliver (a {@code DeliverPublication}); replies once
   * every delivery is attempted and recorded, or queued.
   */
  public static final String DELIVER = PREFIX + "stage.deliver";

  private Addresses() {
  }

  public static String inspector(String name) {
    return PREFIX + "inspector." + name;
  }

  public static String reviewer(String name) {
    return PREFIX + "reviewer." + name;
  }

  public static String emitter(String name) {
    return PREFIX + "emitter." + name;
  }
}
