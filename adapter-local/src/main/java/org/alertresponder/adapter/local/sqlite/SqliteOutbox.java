package org.alertresponder.adapter.local.sqlite;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Delivery;
import org.alertresponder.engine.api.DeliveryStatus;
import org.alertresponder.engine.api.Page;
import org.alertresponder.engine.api.ReportCodec;
import org.alertresponder.engine.spi.Outbox;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Deliveries as rows; delivered and dead ones stay, so a re-enqueued publication is never sent twice. */
final class SqliteOutbox implements Outbox {
  private static final String PENDING = DeliveryStatus.PENDING.wireName();
  private static final String DEAD = DeliveryStatus.DEAD.wireName();

  private final SqliteDatabase db;

  SqliteOutbox(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Future<Boolean> enqueue(Delivery delivery) {
    String json = ReportCodec.encode(delivery).encode();
    return db.write(c -> {
      PreparedStatement s = c.prepare("INSERT OR IGNORE INTO deliveries (id, report_id, emitter, status, "
          + "visible_at, updated_at, delivery) VALUES (?, ?, ?, ?, ?, ?, ?)");
      s.setString(1, delivery.id());
      s.setString(2, delivery.reportId());
      s.setString(3, delivery.emitter());
      s.setString(4, delivery.status().wireName());
      // A delivery stored delivered or dead (its first attempt made before it was stored) is never due.
      s.setLong(5, delivery.status() == DeliveryStatus.PENDING ? Micros.of(delivery.nextAttemptAt()) : Long.MAX_VALUE);
      s.setLong(6, Micros.of(delivery.updatedAt()));
      s.setString(7, json);
      return s.executeUpdate() == 1;
    });
  }

  @Override
  public Future<List<Delivery>> claimDue(String emitter, Instant now, int max, Duration lease) {
    long until = Micros.of(now.plus(lease));
    return db.write(c -> {
      List<Delivery> claimed = new ArrayList<>();
      List<Long> sequences = new ArrayList<>();
      {
        PreparedStatement s = c.prepare("SELECT seq, delivery FROM deliveries WHERE emitter = ? "
            + "AND status = ? AND visible_at <= ? ORDER BY visible_at, seq LIMIT ?");
        s.setString(1, emitter);
        s.setString(2, PENDING);
        s.setLong(3, Micros.of(now));
        s.setInt(4, max);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            sequences.add(r.getLong(1));
            claimed.add(ReportCodec.decodeDelivery(new JsonObject(r.getString(2))));
          }
        }
      }
      {
        PreparedStatement s = c.prepare("UPDATE deliveries SET visible_at = ? WHERE seq = ?");
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
  public Future<Void> markDelivered(String id, int attempts, Instant now) {
    return change(id, d -> d.withStatus(DeliveryStatus.DELIVERED, attempts, null, d.lastError(), now), null);
  }

  @Override
  public Future<Void> retryLater(String id, int attempts, Instant nextAttemptAt, String error, Instant now) {
    return change(id, d -> d.withStatus(DeliveryStatus.PENDING, attempts, nextAttemptAt, error, now), nextAttemptAt);
  }

  @Override
  public Future<Void> markDead(String id, int attempts, String error, Instant now) {
    return change(id, d -> d.withStatus(DeliveryStatus.DEAD, attempts, null, error, now), null);
  }

  /** Applies {@code next} to a pending delivery; a delivery in another state is left alone. */
  private Future<Void> change(String id, java.util.function.UnaryOperator<Delivery> next, Instant visibleAt) {
    return db.write(c -> {
      Delivery current = read(c, id);
      if (current == null || current.status() != DeliveryStatus.PENDING) {
        return null;
      }
      Delivery changed = next.apply(current);
      PreparedStatement s = c.prepare(
          "UPDATE deliveries SET status = ?, visible_at = ?, updated_at = ?, delivery = ? WHERE id = ?");
      s.setString(1, changed.status().wireName());
      s.setLong(2, visibleAt == null ? Long.MAX_VALUE : Micros.of(visibleAt));
      s.setLong(3, Micros.of(changed.updatedAt()));
      s.setString(4, ReportCodec.encode(changed).encode());
      s.setString(5, id);
      s.executeUpdate();
      return null;
    });
  }

  @Override
  public Future<Page<Delivery>> deadLetters(String cursor, int limit) {
    return db.read(c -> {
      List<Delivery> items = new ArrayList<>();
      PreparedStatement s = c.prepare("SELECT delivery FROM deliveries WHERE status = ? AND id > ? "
          + "ORDER BY id LIMIT ?");
      s.setString(1, DEAD);
      s.setString(2, cursor == null ? "" : cursor);
      s.setInt(3, limit + 1);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          items.add(ReportCodec.decodeDelivery(new JsonObject(r.getString(1))));
        }
      }
      String next = null;
      if (items.size() > limit) {
        items.remove(items.size() - 1);
        next = items.get(items.size() - 1).id();
      }
      return new Page<>(items, next);
    });
  }

  @Override
  public Future<Optional<Delivery>> replay(String id, Instant now) {
    return db.write(c -> {
      Delivery current = read(c, id);
      if (current == null || current.status() != DeliveryStatus.DEAD) {
        return Optional.<Delivery>empty();
      }
      Delivery replayed = current.withStatus(DeliveryStatus.PENDING, 0, now, current.lastError(), now);
      PreparedStatement s = c.prepare(
          "UPDATE deliveries SET status = ?, visible_at = ?, updated_at = ?, delivery = ? WHERE id = ?");
      s.setString(1, PENDING);
      s.setLong(2, Micros.of(now));
      s.setLong(3, Micros.of(now));
      s.setString(4, ReportCodec.encode(replayed).encode());
      s.setString(5, id);
      s.executeUpdate();
      return Optional.of(replayed);
    });
  }

  @Override
  public Future<Optional<Delivery>> get(String id) {
    return db.read(c -> Optional.ofNullable(read(c, id)));
  }

  @Override
  public Future<Optional<Instant>> nextDue(String emitter) {
    return db.read(c -> {
      PreparedStatement s = c.prepare(
          "SELECT min(visible_at) FROM deliveries WHERE emitter = ? AND status = ?");
      s.setString(1, emitter);
      s.setString(2, PENDING);
      try (ResultSet r = s.executeQuery()) {
        long value = r.next() ? r.getLong(1) : 0;
        return r.wasNull() ? Optional.<Instant>empty() : Optional.of(Micros.instant(value));
      }
    });
  }

  @Override
  public Future<Long> pending(String emitter) {
    return db.read(c -> {
      PreparedStatement s = c.prepare(
          "SELECT count(*) FROM deliveries WHERE emitter = ? AND status = ?");
      s.setString(1, emitter);
      s.setString(2, PENDING);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getLong(1) : 0L;
      }
    });
  }

  /** Deletes delivered deliveries last updated before {@code cutoff}. */
  Future<Integer> purgeDelivered(Instant cutoff, int limit) {
    return db.write(c -> {
      PreparedStatement s = c.prepare("DELETE FROM deliveries WHERE seq IN (SELECT seq FROM deliveries "
          + "WHERE status = ? AND updated_at < ? LIMIT ?)");
      s.setString(1, DeliveryStatus.DELIVERED.wireName());
      s.setLong(2, Micros.of(cutoff));
      s.setInt(3, limit);
      return s.executeUpdate();
    });
  }

  private static Delivery read(SqlSession c, String id) throws SQLException {
    PreparedStatement s = c.prepare("SELECT delivery FROM deliveries WHERE id = ?");
    s.setString(1, id);
    try (ResultSet r = s.executeQuery()) {
      return r.next() ? ReportCodec.decodeDelivery(new JsonObject(r.getString(1))) : null;
    }
  }
}
