package org.alertresponder.adapter.local.sqlite;

import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.tck.ports.ResultCacheContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

class SqliteResultCacheTest extends ResultCacheContract {
  @TempDir
  Path dir;

  @Override
  protected Adapter newAdapter() {
    return new SqliteAdapter(dir.resolve(UUID.randomUUID() + ".db"));
  }
}
