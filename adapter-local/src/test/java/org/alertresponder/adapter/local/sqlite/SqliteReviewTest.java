package org.alertresponder.adapter.local.sqlite;

import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.tck.pipeline.ReviewScenarios;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

class SqliteReviewTest extends ReviewScenarios {
  @TempDir
  Path dir;

  @Override
  protected Adapter newAdapter() {
    return new SqliteAdapter(dir.resolve(UUID.randomUUID() + ".db"));
  }
}
