package org.alertresponder.adapter.local.sqlite;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.spi.WorkItem;
import org.alertresponder.engine.spi.WorkQueue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Named work queues as rows. */
final class SqliteWorkQueue implements WorkQueue {
  private final SqliteDatabase db;

  SqliteWorkQueue(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Future<Boolean> enqueue(String queue, WorkItem item) {
    String payload = item.payload().encode();
    return db.write(c -> {
      PreparedStatement s = c.prepare(
          "INSERT OR IGNORE INTO work (queue, id, visible_at, deliveries, payload) VALUES (?, ?, ?, 0, ?)");
      s.setString(1, queue);
      s.setString(2, item.id());
      s.setLong(3, Micros.BEGINNING);
      s.setString(4, payload);
      return s.executeUpdate() == 1;
    });
  }

  @Override
  public Future<List<WorkItem>> claim(String queue, Instant now, int max, Duration lease) {
    long nowMicros = Micros.of(now);
    long until = Micros.of(now.plus(lease));
    return db.write(c -> {
      List<WorkItem> claimed = new ArrayList<>();
      List<Long> sequences = new ArrayList<>();
      {
        PreparedStatement s = c.prepare("SELECT seq, id, deliveries, payload FROM work "
            + "WHERE queue = ? AND visible_at <= ? ORDER BY visible_at, seq LIMIT ?");
        s.setString(1, queue);
        s.setLong(2, nowMicros);
        s.setInt(3, max);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            sequences.add(r.getLong(1));
            claimed.add(new WorkItem(r.getString(2), new JsonObject(r.getString(4)), r.getInt(3) + 1));
          }
        }
      }
      {
        PreparedStatement s = c.prepare(
            "UPDATE work SET visible_at = ?, deliveries = deliveries + 1 WHERE seq = ?");
        for (long seq : sequences) {
          s.setLong(1, until);
          s.setLong(2, seq);
          s.addBatch();
        }
        s.executeBatch();
      }
      return claimed;
    });
  }

  @Override
  public Future<Void> complete(String queue, String id) {
    return db.write(c -> {
      PreparedStatement s = c.prepare("DELETE FROM work WHERE queue = ? AND id = ?");
      s.setString(1, queue);
      s.setString(2, id);
      s.executeUpdate();
      return null;
    });
  }

  @Override
  public Future<Optional<Instant>> nextVisible(String queue, Instant now) {
    return db.read(c -> {
      PreparedStatement s = c.prepare("SELECT min(visible_at) FROM work WHERE queue = ?");
      s.setString(1, queue);
      try (ResultSet r = s.executeQuery()) {
        long value = r.next() ? r.getLong(1) : 0;
        if (r.wasNull()) {
          return Optional.<Instant>empty();
        }
        return Optional.of(value <= Micros.of(now) ? now : Micros.instant(value));
      }
    });
  }

  @Override
  public Future<Long> size(String queue) {
    return db.read(c -> {
      PreparedStatement s = c.prepare("SELECT count(*) FROM work WHERE queue = ?");
      s.setString(1, queue);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getLong(1) : 0L;
      }
    });
  }
}
