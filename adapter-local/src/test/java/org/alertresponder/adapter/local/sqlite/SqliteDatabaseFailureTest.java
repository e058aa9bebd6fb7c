package org.alertresponder.adapter.local.sqlite;

import io.vertx.core.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The writer and the readers survive what goes wrong inside them, and every call is answered. */
class SqliteDatabaseFailureTest {
  @TempDir
  Path dir;
  private SqliteDatabase db;

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static Throwable failure(Future<?> future) throws Exception {
    try {
      await(future);
      return null;
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    }
  }

  private static void exec(SqlSession s, String sql) throws java.sql.SQLException {
    try (Statement statement = s.connection().createStatement()) {
      statement.execute(sql);
    }
  }

  /**
   * SQLITE_FULL rolls back the whole transaction, savepoints included. The writer must notice, fail the
   * group and start afresh; it once stayed out of step with SQLite and answered every later (committed)
   * write with a failure.
   */
  @Test
  void afterADiskFullErrorAWriteThatCommittedIsNotAnsweredWithAFailure() throws Exception {
    Path file = dir.resolve("store.db");
    db = new SqliteDatabase(file, false);
    db.open(1);
    await(db.write(s -> {
      exec(s, "CREATE TABLE t (x TEXT, b BLOB)");
      return null;
    }));
    // A full disk, simulated by capping the file at its current size.
    await(db.write(s -> {
      long pages;
      try (Statement st = s.connection().createStatement(); ResultSet r = st.executeQuery("PRAGMA page_count")) {
        r.next();
        pages = r.getLong(1);
      }
      exec(s, "PRAGMA max_page_count = " + (pages + 1));
      return null;
    }));
    Throwable full = failure(db.write(s -> {
      exec(s, "INSERT INTO t VALUES ('big', zeroblob(1000000))");
      return null;
    }));
    // SQLite rolled the whole transaction back on SQLITE_FULL, so ROLLBACK TO fails: "no such savepoint".
    assertThat(full).isNotNull();
    // Space is freed (whatever this write is answered, the setting takes effect).
    failure(db.write(s -> {
      exec(s, "PRAGMA max_page_count = 1073741823");
      return null;
    }));

    Throwable after = failure(db.write(s -> {
      exec(s, "INSERT INTO t (x) VALUES ('after')");
      return null;
    }));
    int committed;
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
         Statement st = other.createStatement();
         ResultSet r = st.executeQuery("SELECT count(*) FROM t WHERE x = 'after'")) {
      r.next();
      committed = r.getInt(1);
    }
    assertThat(committed).as("the row is on disk").isEqualTo(1);
    assertThat(after).as("the caller of a committed write must not see a failure").isNull();
  }

  /** An Error thrown inside a write once killed the writer thread, and no later write was ever answered. */
  @Test
  void anErrorInOneWriteDoesNotLeaveLaterWritesHangingForever() throws Exception {
    db = new SqliteDatabase(dir.resolve("store.db"), false);
    db.open(1);
    Future<Object> boom = db.write(s -> {
      throw new StackOverflowError("simulated");
    });
    assertThat(failure(boom)).isInstanceOf(StackOverflowError.class); // TimeoutException: never answered
    assertThat(await(db.<Integer>write(s -> 1)).intValue()).isEqualTo(1);
  }

  @Test
  void anErrorInAWriteOfAGroupStillAnswersTheOthers() throws Exception {
    db = new SqliteDatabase(dir.resolve("store.db"), false);
    db.open(1);
    Future<Integer> fine = db.<Integer>write(s -> 1);
    Future<Object> boom = db.write(s -> {
      throw new OutOfMemoryError("simulated");
    });
    Future<Integer> later = db.<Integer>write(s -> 2);
    assertThat(await(fine).intValue()).isEqualTo(1);
    assertThat(await(later).intValue()).isEqualTo(2);
  }

  /** An Error in a read once killed its reader thread, and the replacement found no connection left. */
  @Test
  void anErrorInOneReadDoesNotBreakLaterReads() throws Exception {
    db = new SqliteDatabase(dir.resolve("store.db"), false);
    db.open(1);
    assertThat(await(db.<Integer>read(s -> 1)).intValue()).isEqualTo(1);
    db.read(s -> {
      throw new StackOverflowError("simulated");
    });
    assertThat(await(db.<Integer>read(s -> 2)).intValue()).isEqualTo(2);
  }

  /** A write racing close() was once queued after the writer's last drain and never answered. */
  @Test
  void everyWriteIsAnsweredWhenCloseRacesWithIt() throws Exception {
    for (int round = 0; round < 20; round++) {
      SqliteDatabase database = new SqliteDatabase(dir.resolve("store-" + round + ".db"), false);
      database.open(1);
      List<Future<Integer>> futures = java.util.Collections.synchronizedList(new ArrayList<>());
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Thread thread = new Thread(() -> {
          for (int i = 0; i < 2000; i++) {
            futures.add(database.<Integer>write(s -> 1));
          }
        });
        threads.add(thread);
        thread.start();
      }
      Thread.sleep(1);
      database.close();
      for (Thread thread : threads) {
        thread.join();
      }
      long unanswered = Long.MAX_VALUE;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (unanswered > 0 && System.nanoTime() < deadline) {
        synchronized (futures) {
          unanswered = futures.stream().filter(future -> !future.isComplete()).count();
        }
        Thread.sleep(unanswered > 0 ? 20 : 0);
      }
      assertThat(unanswered).as("round " + round + ": writes never answered").isZero();
    }
  }
}
