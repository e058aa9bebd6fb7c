package org.alertresponder.adapter.local.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store's schema, as a list of forward migrations. A file remembers its version; opening applies the
 * migrations it lacks, and refuses a file written by a newer binary rather than misread it.
 *
 * <p>Times are stored as microseconds since the epoch (ordering, filters, leases) next to the exact
 * values inside the JSON documents. A report's alert count, last update and revision are columns that
 * override the values in its header document, so that storing an alert changes no JSON.
 */
final class SqliteSchema {
  /** Migration {@code i} brings a file from version {@code i} to {@code i + 1}. */
  static final List<String> MIGRATIONS = List.of("""
      CREATE TABLE reports (
        id TEXT PRIMARY KEY,
        group_key TEXT NOT NULL,
        status TEXT NOT NULL,
        severity TEXT,
        detector TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        revision INTEGER NOT NULL,
        alert_count INTEGER NOT NULL,
        header TEXT NOT NULL
      );
      CREATE INDEX reports_by_status ON reports (status, id);
      CREATE INDEX reports_by_updated ON reports (updated_at);
      CREATE TABLE groups (group_key TEXT PRIMARY KEY, report_id TEXT NOT NULL);
      CREATE TABLE alerts (
        seq INTEGER PRIMARY KEY,
        report_id TEXT NOT NULL,
        alert_id TEXT NOT NULL,
        alert TEXT NOT NULL,
        UNIQUE (report_id, alert_id)
      );
      CREATE TABLE attributes (
        seq INTEGER PRIMARY KEY,
        report_id TEXT NOT NULL,
        hash TEXT NOT NULL,
        attribute TEXT NOT NULL,
        UNIQUE (report_id, hash)
      );
      CREATE TABLE cuts (
        seq INTEGER PRIMARY KEY,
        report_id TEXT NOT NULL,
        hash TEXT NOT NULL,
        record TEXT,
        UNIQUE (report_id, hash)
      );
      CREATE TABLE inspections (
        seq INTEGER PRIMARY KEY,
        report_id TEXT NOT NULL,
        hash TEXT NOT NULL,
        inspector TEXT NOT NULL,
        outcome TEXT NOT NULL,
        UNIQUE (report_id, hash, inspector)
      );
      CREATE TABLE publications (
        report_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        verdict TEXT NOT NULL,
        snapshot TEXT NOT NULL,
        PRIMARY KEY (report_id, version)
      );
      CREATE TABLE timers (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        due_at INTEGER NOT NULL,
        visible_at INTEGER NOT NULL,
        deliveries INTEGER NOT NULL,
        payload TEXT NOT NULL
      );
      CREATE INDEX timers_by_visibility ON timers (visible_at, seq);
      CREATE TABLE work (
        seq INTEGER PRIMARY KEY,
        queue TEXT NOT NULL,
        id TEXT NOT NULL,
        visible_at INTEGER NOT NULL,
        deliveries INTEGER NOT NULL,
        payload TEXT NOT NULL,
        UNIQUE (queue, id)
      );
      CREATE INDEX work_by_visibility ON work (queue, visible_at, seq);
      CREATE TABLE deliveries (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        report_id TEXT NOT NULL,
        emitter TEXT NOT NULL,
        status TEXT NOT NULL,
        visible_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        delivery TEXT NOT NULL
      );
      CREATE INDEX deliveries_pending ON deliveries (emitter, status, visible_at, seq);
      CREATE INDEX deliveries_dead ON deliveries (status, id);
      CREATE INDEX deliveries_by_report ON deliveries (report_id, status);
      CREATE TABLE cache (key TEXT PRIMARY KEY, expires_at INTEGER NOT NULL, result TEXT NOT NULL);
      CREATE INDEX cache_by_expiry ON cache (expires_at);
      """);

  static final int VERSION = MIGRATIONS.size();

  private SqliteSchema() {
  }

  /** Brings the file to {@link #VERSION}, inside the caller's transaction. */
  static void migrate(Connection connection, Path file) throws SQLException {
    int version;
    try (Statement statement = connection.createStatement();
         ResultSet result = statement.executeQuery("PRAGMA user_version")) {
      version = result.next() ? result.getInt(1) : 0;
    }
    if (version > VERSION) {
      throw new StoreUnavailableException("the store " + file + " was written by a newer AlertResponder (schema "
          + "version " + version + "; this one knows up to " + VERSION + "); run the newer version, or give this one "
          + "another store.path");
    }
    if (version == 0 && hasTables(connection)) {
      throw new StoreUnavailableException("the store " + file + " is an SQLite file but not an AlertResponder "
          + "store; give store.path a file of its own");
    }
    for (int next = version; next < VERSION; next++) {
      try (Statement statement = connection.createStatement()) {
        for (String sql : MIGRATIONS.get(next).split(";")) {
          if (!sql.isBlank()) {
            statement.execute(sql);
          }
        }
        statement.execute("PRAGMA user_version = " + (next + 1));
      }
    }
  }

  private static boolean hasTables(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet result = statement.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table'")) {
      return result.next() && result.getInt(1) > 0;
    }
  }
}
