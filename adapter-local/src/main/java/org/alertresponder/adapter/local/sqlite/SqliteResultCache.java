package org.alertresponder.adapter.local.sqlite;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.spi.InspectionResult;
import io.vertx.core.json.JsonArray;
import org.alertresponder.engine.api.AlertCodec;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.api.ReportCodec;
import org.alertresponder.engine.internal.JsonReader;
import org.alertresponder.engine.spi.ResultCache;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        return r.next() ? Optional.of(decode(new JsonObject(r.getString(1)))) : Optional.<InspectionResult>empty();
      }
    });
  }

  @Override
  public Future<Void> put(String key, InspectionResult result, Instant expiresAt) {
    String json = encode(result).encode();
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

  /** The result exactly as given (unlike the plugin protocol, findings keep their author). */
  private static JsonObject encode(InspectionResult result) {
    JsonArray findings = new JsonArray();
    for (Finding finding : result.findings()) {
      findings.add(ReportCodec.encode(finding));
    }
    return new JsonObject().put("findings", findings).put("attributes", AlertCodec.encodeAttributes(result.attributes()));
  }

  private static InspectionResult decode(JsonObject json) {
    List<Finding> findings = new ArrayList<>();
    for (Object finding : json.getJsonArray("findings")) {
      findings.add(ReportCodec.decodeFinding((JsonObject) finding));
    }
    JsonReader reader = new JsonReader();
    List<Attribute> attributes = new ArrayList<>();
    JsonArray array = json.getJsonArray("attributes");
    for (int i = 0; i < array.size(); i++) {
      attributes.add(AlertCodec.decodeAttribute(reader, array.getValue(i), "attributes[" + i + "]"));
    }
    return new InspectionResult(findings, attributes);
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
