package org.alertresponder.adapter.local;

import io.vertx.core.Future;
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
  private static final class State {
    volatile ReportHeader header;
    final List<ReceivedAlert> alerts = new ArrayList<>();
    final Set<String> alertIds = new HashSet<>();
    final Map<String, ReportAttribute> attributes = new LinkedHashMap<>();
    final Map<String, CutAttribute> cut = new LinkedHashMap<>();
    // Every cut hash, recorded or not: the records stop at maxCutRecords, but a hash offered again must
    // still be recognised as already counted.
    final Set<String> cutHashes = new HashSet<>();
    int cutCount;
    final Map<String, InspectionOutcome> inspections = new LinkedHashMap<>();
    final TreeMap<Integer, Report> publications = new TreeMap<>();
    final List<PublishedVerdict> verdicts = new ArrayList<>();

    State(ReportHeader header) {
      this.header = header;
    }
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
      if (!state.alertIds.add(alert.id())) {
        return Future.succeededFuture(new AppendResult(state.header, false));
      }
      state.alerts.add(alert);
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
          if (state.cutHashes.remove(candidate.hash())) {
            state.cut.remove(candidate.hash());
            state.cutCount--;
          }
          state.attributes.put(candidate.hash(), candidate);
          admitted.add(candidate);
          continue;
        }
        CutAttribute cutAttribute = new CutAttribute(candidate, reason);
        cut.add(cutAttribute);
        if (state.cutHashes.add(candidate.hash())) {
          state.cutCount++;
          if (state.cut.size() < bounds.maxCutRecords()) {
            state.cut.put(candidate.hash(), cutAttribute);
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
      state.inspections.put(outcome.record().attributeHash() + "\u0000" + outcome.record().inspector(), outcome);
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
          new ArrayList<>(state.attributes.values()), new ArrayList<>(state.cut.values()), state.cutCount,
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
      if (state.header.revision() != expectedRevision || state.publications.containsKey(snapshot.version())) {
        return Future.succeededFuture(false);
      }
      if (snapshot.verdicts().isEmpty()) {
        return Future.failedFuture(new IllegalArgumentException("a published snapshot carries its verdict history"));
      }
      state.header = header.withRevision(expectedRevision + 1);
      state.publications.put(snapshot.version(), snapshot);
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
      return Future.succeededFuture(Optional.ofNullable(state.publications.get(version)));
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
