package org.alertresponder.adapter.local.sqlite;

import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.tck.ports.OutboxContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

class SqliteOutboxTest extends OutboxContract {
  @TempDir
  Path dir;

  @Override
  protected Adapter newAdapter() {
    return new SqliteAdapter(dir.resolve(UUID.randomUUID() + ".db"));
  }
}
