package org.alertresponder.adapter.local.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * A connection with its prepared statements kept for reuse: preparing costs more than running most of
 * the store's statements. Confined to the one database thread that owns the connection; statements it
 * hands out must not be closed by the caller.
 */
public final class SqlSession implements AutoCloseable {
  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  SqlSession(Connection connection) {
    this.connection = connection;
  }

  public Connection connection() {
    return connection;
  }

  /** The prepared statement for {@code sql}, prepared once per connection. */
  public PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement statement = statements.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      statements.put(sql, statement);
    }
    return statement;
  }

  @Override
  public void close() throws SQLException {
    try {
      for (PreparedStatement statement : statements.values()) {
        statement.close();
      }
    } finally {
      statements.clear();
      connection.close();
    }
  }
}
