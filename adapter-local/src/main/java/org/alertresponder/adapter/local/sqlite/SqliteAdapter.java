package org.alertresponder.adapter.local.sqlite;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.engine.spi.Outbox;
import org.alertresponder.engine.spi.ReportRepository;
import org.alertresponder.engine.spi.ResultCache;
import org.alertresponder.engine.spi.TimerQueue;
import org.alertresponder.engine.spi.WorkQueue;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Every port in one SQLite file: an alert acknowledged is on disk, a timer survives a restart (overdue
 * ones fire as soon as the engine is back), a publication is never silently dropped — even after
 * {@code kill -9}. One process per file (a lock file enforces it).
 *
 * <p>Published reports, delivered deliveries and expired cache entries older than the retention are
 * purged in the background, in small batches that interleave with intake.
 */
public final class SqliteAdapter implements Adapter {
  private static final System.Logger LOG = System.getLogger(SqliteAdapter.class.getName());
  private static final int PURGE_BATCH = 500;

  /**
   * @param retention     published reports (and delivered deliveries) are kept this long after their last
   *                      change (default 30 days)
   * @param purgeInterval how often the purge runs (default 10 minutes)
   * @param fullSync      fsync every commit (survives power loss); false survives a killed process only
   * @param readers       read connections
   */
  public record Settings(Duration retention, Duration purgeInterval, boolean fullSync, int readers) {
    public static Settings defaults() {
      return new Settings(Duration.ofDays(30), Duration.ofMinutes(10), true, 2);
    }

    public Settings withRetention(Duration value) {
      return new Settings(value, purgeInterval, fullSync, readers);
    }

    public Settings withFullSync(boolean value) {
      return new Settings(retention, purgeInterval, value, readers);
    }
  }

  private final SqliteDatabase db;
  private final Settings settings;
  private final SqliteReportRepository reports;
  private final SqliteTimerQueue timers;
  private final SqliteWorkQueue work;
  private final SqliteOutbox outbox;
  private final SqliteResultCache cache;
  private Vertx vertx;
  private long purgeTimer = -1;

  public SqliteAdapter(Path file) {
    this(file, Settings.defaults());
  }

  public SqliteAdapter(Path file, Settings settings) {
    this.db = new SqliteDatabase(file, settings.fullSync());
    this.settings = settings;
    this.reports = new SqliteReportRepository(db);
    this.timers = new SqliteTimerQueue(db);
    this.work = new SqliteWorkQueue(db);
    this.outbox = new SqliteOutbox(db);
    this.cache = new SqliteResultCache(db);
  }

  public Path file() {
    return db.file();
  }

  @Override
  public ReportRepository reports() {
    return reports;
  }

  @Override
  public TimerQueue timers() {
    return timers;
  }

  @Override
  public WorkQueue work() {
    return work;
  }

  @Override
  public Outbox outbox() {
    return outbox;
  }

  @Override
  public ResultCache cache() {
    return cache;
  }

  /**
   * Opens the file off the event loop.
   *
   * @return fails with {@link StoreUnavailableException} naming the file when it cannot be used
   */
  @Override
  public Future<Void> open(Vertx onVertx) {
    this.vertx = onVertx;
    return vertx.executeBlocking(() -> {
      db.open(settings.readers());
      return null;
    }, false).<Void>mapEmpty().onSuccess(v -> {
      purgeTimer = vertx.setPeriodic(settings.purgeInterval().toMillis(), id -> purgeOlderThan(
          Instant.now().minus(settings.retention())));
    });
  }

  @Override
  public Future<Void> close() {
    if (vertx == null) {
      return Future.succeededFuture();
    }
    if (purgeTimer >= 0) {
      vertx.cancelTimer(purgeTimer);
    }
    return vertx.executeBlocking(() -> {
      db.close();
      return null;
    }, false);
  }

  @Override
  public Future<Void> ping() {
    return db.read(c -> {
      try (var statement = c.connection().createStatement()) {
        statement.execute("SELECT 1");
      }
      return null;
    });
  }

  @Override
  public String describe() {
    return "sqlite " + db.file();
  }

  /**
   * Purges, batch after batch, the published reports and delivered deliveries last changed before
   * {@code cutoff}, and expired cache entries.
   *
   * @return how many reports were purged
   */
  public Future<Integer> purgeOlderThan(Instant cutoff) {
    return purgeReports(cutoff, 0)
        .compose(purged -> outbox.purgeDelivered(cutoff, Integer.MAX_VALUE)
            .compose(v -> cache.purgeExpired(Instant.now()))
            .map(v -> purged))
        .onSuccess(purged -> {
          if (purged > 0) {
            LOG.log(Level.INFO, "purged " + purged + " published reports older than " + cutoff);
          }
        })
        .onFailure(e -> LOG.log(Level.WARNING, "purging " + db.file() + " failed; it will be tried again", e));
  }

  private Future<Integer> purgeReports(Instant cutoff, int sofar) {
    return reports.purgePublished(cutoff, PURGE_BATCH).compose(purged -> purged < PURGE_BATCH
        ? Future.succeededFuture(sofar + purged) : purgeReports(cutoff, sofar + purged));
  }
}
