package org.alertresponder.adapter.local.sqlite;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.CutAttribute;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.api.Page;
import org.alertresponder.engine.api.PublishedVerdict;
import org.alertresponder.engine.api.ReceivedAlert;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportAttribute;
import org.alertresponder.engine.api.ReportCodec;
import org.alertresponder.engine.api.ReportHeader;
import org.alertresponder.engine.api.ReportQuery;
import org.alertresponder.engine.spi.Admission;
import org.alertresponder.engine.spi.AttributeBounds;
import org.alertresponder.engine.spi.InspectionOutcome;
import org.alertresponder.engine.spi.ReportRepository;
import org.alertresponder.engine.spi.StoredReport;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reports in the SQLite store. Every conditional write checks and writes inside one transaction of the
 * single writer, which is what makes create-or-join and the compare-and-set updates atomic.
 */
final class SqliteReportRepository implements ReportRepository {
  /** Enough decoded headers for every report that is busy at once; the map is emptied when full. */
  private static final int DECODED_HEADERS = 4096;

  private final SqliteDatabase db;

  SqliteReportRepository(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Future<Optional<ReportHeader>> current(String groupKey) {
    return db.read(c -> {
      PreparedStatement s = c.prepare(
          "SELECT r.header, r.revision, r.alert_count, r.updated_at FROM groups g JOIN reports r ON r.id = g.report_id "
            + "WHERE g.group_key = ?");
      s.setString(1, groupKey);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(header(r)) : Optional.<ReportHeader>empty();
      }
    });
  }

  @Override
  public Future<Optional<ReportHeader>> header(String reportId) {
    return db.read(c -> Optional.ofNullable(readHeader(c, reportId)));
  }

  @Override
  public Future<Boolean> create(ReportHeader header, String expectedCurrentId) {
    ReportHeader stored = header.withRevision(0);
    String json = ReportCodec.encode(stored).encode();
    return db.write(c -> {
      String current = null;
      {
        PreparedStatement s = c.prepare("SELECT report_id FROM groups WHERE group_key = ?");
        s.setString(1, header.groupKey());
        try (ResultSet r = s.executeQuery()) {
          if (r.next()) {
            current = r.getString(1);
          }
        }
      }
      if (!Objects.equals(current, expectedCurrentId) || exists(c, header.id())) {
        return false;
      }
      {
        PreparedStatement s = c.prepare("INSERT INTO reports (id, group_key, status, severity, detector, "
            + "created_at, updated_at, revision, alert_count, header) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        s.setString(1, stored.id());
        s.setString(2, stored.groupKey());
        s.setString(3, stored.status().wireName());
        s.setString(4, stored.result() == null ? null : stored.result().severity().wireName());
        s.setString(5, stored.detector());
        s.setLong(6, Micros.of(stored.createdAt()));
        s.setLong(7, Micros.of(stored.updatedAt()));
        s.setLong(8, 0);
        s.setInt(9, stored.alertCount());
        s.setString(10, json);
        s.executeUpdate();
      }
      {
        PreparedStatement s = c.prepare(
            "INSERT INTO groups (group_key, report_id) VALUES (?, ?) "
              + "ON CONFLICT (group_key) DO UPDATE SET report_id = excluded.report_id");
        s.setString(1, stored.groupKey());
        s.setString(2, stored.id());
        s.executeUpdate();
      }
      return true;
    });
  }

  @Override
  public Future<Boolean> update(ReportHeader header, long expectedRevision) {
    ReportHeader stored = header.withRevision(expectedRevision + 1);
    String json = ReportCodec.encode(stored).encode();
    return db.write(c -> writeHeader(c, stored, json, expectedRevision));
  }

  @Override
  public Future<AppendResult> appendAlert(String reportId, ReceivedAlert alert) {
    String json = ReportCodec.encode(alert).encode();
    long receivedAt = Micros.of(alert.receivedAt());
    // The count, the time and the revision are columns, so storing an alert touches no JSON on the
    // writer thread; the header is decoded back on the caller's thread.
    return db.write(c -> {
      PreparedStatement insert = c.prepare("INSERT OR IGNORE INTO alerts (report_id, alert_id, alert) "
          + "SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM reports WHERE id = ?)");
      insert.setString(1, reportId);
      insert.setString(2, alert.id());
      insert.setString(3, json);
      insert.setString(4, reportId);
      int inserted = insert.executeUpdate();
      if (inserted == 1) {
        PreparedStatement count = c.prepare("UPDATE reports SET alert_count = alert_count + 1, "
            + "updated_at = max(updated_at, ?), revision = revision + 1 WHERE id = ?");
        count.setLong(1, receivedAt);
        count.setString(2, reportId);
        count.executeUpdate();
      }
      RawHeader raw = readRaw(c, reportId);
      if (raw == null) {
        throw new NoSuchElementException("no report " + reportId);
      }
      return new RawAppend(raw, inserted == 1);
    }).map(append -> new AppendResult(decode(append.header()), append.added()));
  }

  private record RawAppend(RawHeader header, boolean added) {
  }

  /** A header as stored: its JSON and the columns that are kept apart from it. */
  private record RawHeader(String json, long revision, int alertCount, long updatedAt) {
  }

  /**
   * Headers decoded from their JSON text. Storing an alert changes only columns, so the text of a busy
   * report stays the same across thousands of reads; parsing it again each time was the largest cost on
   * the event loop at full intake. The text is the key, so a changed header can never be served stale.
   */
  private final Map<String, ReportHeader> decodedHeaders = new ConcurrentHashMap<>();

  private ReportHeader decode(RawHeader raw) {
    ReportHeader header = decodedHeaders.get(raw.json());
    if (header == null) {
      header = ReportCodec.decodeHeader(new JsonObject(raw.json()));
      if (decodedHeaders.size() >= DECODED_HEADERS) {
        decodedHeaders.clear();
      }
      decodedHeaders.put(raw.json(), header);
    }
    return new ReportHeader(header.id(), header.groupKey(), header.detector(), header.ruleId(), header.ruleName(),
        header.alertKey(), header.status(), header.version(), header.createdAt(), Micros.instant(raw.updatedAt()),
        raw.alertCount(), header.publishedAlertCount(), header.reviewDueAt(), header.result(), raw.revision());
  }

  @Override
  public Future<Admission> admit(String reportId, List<ReportAttribute> candidates, AttributeBounds bounds) {
    List<String> encoded = new ArrayList<>(candidates.size());
    for (ReportAttribute candidate : candidates) {
      encoded.add(ReportCodec.encode(candidate).encode());
    }
    return db.write(c -> {
      if (!exists(c, reportId)) {
        throw new NoSuchElementException("no report " + reportId);
      }
      int count = count(c, "SELECT count(*) FROM attributes WHERE report_id = ?", reportId);
      int recordedCuts = count(c, "SELECT count(*) FROM cuts WHERE report_id = ? AND record IS NOT NULL", reportId);
      List<ReportAttribute> admitted = new ArrayList<>();
      List<ReportAttribute> duplicates = new ArrayList<>();
      List<CutAttribute> cut = new ArrayList<>();
      for (int i = 0; i < candidates.size(); i++) {
        ReportAttribute candidate = candidates.get(i);
        ReportAttribute existing = storedAttribute(c, reportId, candidate.hash());
        if (existing != null) {
          duplicates.add(existing);
          continue;
        }
        String reason = null;
        if (candidate.depth() > bounds.maxDepth()) {
          reason = CutAttribute.MAX_DEPTH;
        } else if (count >= bounds.maxAttributes()) {
          reason = CutAttribute.MAX_ATTRIBUTES;
        }
        if (reason == null) {
          {
            PreparedStatement s = c.prepare("DELETE FROM cuts WHERE report_id = ? AND hash = ?");
            s.setString(1, reportId);
            s.setString(2, candidate.hash());
            if (s.executeUpdate() > 0) {
              recordedCuts = count(c, "SELECT count(*) FROM cuts WHERE report_id = ? AND record IS NOT NULL",
                  reportId);
            }
          }
          {
            PreparedStatement s = c.prepare(
                "INSERT INTO attributes (report_id, hash, attribute) VALUES (?, ?, ?)");
            s.setString(1, reportId);
            s.setString(2, candidate.hash());
            s.setString(3, encoded.get(i));
            s.executeUpdate();
          }
          count++;
          admitted.add(candidate);
          continue;
        }
        CutAttribute cutAttribute = new CutAttribute(candidate, reason);
        cut.add(cutAttribute);
        boolean record = recordedCuts < bounds.maxCutRecords();
        PreparedStatement s = c.prepare(
            "INSERT OR IGNORE INTO cuts (report_id, hash, record) VALUES (?, ?, ?)");
        s.setString(1, reportId);
        s.setString(2, candidate.hash());
        s.setString(3, record ? ReportCodec.encode(candidate).put("reason", reason).encode() : null);
        if (s.executeUpdate() > 0 && record) {
          recordedCuts++;
        }
      }
      return new Admission(admitted, duplicates, cut);
    });
  }

  @Override
  public Future<Void> recordInspection(String reportId, InspectionOutcome outcome) {
    JsonArray findings = new JsonArray();
    for (Finding finding : outcome.findings()) {
      findings.add(ReportCodec.encode(finding));
    }
    String json = new JsonObject().put("record", ReportCodec.encode(outcome.record())).put("findings", findings)
        .encode();
    return db.write(c -> {
      if (!exists(c, reportId)) {
        throw new NoSuchElementException("no report " + reportId);
      }
      PreparedStatement s = c.prepare("INSERT INTO inspections (report_id, hash, inspector, outcome) "
          + "VALUES (?, ?, ?, ?) ON CONFLICT (report_id, hash, inspector) DO UPDATE SET outcome = excluded.outcome");
      s.setString(1, reportId);
      s.setString(2, outcome.record().attributeHash());
      s.setString(3, outcome.record().inspector());
      s.setString(4, json);
      s.executeUpdate();
      return null;
    });
  }

  @Override
  public Future<Optional<StoredReport>> load(String reportId) {
    return db.readSnapshot(c -> {
      ReportHeader header = readHeader(c, reportId);
      if (header == null) {
        return Optional.<StoredReport>empty();
      }
      List<ReceivedAlert> alerts = new ArrayList<>();
      for (String json : texts(c, "SELECT alert FROM alerts WHERE report_id = ? ORDER BY seq", reportId)) {
        alerts.add(ReportCodec.decodeReceivedAlert(new JsonObject(json)));
      }
      List<ReportAttribute> attributes = new ArrayList<>();
      for (String json : texts(c, "SELECT attribute FROM attributes WHERE report_id = ? ORDER BY seq", reportId)) {
        attributes.add(ReportCodec.decodeReportAttribute(new JsonObject(json)));
      }
      List<CutAttribute> cut = new ArrayList<>();
      for (String json : texts(c, "SELECT record FROM cuts WHERE report_id = ? AND record IS NOT NULL ORDER BY seq",
          reportId)) {
        JsonObject record = new JsonObject(json);
        cut.add(new CutAttribute(ReportCodec.decodeReportAttribute(record), record.getString("reason")));
      }
      int cutCount = count(c, "SELECT count(*) FROM cuts WHERE report_id = ?", reportId);
      List<InspectionOutcome> inspections = new ArrayList<>();
      for (String json : texts(c, "SELECT outcome FROM inspections WHERE report_id = ? ORDER BY seq", reportId)) {
        JsonObject outcome = new JsonObject(json);
        List<Finding> findings = new ArrayList<>();
        for (Object finding : outcome.getJsonArray("findings")) {
          findings.add(ReportCodec.decodeFinding((JsonObject) finding));
        }
        inspections.add(new InspectionOutcome(ReportCodec.decodeInspection(outcome.getJsonObject("record")), findings));
      }
      List<PublishedVerdict> verdicts = new ArrayList<>();
      for (String json : texts(c, "SELECT verdict FROM publications WHERE report_id = ? ORDER BY version",
          reportId)) {
        JsonObject verdict = new JsonObject(json);
        verdicts.add(new PublishedVerdict(verdict.getInteger("version"), ReportCodec.decodeVerdict(verdict),
            Instant.parse(verdict.getString("published_at"))));
      }
      return Optional.of(new StoredReport(header, alerts, attributes, cut, cutCount, inspections, verdicts));
    });
  }

  @Override
  public Future<Boolean> publish(ReportHeader header, long expectedRevision, Report snapshot) {
    if (snapshot.verdicts().isEmpty()) {
      return Future.failedFuture(new IllegalArgumentException("a published snapshot carries its verdict history"));
    }
    ReportHeader stored = header.withRevision(expectedRevision + 1);
    String headerJson = ReportCodec.encode(stored).encode();
    PublishedVerdict last = snapshot.verdicts().get(snapshot.verdicts().size() - 1);
    String verdictJson = ReportCodec.encode(last.verdict()).put("version", last.version())
        .put("published_at", last.publishedAt().toString()).encode();
    String snapshotJson = ReportCodec.encode(snapshot).encode();
    return db.write(c -> {
      {
        PreparedStatement s = c.prepare(
            "SELECT 1 FROM publications WHERE report_id = ? AND version = ?");
        s.setString(1, header.id());
        s.setInt(2, snapshot.version());
        try (ResultSet r = s.executeQuery()) {
          if (r.next()) {
            return false;
          }
        }
      }
      if (!writeHeader(c, stored, headerJson, expectedRevision)) {
        return false;
      }
      {
        PreparedStatement s = c.prepare(
            "INSERT INTO publications (report_id, version, verdict, snapshot) VALUES (?, ?, ?, ?)");
        s.setString(1, header.id());
        s.setInt(2, snapshot.version());
        s.setString(3, verdictJson);
        s.setString(4, snapshotJson);
        s.executeUpdate();
      }
      return true;
    });
  }

  @Override
  public Future<Optional<Report>> publication(String reportId, int version) {
    return db.read(c -> {
      PreparedStatement s = c.prepare(
          "SELECT snapshot FROM publications WHERE report_id = ? AND version = ?");
      s.setString(1, reportId);
      s.setInt(2, version);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(ReportCodec.decodeReport(new JsonObject(r.getString(1))))
            : Optional.<Report>empty();
      }
    });
  }

  @Override
  public Future<Page<ReportHeader>> query(ReportQuery query) {
    return db.read(c -> {
      StringBuilder sql = new StringBuilder("SELECT header, revision, alert_count, updated_at FROM reports WHERE 1 = 1");
      List<Object> parameters = new ArrayList<>();
      if (query.cursor() != null) {
        sql.append(" AND id < ?");
        parameters.add(query.cursor());
      }
      if (query.status() != null) {
        sql.append(" AND status = ?");
        parameters.add(query.status().wireName());
      }
      if (query.severity() != null) {
        sql.append(" AND severity = ?");
        parameters.add(query.severity().wireName());
      }
      if (query.detector() != null) {
        sql.append(" AND detector = ?");
        parameters.add(query.detector());
      }
      if (query.since() != null) {
        sql.append(" AND created_at >= ?");
        parameters.add(Micros.of(query.since()));
      }
      if (query.until() != null) {
        sql.append(" AND created_at < ?");
        parameters.add(Micros.of(query.until()));
      }
      sql.append(" ORDER BY id DESC LIMIT ?");
      parameters.add(query.limit() + 1);
      List<ReportHeader> items = new ArrayList<>();
      PreparedStatement s = c.prepare(sql.toString());
      for (int i = 0; i < parameters.size(); i++) {
        s.setObject(i + 1, parameters.get(i));
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          items.add(header(r));
        }
      }
      String next = null;
      if (items.size() > query.limit()) {
        items.remove(items.size() - 1);
        next = items.get(items.size() - 1).id();
      }
      return new Page<>(items, next);
    });
  }

  /**
   * Deletes published reports last updated before {@code cutoff}, at most {@code limit} of them, with
   * everything they hold. A report with a delivery still pending or dead-lettered is kept: the delivery,
   * retried or replayed, needs its publication.
   *
   * @return how many were deleted
   */
  Future<Integer> purgePublished(Instant cutoff, int limit) {
    return db.write(c -> {
      List<String> ids = new ArrayList<>();
      PreparedStatement select = c.prepare(
          "SELECT id FROM reports r WHERE status = 'published' AND updated_at < ? AND NOT EXISTS "
            + "(SELECT 1 FROM deliveries d WHERE d.report_id = r.id AND d.status <> 'delivered') LIMIT ?");
      select.setLong(1, Micros.of(cutoff));
      select.setInt(2, limit);
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          ids.add(r.getString(1));
        }
      }
      // Children first, then the group pointer, then the report itself.
      List<String> deletions = new ArrayList<>();
      for (String table : List.of("alerts", "attributes", "cuts", "inspections", "publications")) {
        deletions.add("DELETE FROM " + table + " WHERE report_id = ?");
      }
      deletions.add("DELETE FROM groups WHERE report_id = ?");
      deletions.add("DELETE FROM reports WHERE id = ?");
      for (String id : ids) {
        for (String sql : deletions) {
          PreparedStatement delete = c.prepare(sql);
          delete.setString(1, id);
          delete.executeUpdate();
        }
      }
      return ids.size();
    });
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** A header from a row of (header, revision, alert_count, updated_at). */
  private ReportHeader header(ResultSet r) throws SQLException {
    return decode(raw(r));
  }

  private static RawHeader raw(ResultSet r) throws SQLException {
    return new RawHeader(r.getString(1), r.getLong(2), r.getInt(3), r.getLong(4));
  }

  private static RawHeader readRaw(SqlSession c, String reportId) throws SQLException {
    PreparedStatement s = c.prepare("SELECT header, revision, alert_count, updated_at FROM reports WHERE id = ?");
    s.setString(1, reportId);
    try (ResultSet r = s.executeQuery()) {
      return r.next() ? raw(r) : null;
    }
  }

  private ReportHeader readHeader(SqlSession c, String reportId) throws SQLException {
    RawHeader raw = readRaw(c, reportId);
    return raw == null ? null : decode(raw);
  }

  private static boolean exists(SqlSession c, String reportId) throws SQLException {
    PreparedStatement s = c.prepare("SELECT 1 FROM reports WHERE id = ?");
    s.setString(1, reportId);
    try (ResultSet r = s.executeQuery()) {
      return r.next();
    }
  }

  private static boolean writeHeader(SqlSession c, ReportHeader header, String json, long expectedRevision)
      throws SQLException {
    PreparedStatement s = c.prepare("UPDATE reports SET status = ?, severity = ?, updated_at = ?, "
        + "revision = ?, alert_count = ?, header = ? WHERE id = ? AND revision = ?");
    s.setString(1, header.status().wireName());
    s.setString(2, header.result() == null ? null : header.result().severity().wireName());
    s.setLong(3, Micros.of(header.updatedAt()));
    s.setLong(4, header.revision());
    s.setInt(5, header.alertCount());
    s.setString(6, json);
    s.setString(7, header.id());
    s.setLong(8, expectedRevision);
    return s.executeUpdate() == 1;
  }

  private static ReportAttribute storedAttribute(SqlSession c, String reportId, String hash) throws SQLException {
    PreparedStatement s = c.prepare(
        "SELECT attribute FROM attributes WHERE report_id = ? AND hash = ?");
    s.setString(1, reportId);
    s.setString(2, hash);
    try (ResultSet r = s.executeQuery()) {
      return r.next() ? ReportCodec.decodeReportAttribute(new JsonObject(r.getString(1))) : null;
    }
  }

  static int count(SqlSession c, String sql, String parameter) throws SQLException {
    PreparedStatement s = c.prepare(sql);
    s.setString(1, parameter);
    try (ResultSet r = s.executeQuery()) {
      return r.next() ? r.getInt(1) : 0;
    }
  }

  private static List<String> texts(SqlSession c, String sql, String parameter) throws SQLException {
    List<String> out = new ArrayList<>();
    PreparedStatement s = c.prepare(sql);
    s.setString(1, parameter);
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }
}
