package org.alertresponder.adapter.local.sqlite;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.spi.InspectionResult;
import org.alertresponder.engine.spi.ResultCache;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** Inspection results as rows; expired ones are ignored and purged in the background. */
final class SqliteResultCache implements ResultCache {
  private final SqliteDatabase db;

  SqliteResultCache(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Future<Optional<InspectionResult>> get(String key, Instant now) {
    long nowMicros = Micros.of(now);
    return db.read(c -> {
      PreparedStatement s = c.prepare("SELECT result FROM cache WHERE key = ? AND expires_at > ?");
      s.setString(1, key);
      s.setLong(2, nowMicros);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(InspectionResult.fromStoredJson(new JsonObject(r.getString(1)))) : Optional.<InspectionResult>empty();
      }
    });
  }

  @Override
  public Future<Void> put(String key, InspectionResult result, Instant expiresAt) {
    String json = result.toStoredJson().encode();
    return db.write(c -> {
      PreparedStatement s = c.prepare("INSERT INTO cache (key, expires_at, result) VALUES (?, ?, ?) "
          + "ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at, result = excluded.result");
      s.setString(1, key);
      s.setLong(2, Micros.of(expiresAt));
      s.setString(3, json);
      s.executeUpdate();
      return null;
    });
  }

  /** Deletes results expired before {@code now}. */
  Future<Integer> purgeExpired(Instant now) {
    return db.write(c -> {
      PreparedStatement s = c.prepare("DELETE FROM cache WHERE expires_at <= ?");
      s.setLong(1, Micros.of(now));
      return s.executeUpdate();
    });
  }
}
