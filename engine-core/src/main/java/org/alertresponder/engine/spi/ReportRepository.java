package org.alertresponder.engine.spi;

import io.vertx.core.Future;
import org.alertresponder.engine.api.Page;
import org.alertresponder.engine.api.ReceivedAlert;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportAttribute;
import org.alertresponder.engine.api.ReportHeader;
import org.alertresponder.engine.api.ReportQuery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reports and everything in them. Every write is either idempotent or conditional, so that several
 * engine instances (and redelivered timers) can work on the same report without a lock.
 *
 * <p>The lifecycle decisions (join or create, re-open, publish) are made by the engine; the store only
 * has to apply them atomically.
 */
public interface ReportRepository {
  /** The group's current report: the last one created for this group key. */
  Future<Optional<ReportHeader>> current(String groupKey);

  Future<Optional<ReportHeader>> header(String reportId);

  /**
   * Creates a report and makes it its group's current report, but only if the group's current report
   * is still {@code expectedCurrentId} (null: the group has none). This single conditional write is
   * what makes two instances receiving the same key at once produce one report.
   *
   * @return false when another report became current first, or a report with this id exists (nothing is
   *     written); the stored header starts at revision 0
   */
  Future<Boolean> create(ReportHeader header, String expectedCurrentId);

  /**
   * Creates a report holding its first alert: what {@link #create} then {@link #appendAlert} do, in
   * fewer writes where the store can (a new report's first alert cannot be a duplicate, and nothing else
   * writes to a report before it exists).
   *
   * <p>A store may also admit {@code firstAttributes} with the report, where that saves it writes: they
   * cannot be duplicates or beyond the bounds of a report that holds nothing else (the engine passes them
   * deduplicated, at depth 0, from {@code first}, and within the bounds). Either way, when the alert's
   * inspection then offers them to {@link #admit}, they are answered admitted, as a first offer would be.
   *
   * @param firstAttributes the first alert's attributes, or an empty list when they must wait for
   *                        {@link #admit} (the default implementation always leaves them to it)
   * @return the header after the alert was added (as {@link #appendAlert} would answer), or empty when
   *     {@link #create} would have returned false; the report is then not visible and its alert not stored
   */
  default Future<Optional<AppendResult>> createWithAlert(ReportHeader header, String expectedCurrentId,
                                                         ReceivedAlert first, List<ReportAttribute> firstAttributes) {
    return create(header, expectedCurrentId).compose(created -> created
        ? appendAlert(header.id(), first).map(Optional::of)
        : Future.succeededFuture(Optional.empty()));
  }

  /**
   * Creates a report holding its first alert, as {@link #createWithAlert} does, unless its group's current
   * report is still open: created after {@code closedIfCreatedBy} (its aggregation window has not ended).
   * The engine calls it for a group it knows nothing about, which is usually a new one; a store where
   * reading the group costs a request of its own decides with the conditional write alone.
   *
   * @return as {@link #createWithAlert}; empty when the group's current report is open (or another became
   *     current first): nothing is then visible, and the engine reads the group and decides again
   */
  default Future<Optional<AppendResult>> createUnlessOpen(ReportHeader header, Instant closedIfCreatedBy,
                                                          ReceivedAlert first, List<ReportAttribute> firstAttributes) {
    return current(header.groupKey()).compose(current -> current.isPresent()
        && current.get().createdAt().isAfter(closedIfCreatedBy) ? Future.succeededFuture(Optional.empty())
        : createWithAlert(header, current.map(ReportHeader::id).orElse(null), first, firstAttributes));
  }

  /**
   * Replaces a header if its stored revision is {@code expectedRevision}; the stored revision becomes
   * {@code expectedRevision + 1} whatever {@code header.revision()} says.
   *
   * @return false when the revision moved on or the report does not exist (nothing is written)
   */
  Future<Boolean> update(ReportHeader header, long expectedRevision);

  /**
   * Stores an alert in a report, once per alert id. A new alert also updates the header as
   * {@link ReportHeader#withAlertAdded} says (count, updated time, revision).
   *
   * @return the header after the call; its alert count tells whether the alert was new
   * @throws java.util.NoSuchElementException (as a failed future) when the report does not exist
   */
  Future<AppendResult> appendAlert(String reportId, ReceivedAlert alert);

  /**
   * The result of {@link #appendAlert} (and {@link #createWithAlert}).
   *
   * @param attributesAdmitted whether {@link #createWithAlert} admitted the first attributes with the report
   */
  record AppendResult(ReportHeader header, boolean added, boolean attributesAdmitted) {
    public AppendResult(ReportHeader header, boolean added) {
      this(header, added, false);
    }
  }

  /**
   * Offers attributes to a report, atomically per report: each is a duplicate (same hash already in),
   * cut (depth beyond the bound, or the report is full) or admitted. A candidate whose hash is in because
   * the same origin offered it before (a redelivered inspection, or {@link #createWithAlert} admitting a
   * first alert's attributes) may be answered admitted again instead of duplicate; it is not counted twice.
   * Cut attributes are recorded, once
   * per hash, up to {@code bounds.maxCutRecords()}, and counted once per hash. An attribute cut earlier
   * and offered again within bounds (found again at a smaller depth) is admitted and is no longer cut.
   *
   * @throws java.util.NoSuchElementException (as a failed future) when the report does not exist
   */
  Future<Admission> admit(String reportId, List<ReportAttribute> candidates, AttributeBounds bounds);

  /**
   * Stores an inspection outcome, replacing any earlier one of the same attribute and inspector.
   *
   * <p>For a report that does not exist (it was purged while its work waited), a store fails with
   * {@link java.util.NoSuchElementException} when checking costs nothing extra, or accepts the write when
   * checking would cost a request of its own and what it writes expires with the report anyway (DynamoDB).
   * Either way the engine finishes the work item.
   */
  Future<Void> recordInspection(String reportId, InspectionOutcome outcome);

  Future<Optional<StoredReport>> load(String reportId);

  /**
   * Publishes a version: replaces the header (as {@link #update} does, conditional on
   * {@code expectedRevision}) and stores the published report under its version, in one atomic step.
   *
   * @param snapshot the report exactly as published (see {@link Report#published}): its version is the
   *                 version stored and the last entry of its verdicts is the one added to the report's
   *                 verdict history
   * @return false when the revision moved on, the version is already published or the report does not
   *     exist (nothing is written)
   */
  Future<Boolean> publish(ReportHeader header, long expectedRevision, Report snapshot);

  /** A published version exactly as it was published. */
  Future<Optional<Report>> publication(String reportId, int version);

  /**
   * Headers matching the query, newest first (by id, which is time-ordered). {@code nextCursor} is null
   * when nothing follows (an adapter may instead end with an empty page).
   */
  Future<Page<ReportHeader>> query(ReportQuery query);
}
