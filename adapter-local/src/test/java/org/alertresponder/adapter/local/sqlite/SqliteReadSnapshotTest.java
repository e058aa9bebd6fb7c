package org.alertresponder.adapter.local.sqlite;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.alertresponder.engine.api.Alert;
import org.alertresponder.engine.api.ReceivedAlert;
import org.alertresponder.engine.api.ReportHeader;
import org.alertresponder.engine.api.ReportStatus;
import org.alertresponder.engine.spi.StoredReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A loaded report is one snapshot: its header, alerts and findings come from the same commit, as in the
 * in-memory store, even while alerts keep arriving. Its reads once ran as separate transactions.
 */
class SqliteReadSnapshotTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  @TempDir
  Path dir;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aLoadedReportsHeaderCountsExactlyItsAlerts() throws Exception {
    SqliteAdapter adapter = new SqliteAdapter(dir.resolve("store.db"),
        SqliteAdapter.Settings.defaults().withFullSync(false));
    adapter.open(vertx).await(10, TimeUnit.SECONDS);
    adapter.reports().create(new ReportHeader("r-1", "g", "ids", "rule", null, "key", ReportStatus.OPEN, 0, T0, T0,
        0, 0, null, null, 0), null).await(10, TimeUnit.SECONDS);
    Alert alert = Alert.builder("ids", "rule").alertKey("key").timestamp(T0).build();
    List<StoredReport> loads = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread writer = new Thread(() -> {
      for (int i = 0; i < 400; i++) {
        adapter.reports().appendAlert("r-1", new ReceivedAlert("a-" + i, T0.plusMillis(i), alert))
            .toCompletionStage().toCompletableFuture().join();
      }
    });
    writer.start();
    while (writer.isAlive()) {
      loads.add(adapter.reports().load("r-1").await(10, TimeUnit.SECONDS).orElseThrow());
    }
    long torn = loads.stream().filter(s -> s.alerts().size() != s.header().alertCount()).count();
    assertThat(torn).as("loads whose header and alerts come from different commits").isZero();
    adapter.close().await(10, TimeUnit.SECONDS);
  }
}
