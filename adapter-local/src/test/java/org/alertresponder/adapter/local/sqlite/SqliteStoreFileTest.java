package org.alertresponder.adapter.local.sqlite;

import io.vertx.core.Vertx;
import org.alertresponder.engine.api.Alert;
import org.alertresponder.engine.api.Delivery;
import org.alertresponder.engine.api.DeliveryStatus;
import org.alertresponder.engine.api.ReceivedAlert;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportHeader;
import org.alertresponder.engine.api.ReportStatus;
import org.alertresponder.engine.api.Verdict;
import org.alertresponder.engine.spi.TimerEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What is particular to the store file: it survives, it refuses what it cannot use, it forgets on time. */
class SqliteStoreFileTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  @TempDir
  Path dir;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.await(10, TimeUnit.SECONDS);
  }

  private SqliteAdapter open(Path file) throws Exception {
    SqliteAdapter adapter = new SqliteAdapter(file);
    await(adapter.open(vertx));
    return adapter;
  }

  private static ReportHeader header(String id, Instant at) {
    return new ReportHeader(id, "group-" + id, "ids", "rule", null, "key", ReportStatus.OPEN, 0, at, at, 0, 0,
        at.plusSeconds(600), null, 0);
  }

  @Test
  void whatWasWrittenIsThereAfterTheFileIsOpenedAgain() throws Exception {
    Path file = dir.resolve("store.db");
    SqliteAdapter first = open(file);
    await(first.reports().create(header("r-1", T0), null));
    Alert alert = Alert.builder("ids", "rule").alertKey("key").timestamp(T0).build();
    await(first.reports().appendAlert("r-1", new ReceivedAlert("a-1", T0, alert)));
    await(first.timers().schedule(TimerEntry.of("review:r-1:1", "review", T0.plusSeconds(600), null)));
    await(first.close());

    SqliteAdapter second = open(file);
    assertThat(await(second.reports().load("r-1")).orElseThrow().alerts()).hasSize(1);
    assertThat(await(second.timers().claimDue(T0.plusSeconds(601), 10, Duration.ofMinutes(1))))
        .extracting(TimerEntry::id).containsExactly("review:r-1:1");
    await(second.close());
  }

  @Test
  void afterACleanCloseTheFileAloneHoldsEverythingSoACopyOfItIsABackup() throws Exception {
    Path file = dir.resolve("store.db");
    SqliteAdapter adapter = open(file);
    await(adapter.reports().create(header("r-1", T0), null));
    Alert alert = Alert.builder("ids", "rule").alertKey("key").timestamp(T0).build();
    await(adapter.reports().appendAlert("r-1", new ReceivedAlert("a-1", T0, alert)));
    // Reads as well as writes, so that reader connections are open when the store closes.
    for (int i = 0; i < 20; i++) {
      await(adapter.reports().load("r-1"));
    }
    await(adapter.close());

    assertThat(dir.resolve("store.db-wal")).as("the write-ahead log is folded into the file").doesNotExist();
    Path copy = dir.resolve("backup").resolve("copy.db");
    Files.createDirectories(copy.getParent());
    Files.copy(file, copy);
    SqliteAdapter restored = open(copy);
    assertThat(await(restored.reports().load("r-1")).orElseThrow().alerts()).hasSize(1);
    await(restored.close());
  }

  @Test
  void aFileThatIsNotAStoreIsRefusedNamingIt() throws Exception {
    Path file = dir.resolve("corrupt.db");
    Files.write(file, "this is not a database, it is a text file that is long enough to have a header".repeat(100)
        .getBytes());
    StoreUnavailableException e = catchThrowableOfType(StoreUnavailableException.class, () -> open(file));
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).startsWith("the store " + file.toAbsolutePath() + " is not an AlertResponder store "
        + "or is corrupt").contains("restore it from a backup");
  }

  @Test
  void aPathThatCannotBeOpenedAsAFileIsRefusedNamingIt() throws Exception {
    Path file = dir.resolve("a-folder.db");
    Files.createDirectories(file);
    StoreUnavailableException e = catchThrowableOfType(StoreUnavailableException.class, () -> open(file));
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).startsWith("cannot open the store " + file.toAbsolutePath());
  }

  @Test
  void anSqliteFileOfSomethingElseIsRefused() throws Exception {
    Path file = dir.resolve("other.db");
    try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file);
         var statement = connection.createStatement()) {
      statement.execute("CREATE TABLE customers (id INTEGER)");
    }
    StoreUnavailableException e = catchThrowableOfType(StoreUnavailableException.class, () -> open(file));
    assertThat(e.getMessage()).isEqualTo("the store " + file.toAbsolutePath() + " is an SQLite file but not an "
        + "AlertResponder store; give store.path a file of its own");
  }

  @Test
  void aFileWrittenByANewerVersionIsRefused() throws Exception {
    Path file = dir.resolve("newer.db");
    await(open(file).close());
    try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file);
         var statement = connection.createStatement()) {
      statement.execute("PRAGMA user_version = 99");
    }
    StoreUnavailableException e = catchThrowableOfType(StoreUnavailableException.class, () -> open(file));
    assertThat(e.getMessage()).isEqualTo("the store " + file.toAbsolutePath() + " was written by a newer AlertResponder "
        + "(schema version 99; this one knows up to " + SqliteSchema.VERSION + "); run the newer version, or give this "
        + "one another store.path");
  }

  @Test
  void aSecondUserOfTheSameFileIsRefused() throws Exception {
    Path file = dir.resolve("shared.db");
    SqliteAdapter first = open(file);
    StoreUnavailableException e = catchThrowableOfType(StoreUnavailableException.class, () -> open(file));
    assertThat(e.getMessage()).isEqualTo("the store " + file.toAbsolutePath() + " is in use by another AlertResponder "
        + "process; stop it, or give this one another store.path");
    await(first.close());
    await(open(file).close());
  }

  @Test
  void publishedReportsOlderThanTheRetentionArePurgedAndOthersKept() throws Exception {
    SqliteAdapter adapter = open(dir.resolve("retention.db"));
    for (String id : List.of("old-published", "new-published", "old-open")) {
      await(adapter.reports().create(header(id, T0), null));
    }
    Verdict verdict = Verdict.safe("fine");
    for (String id : List.of("old-published", "new-published")) {
      ReportHeader current = await(adapter.reports().header(id)).orElseThrow();
      Instant at = id.startsWith("old") ? T0 : T0.plus(Duration.ofDays(40));
      Report snapshot = new Report(id, current.groupKey(), "ids", "rule", null, "key", ReportStatus.PUBLISHED, 1, T0,
          at, List.of(), List.of(), List.of(), List.of(), List.of(), 0, verdict, List.of())
          .published(1, verdict, at);
      ReportHeader published = current.withPublication(1, verdict, 0).withStatus(ReportStatus.PUBLISHED)
          .withReviewDueAt(null).withUpdatedAt(at);
      assertThat(await(adapter.reports().publish(published, current.revision(), snapshot))).isTrue();
    }

    int purged = await(adapter.purgeOlderThan(T0.plus(Duration.ofDays(30))));

    assertThat(purged).isEqualTo(1);
    assertThat(await(adapter.reports().header("old-published"))).isEmpty();
    assertThat(await(adapter.reports().publication("old-published", 1))).isEmpty();
    assertThat(await(adapter.reports().header("new-published"))).isPresent();
    assertThat(await(adapter.reports().header("old-open"))).as("open reports are never purged").isPresent();
    await(adapter.close());
  }

  @Test
  void aPublicationWithADeliveryPendingOrDeadLetteredIsNotPurged() throws Exception {
    SqliteAdapter adapter = new SqliteAdapter(dir.resolve("store.db"));
    await(adapter.open(vertx));
    ReportHeader header = new ReportHeader("r-1", "group-r-1", "ids", "rule", null, "key", ReportStatus.OPEN, 0, T0, T0,
        0, 0, T0.plusSeconds(600), null, 0);
    await(adapter.reports().create(header, null));
    Verdict verdict = Verdict.safe("fine");
    ReportHeader current = await(adapter.reports().header("r-1")).orElseThrow();
    Report snapshot = new Report("r-1", current.groupKey(), "ids", "rule", null, "key", ReportStatus.PUBLISHED, 1, T0,
        T0, List.of(), List.of(), List.of(), List.of(), List.of(), 0, verdict, List.of()).published(1, verdict, T0);
    assertThat(await(adapter.reports().publish(current.withPublication(1, verdict, 0)
        .withStatus(ReportStatus.PUBLISHED).withReviewDueAt(null).withUpdatedAt(T0), current.revision(), snapshot)))
        .isTrue();
    // One emitter is down: its delivery keeps retrying; another's went to the dead letters for later replay.
    await(adapter.outbox().enqueue(Delivery.pending("siem", "r-1", 1, T0)));
    await(adapter.outbox().retryLater(Delivery.idOf("r-1", 1, "siem"), 5, T0.plus(Duration.ofDays(31)), "down",
        T0.plus(Duration.ofDays(29))));
    await(adapter.outbox().enqueue(Delivery.pending("chat", "r-1", 1, T0)));
    await(adapter.outbox().markDead(Delivery.idOf("r-1", 1, "chat"), 3, "down", T0));

    await(adapter.purgeOlderThan(T0.plus(Duration.ofDays(30))));

    assertThat(await(adapter.outbox().get(Delivery.idOf("r-1", 1, "siem"))).orElseThrow().status())
        .isEqualTo(DeliveryStatus.PENDING);
    assertThat(await(adapter.reports().publication("r-1", 1)))
        .as("EmitterRunner dead-letters a delivery whose publication is gone; replay cannot bring it back")
        .isPresent();
    await(adapter.close());
  }
}
