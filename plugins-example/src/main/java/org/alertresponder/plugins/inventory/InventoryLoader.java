package org.alertresponder.plugins.inventory;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileProps;
import io.vertx.core.file.FileSystem;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.engine.spi.ConfigurationException;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the inventory files, keeps the current {@link Inventory}, and re-reads a file when its
 * last-modified time or size changes.
 *
 * <p>Everything it does runs on one Vert.x context of its own: file metadata and contents come through
 * {@code vertx.fileSystem()}, parsing and indexing run in {@code executeBlocking}, and its bookkeeping is
 * touched by that context only. Inspections read the current inventory through a volatile field, from
 * whichever thread they run on. Checks are scheduled with the engine's clock, one after the other, so that
 * two checks never overlap.
 */
final class InventoryLoader {
  private static final System.Logger LOG = System.getLogger(InventoryLoader.class.getName());

  /** What a file looked like when it was last looked at. */
  private record Stamp(long lastModified, long size) {
  }

  /** Marks a file that could not be looked at, so that it is reported once, not at every check. */
  private static final Stamp UNREADABLE = new Stamp(-1, -1);

  private record Read(Stamp stamp, ParsedFile parsed) {
  }

  private final String name;
  private final Context context;
  private final FileSystem fileSystem;
  private final Clock clock;
  private final List<InventoryFile> files;
  private final Duration interval;
  private final String optionsPath;
  private final Map<InventoryFile, ParsedFile> loaded = new HashMap<>();
  private final Map<InventoryFile, Stamp> seen = new HashMap<>();
  private final List<Promise<Void>> checkWaiters = new ArrayList<>();
  private volatile Inventory inventory;
  /** The next check, while one is scheduled; null once closed. */
  private Clock.Cancellable nextCheck;
  private volatile boolean closed;

  /**
   * @param name        the inspector's name, for log lines
   * @param interval    between checks; zero reads the files once
   * @param optionsPath the path of the plugin's options, against which a file error names a mapping option
   */
  InventoryLoader(String name, Vertx vertx, Clock clock, List<InventoryFile> files, Duration interval,
                  String optionsPath) {
    this.name = name;
    this.context = vertx.getOrCreateContext();
    this.fileSystem = vertx.fileSystem();
    this.clock = clock;
    this.files = List.copyOf(files);
    this.interval = interval;
    this.optionsPath = optionsPath;
  }

  /** The inventory as last read, or null before the first read has completed. */
  Inventory current() {
    return inventory;
  }

  /**
   * Reads every file and, when all of them could be used, schedules the checks.
   *
   * @return the inventory, or a {@link ConfigurationException} naming the first file (in the order of the
   *     options) that is missing or malformed, and where in it
   */
  Future<Inventory> start() {
    Promise<Inventory> done = Promise.promise();
    context.runOnContext(v -> loadAll().onComplete(ar -> {
      if (ar.succeeded() && !interval.isZero()) {
        scheduleCheck();
      }
      done.handle(ar);
    }));
    return done.future();
  }

  /** Completes when the next check of the files (and the reload it may cause) is over; for tests. */
  synchronized Future<Void> nextCheck() {
    Promise<Void> waiter = Promise.promise();
    checkWaiters.add(waiter);
    return waiter.future();
  }

  private Future<Inventory> loadAll() {
    List<Future<Read>> reads = new ArrayList<>(files.size());
    for (InventoryFile file : files) {
      reads.add(fileSystem.props(file.path().toString())
          .compose(props -> read(file, stampOf(props)), failure -> Future.failedFuture(unreadable(file, failure))));
    }
    return Future.join(reads).transform(ignored -> {
      for (int i = 0; i < files.size(); i++) {
        if (reads.get(i).failed()) {
          return Future.failedFuture(asConfigurationError(files.get(i), reads.get(i).cause()));
        }
      }
      for (int i = 0; i < files.size(); i++) {
        Read read = reads.get(i).result();
        seen.put(files.get(i), read.stamp());
        loaded.put(files.get(i), read.parsed());
      }
      return rebuild().onSuccess(built -> LOG.log(Level.INFO, () -> "inventory inspector " + name + ": read "
          + built.assetCount() + " assets and " + built.userCount() + " users from " + files.size() + " files"));
    });
  }

  private Future<Read> read(InventoryFile file, Stamp stamp) {
    if (stamp == null) {
      return Future.failedFuture(new InventoryFileException(null, "a regular file", "something else (a folder?)",
          null));
    }
    return fileSystem.readFile(file.path().toString())
        .recover(failure -> Future.failedFuture(unreadable(file, failure)))
        .compose(buffer -> context.executeBlocking(
            () -> new Read(stamp, InventoryParser.parse(file, buffer.toString(StandardCharsets.UTF_8))), false));
  }

  private Future<Inventory> rebuild() {
    List<ParsedFile> parsed = new ArrayList<>(files.size());
    for (InventoryFile file : files) {
      parsed.add(loaded.getOrDefault(file, ParsedFile.EMPTY));
    }
    return context.executeBlocking(() -> Inventory.of(parsed), false).onSuccess(built -> inventory = built);
  }

  /** Stops checking the files. */
  synchronized void close() {
    closed = true;
    if (nextCheck != null) {
      nextCheck.cancel();
      nextCheck = null;
    }
  }

  private synchronized void scheduleCheck() {
    if (closed) {
      return;
    }
    nextCheck = clock.schedule(interval, () -> check().onComplete(ar -> {
      // The next check is scheduled before anyone waiting hears of this one, so that whoever moves the
      // clock on next finds it in place.
      scheduleCheck();
      List<Promise<Void>> waiters;
      synchronized (this) {
        waiters = new ArrayList<>(checkWaiters);
        checkWaiters.clear();
      }
      waiters.forEach(Promise::tryComplete);
    }));
  }

  /** Looks at every file and rebuilds the inventory when one of them was reloaded. Never fails. */
  private Future<Void> check() {
    List<Future<Boolean>> changes = new ArrayList<>(files.size());
    for (InventoryFile file : files) {
      changes.add(checkOne(file));
    }
    return Future.join(changes).transform(ignored -> {
      boolean changed = changes.stream().anyMatch(change -> change.succeeded() && change.result());
      return changed ? rebuild().<Void>mapEmpty().otherwise(failure -> {
        LOG.log(Level.WARNING, "inventory inspector " + name + ": could not index the inventory, keeping the "
            + "previous one: " + failure.getClass().getSimpleName());
        return null;
      }) : Future.succeededFuture();
    });
  }

  /** True when the file changed and was read again; a file that cannot be used is reported once per change. */
  private Future<Boolean> checkOne(InventoryFile file) {
    return fileSystem.props(file.path().toString()).transform(looked -> {
      if (looked.failed()) {
        if (seen.put(file, UNREADABLE) != UNREADABLE) {
          warnKept(file, unreadable(file, looked.cause()).getMessage());
        }
        return Future.succeededFuture(false);
      }
      Stamp stamp = stampOf(looked.result());
      Stamp before = seen.put(file, stamp == null ? UNREADABLE : stamp);
      if (stamp != null && stamp.equals(before)) {
        return Future.succeededFuture(false);
      }
      if (stamp == null && before == UNREADABLE) {
        return Future.succeededFuture(false);
      }
      return read(file, stamp).transform(read -> {
        if (read.failed()) {
          warnKept(file, read.cause() instanceof InventoryFileException problem ? problem.getMessage()
              : read.cause().getMessage());
          return Future.succeededFuture(false);
        }
        loaded.put(file, read.result().parsed());
        LOG.log(Level.INFO, () -> "inventory inspector " + name + ": reloaded " + file.describe());
        return Future.succeededFuture(true);
      });
    });
  }

  private void warnKept(InventoryFile file, String reason) {
    LOG.log(Level.WARNING, "inventory inspector " + name + ": could not reload " + file.describe()
        + ", keeping the data read before: " + reason);
  }

  private static Stamp stampOf(FileProps props) {
    return props.isRegularFile() ? new Stamp(props.lastModifiedTime(), props.size()) : null;
  }

  /** A file that cannot be opened; the message names the file but no content. */
  private static InventoryFileException unreadable(InventoryFile file, Throwable failure) {
    if (failure instanceof InventoryFileException problem) {
      return problem;
    }
    boolean missing = false;
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      missing |= cause instanceof NoSuchFileException;
    }
    return new InventoryFileException(null, "a readable file", missing ? "no file at " + file.path()
        : "a file that cannot be read (" + failure.getClass().getSimpleName() + ")", null);
  }

  private ConfigurationException asConfigurationError(InventoryFile file, Throwable failure) {
    InventoryFileException problem = failure instanceof InventoryFileException known ? known
        : unreadable(file, failure);
    String path = problem.option() == null ? file.optionPath() : optionsPath + "." + problem.option();
    String location = "file " + file.path() + (problem.where() == null ? "" : ", " + problem.where());
    return new ConfigurationException(path, problem.expected(), problem.found(), location);
  }
}
