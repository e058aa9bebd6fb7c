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
    /** Alerts beyond which their ids are kept in a set, rather than found by scanning the list. */
    private static final int SCANNED_ALERTS = 8;

    volatile ReportHeader header;
    final List<ReceivedAlert> alerts = new ArrayList<>(2);
    private Set<String> alertIds;
    final Map<String, ReportAttribute> attributes = new LinkedHashMap<>();
    private Map<String, CutAttribute> cut;
    // Every cut hash, recorded or not: the records stop at maxCutRecords, but a hash offered again must
    // still be recognised as already counted.
    private Set<String> cutHashes;
    int cutCount;
    final Map<InspectionKey, InspectionOutcome> inspections = new LinkedHashMap<>();
    private TreeMap<Integer, Report> publications;
    final List<PublishedVerdict> verdicts = new ArrayList<>(1);

    State(ReportHeader header) {
      this.header = header;
    }

    /** Adds an alert unless one of its id is here already; whether it was added. */
    boolean addAlert(ReceivedAlert alert) {
      if (alertIds != null) {
        if (!alertIds.add(alert.id())) {
          return false;
        }
      } else {
        for (ReceivedAlert held : alerts) {
          if (held.id().equals(alert.id())) {
            return false;
          }
        }
        if (alerts.size() >= SCANNED_ALERTS) {
          alertIds = new HashSet<>();
          alerts.forEach(held -> alertIds.add(held.id()));
          alertIds.add(alert.id());
        }
      }
      alerts.add(alert);
      return true;
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
      for (int i = alerts.size() - 1; i >= 0 && i >= alerts.size() - SCANNED_ALERTS; i--) {
        ReceivedAlert alert = alerts.get(i);
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

  /** An inspection's key in its report: the attribute's hash and the inspector, as the record holds them. */
  private record InspectionKey(String attributeHash, String inspector) {
  }

  private final ConcurrentNavigableMap<String, State> reports =
      new ConcurrentSkipListMap<String, State>(Collections.reverseOrder());
  private final Map<String, String> currentByGroup = new ConcurrentHashMap<>();
  private final Map<String, Object> groupLocks = new ConcurrentHashMap<>();

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
    Object lock = groupLocks.computeIfAbsent(header.groupKey(), k -> new Object());
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
          state.attributes.put(candidate.hash(), kept);
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
      state.inspections.put(new InspectionKey(outcome.record().attributeHash(), outcome.record().inspector()), outcome);
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
      return Future.succeededFuture(Optional.of(new StoredReport(state.header, state.alerts,
          new ArrayList<>(state.attributes.values()), state.cutRecords(), state.cutCount,
          new ArrayList<>(state.inspections.values()), state.verdicts)));
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
      state.verdicts.add(history.get(history.size() - 1));
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
