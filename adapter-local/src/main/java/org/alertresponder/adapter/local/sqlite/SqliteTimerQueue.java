package org.alertresponder.adapter.local.sqlite;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.spi.TimerEntry;
import org.alertresponder.engine.spi.TimerQueue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Timers as rows: they survive a restart, and overdue ones are claimable at once when it comes back. */
final class SqliteTimerQueue implements TimerQueue {
  private final SqliteDatabase db;

  SqliteTimerQueue(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Future<Boolean> schedule(TimerEntry entry) {
    // Only the payload is JSON; the rest are columns, which keeps encoding off the caller's thread cheap.
    String payload = entry.payload().encode();
    long dueAt = Micros.of(entry.dueAt());
    return db.write(c -> {
      PreparedStatement s = c.prepare("INSERT OR IGNORE INTO timers (id, kind, due_at, visible_at, deliveries, "
          + "payload) VALUES (?, ?, ?, ?, 0, ?)");
      s.setString(1, entry.id());
      s.setString(2, entry.kind());
      s.setLong(3, dueAt);
      s.setLong(4, dueAt);
      s.setString(5, payload);
      return s.executeUpdate() == 1;
    });
  }

  @Override
  public Future<List<TimerEntry>> claimDue(Instant now, int max, Duration lease) {
    long nowMicros = Micros.of(now);
    long until = Micros.of(now.plus(lease));
    return db.write(c -> {
      List<TimerEntry> claimed = new ArrayList<>();
      List<Long> sequences = new ArrayList<>();
      {
        PreparedStatement s = c.prepare(
            "SELECT seq, deliveries, id, kind, due_at, payload FROM timers WHERE visible_at <= ? "
              + "ORDER BY visible_at, seq LIMIT ?");
        s.setLong(1, nowMicros);
        s.setInt(2, max);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            sequences.add(r.getLong(1));
            claimed.add(new TimerEntry(r.getString(3), r.getString(4), Micros.instant(r.getLong(5)),
                new JsonObject(r.getString(6)), r.getInt(2) + 1));
          }
        }
      }
      {
        PreparedStatement s = c.prepare(
            "UPDATE timers SET visible_at = ?, deliveries = deliveries + 1 WHERE seq = ?");
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
  public Future<Void> complete(String id) {
    return db.write(c -> {
      PreparedStatement s = c.prepare("DELETE FROM timers WHERE id = ?");
      s.setString(1, id);
      s.executeUpdate();
      return null;
    });
  }

  @Override
  public Future<Void> release(String id, Instant dueAt) {
    return db.write(c -> {
      PreparedStatement s = c.prepare("UPDATE timers SET visible_at = ? WHERE id = ?");
      s.setLong(1, Micros.of(dueAt));
      s.setString(2, id);
      s.executeUpdate();
      return null;
    });
  }

  @Override
  public Future<Optional<Instant>> nextDue() {
    return db.read(c -> {
      PreparedStatement s = c.prepare("SELECT min(visible_at) FROM timers");
      try (ResultSet r = s.executeQuery()) {
        long value = r.next() ? r.getLong(1) : 0;
        return r.wasNull() ? Optional.<Instant>empty() : Optional.of(Micros.instant(value));
      }
    });
  }

  @Override
  public Future<Long> size() {
    return db.read(c -> {
      PreparedStatement s = c.prepare("SELECT count(*) FROM timers");
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getLong(1) : 0L;
      }
    });
  }
}
