package org.alertresponder.adapter.local;

import io.vertx.core.Future;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.CutAttribute;
import org.alertresponder.engine.api.Page;
import org.alertresponder.engine.api.PublishedVerdict;
import org.alertresponder.engine.api.ReceivedAlert;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportAttribute;
import org.alertresponder.engine.api.ReportHeader;
import org.alertresponder.engine.api.ReportQuery;
import org.alertresponder.engine.spi.Admission;
import org.alertresponder.engine.spi.AttributeBounds;
import org.alertresponder.engine.spi.InspectionOutcome;
import org.alertresponder.engine.spi.ReportRepository;
import org.alertresponder.engine.spi.StoredReport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Reports in memory. Each report is guarded by its own lock; creating a report takes the group's
 * lock, which is what makes create-or-join atomic.
 */
public final class InMemoryReportRepository implements ReportRepository {
  /**
   * One report. Most reports hold a few alerts, no cut attribute and, while open, no publication, and an alert
   * storm holds many open reports at once: what most reports never use is made only when first needed, and a
   * report of a few alerts finds a re-sent alert by scanning them.
   */
  private static final class State {
    volatile ReportHeader header;
    final AlertsById alerts = new AlertsById();
    final AttributesByHash attributes = new AttributesByHash();
    private Map<String, CutAttribute> cut;
    // Every cut hash, recorded or not: the records stop at maxCutRecords, but a hash offered again must
    // still be recognised as already counted.
    private Set<String> cutHashes;
    int cutCount;
    final InspectionsByKey inspections = new InspectionsByKey();
    private TreeMap<Integer, Report> publications;
    private List<PublishedVerdict> verdicts;

    State(ReportHeader header) {
      this.header = header;
    }

    /** Adds an alert unless one of its id is here already; whether it was added. */
    boolean addAlert(ReceivedAlert alert) {
      return alerts.add(alert.id(), alert);
    }

    /**
     * The candidate, holding the very attribute object of the alert it comes from where that alert is among the
     * last few of this report (it nearly always is: inspection follows the alert's arrival). The candidate
     * arrives as a copy, decoded from the inspection timer, which would keep every attribute's strings twice.
     */
    ReportAttribute sharingAlertAttribute(ReportAttribute candidate) {
      if (!candidate.origin().fromAlert()) {
        return candidate;
      }
      int last = alerts.size() - 1;
      for (int i = last; i >= 0 && i > last - KeyedValues.SCANNED; i--) {
        ReceivedAlert alert = alerts.value(i);
        if (alert.id().equals(candidate.origin().alertId())) {
          for (Attribute own : alert.alert().attributes()) {
            if (own != candidate.attribute() && own.equals(candidate.attribute())) {
              return new ReportAttribute(own, candidate.hash(), candidate.depth(), candidate.origin());
            }
          }
          return candidate;
        }
      }
      return candidate;
    }

    List<PublishedVerdict> verdicts() {
      return verdicts == null ? List.of() : verdicts;
    }

    void addVerdict(PublishedVerdict verdict) {
      if (verdicts == null) {
        verdicts = new ArrayList<>(2);
      }
      verdicts.add(verdict);
    }

    Map<String, CutAttribute> cut() {
      if (cut == null) {
        cut = new LinkedHashMap<>();
      }
      return cut;
    }

    Set<String> cutHashes() {
      if (cutHashes == null) {
        cutHashes = new HashSet<>();
      }
      return cutHashes;
    }

    boolean wasCut(String hash) {
      return cutHashes != null && cutHashes.contains(hash);
    }

    List<CutAttribute> cutRecords() {
      return cut == null ? new ArrayList<>() : new ArrayList<>(cut.values());
    }

    TreeMap<Integer, Report> publications() {
      if (publications == null) {
        publications = new TreeMap<>();
      }
      return publications;
    }

    Report publication(int version) {
      return publications == null ? null : publications.get(version);
    }
  }

  /** A report's alerts, found by id. */
  private static final class AlertsById extends KeyedValues<String, ReceivedAlert> {
    AlertsById() {
      super(1);
    }

    @Override
    String keyOf(ReceivedAlert alert) {
      return alert.id();
    }

    @Override
    boolean hasKey(ReceivedAlert alert, String id) {
      return alert.id().equals(id);
    }
  }

  /** A report's attributes, found by hash. */
  private static final class AttributesByHash extends KeyedValues<String, ReportAttribute> {
    AttributesByHash() {
      super(4);
    }

    @Override
    String keyOf(ReportAttribute attribute) {
      return attribute.hash();
    }

    @Override
    boolean hasKey(ReportAttribute attribute, String hash) {
      return attribute.hash().equals(hash);
    }
  }

  /** A report's inspection outcomes, one per attribute hash and inspector. */
  private static final class InspectionsByKey extends KeyedValues<InspectionKey, InspectionOutcome> {
    InspectionsByKey() {
      super(4);
    }

    @Override
    InspectionKey keyOf(InspectionOutcome outcome) {
      return InspectionKey.of(outcome);
    }

    @Override
    boolean hasKey(InspectionOutcome outcome, InspectionKey key) {
      return outcome.record().attributeHash().equals(key.attributeHash())
          && outcome.record().inspector().equals(key.inspector());
    }
  }

  /** An inspection's key in its report: the attribute's hash and the inspector, as the record holds them. */
  private record InspectionKey(String attributeHash, String inspector) {
    static InspectionKey of(InspectionOutcome outcome) {
      return new InspectionKey(outcome.record().attributeHash(), outcome.record().inspector());
    }
  }

  private final ConcurrentNavigableMap<String, State> reports =
      new ConcurrentSkipListMap<String, State>(Collections.reverseOrder());
  private final Map<String, String> currentByGroup = new ConcurrentHashMap<>();
  /**
   * Locks that make create-or-join atomic per group, striped: a lock per group would be kept for every group
   * ever seen, and creating a report holds its lock only for a few map operations.
   */
  private final Object[] groupLocks = new Object[64];

  public InMemoryReportRepository() {
    for (int i = 0; i < groupLocks.length; i++) {
      groupLocks[i] = new Object();
    }
  }

  @Override
  public Future<Optional<ReportHeader>> current(String groupKey) {
    String id = currentByGroup.get(groupKey);
    State state = id == null ? null : reports.get(id);
    return Future.succeededFuture(Optional.ofNullable(state == null ? null : state.header));
  }

  @Override
  public Future<Optional<ReportHeader>> header(String reportId) {
    State state = reports.get(reportId);
    return Future.succeededFuture(Optional.ofNullable(state == null ? null : state.header));
  }

  @Override
  public Future<Boolean> create(ReportHeader header, String expectedCurrentId) {
    Object lock = groupLocks[header.groupKey().hashCode() & (groupLocks.length - 1)];
    synchronized (lock) {
      String current = currentByGroup.get(header.groupKey());
      if (!java.util.Objects.equals(current, expectedCurrentId) || reports.containsKey(header.id())) {
        return Future.succeededFuture(false);
      }
      reports.put(header.id(), new State(header.withRevision(0)));
      currentByGroup.put(header.groupKey(), header.id());
      return Future.succeededFuture(true);
    }
  }

  @Override
  public Future<Boolean> update(ReportHeader header, long expectedRevision) {
    State state = reports.get(header.id());
    if (state == null) {
      return Future.succeededFuture(false);
    }
    synchronized (state) {
      if (state.header.revision() != expectedRevision) {
        return Future.succeededFuture(false);
      }
      state.header = header.withRevision(expectedRevision + 1);
      return Future.succeededFuture(true);
    }
  }

  @Override
  public Future<AppendResult> appendAlert(String reportId, ReceivedAlert alert) {
    State state = reports.get(reportId);
    if (state == null) {
      return Future.failedFuture(new NoSuchElementException("no report " + reportId));
    }
    synchronized (state) {
      if (!state.addAlert(alert)) {
        return Future.succeededFuture(new AppendResult(state.header, false));
      }
      state.header = state.header.withAlertAdded(alert.receivedAt());
      return Future.succeededFuture(new AppendResult(state.header, true));
    }
  }

  @Override
  public Future<Admission> admit(String reportId, List<ReportAttribute> candidates, AttributeBounds bounds) {
    State state = reports.get(reportId);
    if (state == null) {
      return Future.failedFuture(new NoSuchElementException("no report " + reportId));
    }
    List<ReportAttribute> admitted = new ArrayList<>();
    List<ReportAttribute> duplicates = new ArrayList<>();
    List<CutAttribute> cut = new ArrayList<>();
    synchronized (state) {
      for (ReportAttribute candidate : candidates) {
        ReportAttribute existing = state.attributes.get(candidate.hash());
        if (existing != null) {
          duplicates.add(existing);
          continue;
        }
        String reason = null;
        if (candidate.depth() > bounds.maxDepth()) {
          reason = CutAttribute.MAX_DEPTH;
        } else if (state.attributes.size() >= bounds.maxAttributes()) {
          reason = CutAttribute.MAX_ATTRIBUTES;
        }
        if (reason == null) {
          if (state.wasCut(candidate.hash())) {
            state.cutHashes().remove(candidate.hash());
            state.cut().remove(candidate.hash());
            state.cutCount--;
          }
          ReportAttribute kept = state.sharingAlertAttribute(candidate);
          state.attributes.addAbsent(kept.hash(), kept);
          admitted.add(kept);
          continue;
        }
        CutAttribute cutAttribute = new CutAttribute(candidate, reason);
        cut.add(cutAttribute);
        if (state.cutHashes().add(candidate.hash())) {
          state.cutCount++;
          if (state.cut().size() < bounds.maxCutRecords()) {
            state.cut().put(candidate.hash(), cutAttribute);
          }
        }
      }
    }
    return Future.succeededFuture(new Admission(admitted, duplicates, cut));
  }

  @Override
  public Future<Void> recordInspection(String reportId, InspectionOutcome outcome) {
    State state = reports.get(reportId);
    if (state == null) {
      return Future.failedFuture(new NoSuchElementException("no report " + reportId));
    }
    synchronized (state) {
      state.inspections.put(InspectionKey.of(outcome), outcome);
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Optional<StoredReport>> load(String reportId) {
    State state = reports.get(reportId);
    if (state == null) {
      return Future.succeededFuture(Optional.empty());
    }
    synchronized (state) {
      return Future.succeededFuture(Optional.of(new StoredReport(state.header, state.alerts.copy(),
          state.attributes.copy(), state.cutRecords(), state.cutCount, state.inspections.copy(), state.verdicts())));
    }
  }

  @Override
  public Future<Boolean> publish(ReportHeader header, long expectedRevision, Report snapshot) {
    State state = reports.get(header.id());
    if (state == null) {
      return Future.succeededFuture(false);
    }
    synchronized (state) {
      if (state.header.revision() != expectedRevision || state.publication(snapshot.version()) != null) {
        return Future.succeededFuture(false);
      }
      if (snapshot.verdicts().isEmpty()) {
        return Future.failedFuture(new IllegalArgumentException("a published snapshot carries its verdict history"));
      }
      state.header = header.withRevision(expectedRevision + 1);
      state.publications().put(snapshot.version(), snapshot);
      List<PublishedVerdict> history = snapshot.verdicts();
      state.addVerdict(history.get(history.size() - 1));
      return Future.succeededFuture(true);
    }
  }

  @Override
  public Future<Optional<Report>> publication(String reportId, int version) {
    State state = reports.get(reportId);
    if (state == null) {
      return Future.succeededFuture(Optional.empty());
    }
    synchronized (state) {
      return Future.succeededFuture(Optional.ofNullable(state.publication(version)));
    }
  }

  @Override
  public Future<Page<ReportHeader>> query(ReportQuery query) {
    Map<String, State> view = query.cursor() == null ? reports : reports.tailMap(query.cursor(), false);
    List<ReportHeader> items = new ArrayList<>(Math.min(query.limit(), 64));
    String next = null;
    for (State state : view.values()) {
      ReportHeader header = state.header;
      if (!query.matches(header)) {
        continue;
      }
      if (items.size() == query.limit()) {
        next = items.get(items.size() - 1).id();
        break;
      }
      items.add(header);
    }
    return Future.succeededFuture(new Page<>(items, next));
  }

  /** Reports held, for tests and diagnostics. */
  public int size() {
    return reports.size();
  }
}
