package org.alertresponder.adapter.local.sqlite;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One SQLite file in WAL mode, used from Vert.x without ever blocking an event loop.
 *
 * <p>Writes go to a single writer thread that commits them in groups: every write waiting when a
 * transaction starts joins it (each inside its own savepoint, so one failing write does not undo the
 * others), and all of them are answered after the one commit — one fsync for a burst of alerts instead of
 * one each. Reads run on a small pool of read-only connections, which WAL lets proceed during writes.
 * Answers complete on the caller's Vert.x context. A lock file keeps a second process off the store.
 */
public final class SqliteDatabase implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(SqliteDatabase.class.getName());
  private static final int MAX_GROUP = 1024;

  /** Work on a connection; runs on a database thread. */
  @FunctionalInterface
  public interface Work<T> {
    T run(SqlSession session) throws SQLException;
  }

  private record Pending<T>(Work<T> work, Promise<T> promise, Context context) {
  }

  private final Path file;
  private final boolean fullSync;
  private final BlockingQueue<Pending<?>> writes = new LinkedBlockingQueue<>();
  private final List<SqlSession> readerSessions = new ArrayList<>();
  private final ThreadLocal<SqlSession> readerSession = new ThreadLocal<>();
  private final AtomicInteger readerThreads = new AtomicInteger();
  /** Reader sessions taken by a reader thread, closed with the database. */
  private final List<SqlSession> opened = new ArrayList<>();
  private FileChannel lockChannel;
  private FileLock lock;
  private Connection writer;
  private SqlSession writerSession;
  private Thread writerThread;
  private ExecutorService readers;
  private volatile boolean closed;

  /**
   * @param fullSync fsync at every commit (survives power loss); otherwise at checkpoints only (survives a
   *                 killed process, not a lost machine)
   */
  public SqliteDatabase(Path file, boolean fullSync) {
    this.file = file.toAbsolutePath();
    this.fullSync = fullSync;
  }

  public Path file() {
    return file;
  }

  /**
   * Opens the file (creating it and its folder if needed), takes the lock, checks it is a store this
   * binary understands and migrates it forward. Blocking: call from a worker thread.
   *
   * @throws StoreUnavailableException naming the file and what to do
   */
  public void open(int readerCount) {
    closed = false;
    writes.clear();
    try {
      Files.createDirectories(file.getParent());
    } catch (FileAlreadyExistsException e) {
      throw new StoreUnavailableException("cannot create the folder of the store " + file + ": " + e.getFile()
          + " exists and is not a folder", e);
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot create the folder of the store " + file + " (" + e + "); check "
          + "that its parent folders are writable", e);
    }
    lock();
    try {
      writer = connect(false);
      writer.setAutoCommit(false);
      SqliteSchema.migrate(writer, file);
      writer.commit();
      writerSession = new SqlSession(writer);
      for (int i = 0; i < readerCount; i++) {
        readerSessions.add(new SqlSession(connect(true)));
      }
    } catch (SQLException e) {
      closeQuietly();
      throw describe(e);
    } catch (RuntimeException e) {
      closeQuietly();
      throw e;
    }
    readers = Executors.newFixedThreadPool(readerCount, runnable -> {
      Thread thread = new Thread(runnable, "alertresponder-sqlite-reader-" + readerThreads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    writerThread = new Thread(this::writeLoop, "alertresponder-sqlite-writer");
    writerThread.setDaemon(true);
    writerThread.start();
  }

  /** Runs {@code work} in the next group commit; the answer comes after the commit. */
  public <T> Future<T> write(Work<T> work) {
    Promise<T> promise = Promise.promise();
    // Checked and queued under the lock close() takes to queue its marker, so that no write can land
    // behind the marker, where the writer would never see it.
    synchronized (writes) {
      if (!closed) {
        writes.add(new Pending<>(work, promise, Vertx.currentContext()));
        return promise.future();
      }
    }
    promise.fail(new StoreUnavailableException("the store " + file + " is closed"));
    return promise.future();
  }

  /** Runs {@code work} on a read-only connection; it sees every write answered before it started. */
  public <T> Future<T> read(Work<T> work) {
    Promise<T> promise = Promise.promise();
    Context context = Vertx.currentContext();
    try {
      readers.execute(() -> {
        try {
          T result = work.run(reader());
          answer(context, promise, result, null);
        } catch (Throwable e) {
          // Errors too: a reader thread that died would take its connection with it.
          answer(context, promise, null, e);
        }
      });
    } catch (RejectedExecutionException | NullPointerException e) {
      promise.fail(new StoreUnavailableException("the store " + file + " is closed"));
    }
    return promise.future();
  }

  /**
   * Like {@link #read}, in one read transaction: every statement of {@code work} reads the same commit.
   * For reads made of several statements; a single statement is a snapshot by itself.
   */
  public <T> Future<T> readSnapshot(Work<T> work) {
    return read(c -> {
      c.prepare("BEGIN").execute();
      try {
        T result = work.run(c);
        c.prepare("COMMIT").execute();
        return result;
      } catch (Throwable e) {
        try {
          c.prepare("ROLLBACK").execute();
        } catch (SQLException ignored) {
          // Nothing was written; a connection that cannot roll back reports it at its next read.
        }
        throw e;
      }
    });
  }

  /** This thread's reader session; one is opened when the pool has none left to hand out. */
  private SqlSession reader() throws SQLException {
    SqlSession session = readerSession.get();
    if (session == null) {
      synchronized (readerSessions) {
        session = readerSessions.isEmpty() ? new SqlSession(connect(true))
            : readerSessions.remove(readerSessions.size() - 1);
        opened.add(session);
      }
      readerSession.set(session);
    }
    return session;
  }

  private void writeLoop() {
    List<Pending<?>> group = new ArrayList<>();
    while (true) {
      try {
        group.add(writes.take());
      } catch (InterruptedException e) {
        break;
      }
      writes.drainTo(group, MAX_GROUP - 1);
      if (group.get(0).work() == null) {
        break;
      }
      try {
        commit(group);
      } catch (Throwable e) {
        // Never let the writer die: every write after it would wait forever.
        LOG.log(Level.ERROR, "the writer of " + file + " failed; " + group.size() + " writes are answered with "
            + "the failure", e);
        for (Pending<?> pending : group) {
          answerAny(pending, null, e);
        }
        resetWriter();
      }
      group.clear();
    }
    failAll(group);
    failAll(new ArrayList<>(writes));
  }

  /**
   * Runs a group of writes in one transaction, each in its own savepoint so that a failing write undoes
   * only itself, then commits once and answers them all. When the transaction itself is lost (SQLite
   * rolls it back whole on a full disk or an I/O error, and then even a savepoint rollback fails), every
   * write of the group is answered with that failure and the writer starts again on a fresh connection.
   */
  private void commit(List<Pending<?>> group) {
    int size = group.size();
    Object[] results = new Object[size];
    Throwable[] failures = new Throwable[size];
    boolean stop = false;
    SQLException lost = writerSession == null ? reopenWriter() : null;
    for (int i = 0; i < size && lost == null; i++) {
      Pending<?> pending = group.get(i);
      if (pending.work() == null) {
        stop = true;
        continue;
      }
      try {
        Savepoint savepoint = writer.setSavepoint();
        try {
          results[i] = pending.work().run(writerSession);
          writer.releaseSavepoint(savepoint);
        } catch (Throwable e) {
          failures[i] = e;
          writer.rollback(savepoint);
        }
      } catch (SQLException e) {
        lost = e;
      }
    }
    if (lost == null) {
      try {
        writer.commit();
      } catch (SQLException e) {
        lost = e;
      }
    }
    if (lost != null) {
      LOG.log(Level.ERROR, "a transaction on " + file + " was lost; its " + size + " writes are answered with the "
          + "failure and retried by their callers", lost);
      for (int i = 0; i < size; i++) {
        if (group.get(i).work() == null) {
          stop = true;
        }
        results[i] = null;
        failures[i] = lost;
      }
      resetWriter();
    }
    for (int i = 0; i < size; i++) {
      answerAny(group.get(i), results[i], failures[i]);
    }
    if (stop) {
      writes.add(new Pending<>(null, Promise.promise(), null));
    }
  }

  /** Drops the writer connection (rolling back whatever it holds) and opens a new one. */
  private void resetWriter() {
    if (writerSession != null) {
      closeQuietly(writerSession);
    }
    writerSession = null;
    writer = null;
    SQLException failed = reopenWriter();
    if (failed != null) {
      LOG.log(Level.ERROR, "cannot reopen " + file + "; the next write tries again", failed);
    }
  }

  /** Opens the writer connection; null when done, or what went wrong (the next group tries again). */
  private SQLException reopenWriter() {
    try {
      Connection connection = connect(false);
      connection.setAutoCommit(false);
      writer = connection;
      writerSession = new SqlSession(connection);
      return null;
    } catch (SQLException e) {
      return e;
    } catch (StoreUnavailableException e) {
      return new SQLException(e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> void answerAny(Pending<T> pending, Object result, Throwable failure) {
    if (pending.work() != null) {
      answer(pending.context(), pending.promise(), (T) result, failure);
    }
  }

  private static <T> void answer(Context context, Promise<T> promise, T result, Throwable failure) {
    if (context == null) {
      complete(promise, result, failure);
      return;
    }
    try {
      context.runOnContext(v -> complete(promise, result, failure));
    } catch (RuntimeException closing) {
      // The caller's event loop is shutting down; answer from here rather than not at all.
      complete(promise, result, failure);
    }
  }

  private static <T> void complete(Promise<T> promise, T result, Throwable failure) {
    if (failure == null) {
      promise.tryComplete(result);
    } else {
      promise.tryFail(failure);
    }
  }

  private void failAll(List<Pending<?>> pending) {
    for (Pending<?> each : pending) {
      if (each.work() != null) {
        answer(each.context(), each.promise(), null, new StoreUnavailableException("the store " + file + " closed"));
      }
    }
  }

  /**
   * Waits for the writes already queued and the reads running, then folds the write-ahead log into the
   * file, closes every connection and releases the lock. After a clean close the file alone holds
   * everything, so a copy of it is a complete backup.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    synchronized (writes) {
      closed = true;
      if (writerThread != null) {
        writes.add(new Pending<>(null, Promise.promise(), null));
      }
    }
    if (writerThread != null) {
      try {
        writerThread.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (writerThread.isAlive()) {
        // A write that does not return (a hung disk): its connection stays with it, since closing it from
        // here would use it from two threads at once, and so does the lock, released with the process.
        LOG.log(Level.ERROR, "the writer of " + file + " did not finish within 30 s; closing without it");
        writerSession = null;
        writer = null;
        lock = null;
        lockChannel = null;
      }
    }
    if (readers != null) {
      readers.shutdown();
      try {
        readers.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    closeQuietly();
  }

  /**
   * Closes the readers first and the writer last: only a writable connection can checkpoint, and SQLite
   * removes the write-ahead log only when the last connection to close has checkpointed it fully.
   */
  private void closeQuietly() {
    synchronized (readerSessions) {
      readerSessions.addAll(opened);
      opened.clear();
      for (SqlSession session : readerSessions) {
        closeQuietly(session);
      }
      readerSessions.clear();
    }
    if (writerSession != null) {
      try (var statement = writerSession.connection().createStatement()) {
        statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      } catch (SQLException e) {
        // The log stays beside the file and is replayed at the next open; nothing is lost.
      }
      closeQuietly(writerSession);
    } else if (writer != null) {
      try {
        writer.close();
      } catch (SQLException ignored) {
        // Closing after a failed open: nothing was written.
      }
    }
    writerSession = null;
    writer = null;
    try {
      if (lock != null) {
        lock.release();
      }
      if (lockChannel != null) {
        lockChannel.close();
      }
    } catch (IOException ignored) {
      // The lock goes with the process anyway.
    }
  }

  private static void closeQuietly(SqlSession session) {
    try {
      session.close();
    } catch (SQLException ignored) {
      // Closing: whatever was committed is in the file or its log.
    }
  }

  private void lock() {
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    try {
      lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      lock = lockChannel.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      // Another adapter of this very process holds it.
      lock = null;
    } catch (AccessDeniedException e) {
      throw new StoreUnavailableException("cannot open the store " + file + ": permission denied on " + lockFile
          + "; run as a user that may write the store's folder, or choose another store.path", e);
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot lock the store " + file + ": " + e.getMessage(), e);
    }
    if (lock == null) {
      try {
        lockChannel.close();
      } catch (IOException ignored) {
        // Only the lock attempt is being undone.
      }
      lockChannel = null;
      throw new StoreUnavailableException("the store " + file + " is in use by another AlertResponder process; "
          + "stop it, or give this one another store.path");
    }
  }

  private Connection connect(boolean readOnly) throws SQLException {
    if (Files.exists(file) && !Files.isReadable(file)) {
      throw new StoreUnavailableException("cannot read the store " + file + ": permission denied; run as a user "
          + "that may read and write it, or choose another store.path");
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(fullSync ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(10_000);
    config.setTempStore(SQLiteConfig.TempStore.MEMORY);
    config.setReadOnly(readOnly);
    Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
    try (var statement = connection.createStatement()) {
      // Reading the schema makes SQLite read the file's header: a file that is not a database fails here.
      statement.execute("SELECT count(*) FROM sqlite_master");
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  private StoreUnavailableException describe(SQLException e) {
    if (e instanceof SQLiteException sqlite && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_NOTADB
        || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CORRUPT)) {
      return new StoreUnavailableException("the store " + file + " is not an AlertResponder store or is corrupt ("
          + sqlite.getResultCode().message + "); restore it from a backup, or move it away to start afresh", e);
    }
    if (e instanceof SQLiteException sqlite && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CANTOPEN
        || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_READONLY
        || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_PERM)) {
      return new StoreUnavailableException("cannot open the store " + file + " (" + sqlite.getResultCode().message
          + "); check that the file and its folder are readable and writable", e);
    }
    return new StoreUnavailableException("cannot open the store " + file + ": " + e.getMessage(), e);
  }
}
