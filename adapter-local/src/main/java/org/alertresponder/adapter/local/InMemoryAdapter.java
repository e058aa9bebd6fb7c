package org.alertresponder.adapter.local;

import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.engine.spi.Outbox;
import org.alertresponder.engine.spi.ReportRepository;
import org.alertresponder.engine.spi.ResultCache;
import org.alertresponder.engine.spi.TimerQueue;
import org.alertresponder.engine.spi.WorkQueue;

/**
 * Every port in memory: for tests, and for embedding where losing in-flight work on a crash is
 * acceptable. Thread-safe; one instance may be shared by an engine's verticles on every event loop.
 * Survives an engine's stop and start (nothing is closed), not the process.
 *
 * <p>Nothing is ever removed: reports, published versions and delivered deliveries (kept so that a
 * publication is never delivered twice) stay until the process ends. Memory therefore grows with the
 * number of reports; a long-running embedding should use a store with retention.
 */
public final class InMemoryAdapter implements Adapter {
  private final InMemoryReportRepository reports = new InMemoryReportRepository();
  private final InMemoryTimerQueue timers = new InMemoryTimerQueue();
  private final InMemoryWorkQueue work = new InMemoryWorkQueue();
  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final InMemoryResultCache cache = new InMemoryResultCache();

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

  @Override
  public String describe() {
    return "in-memory";
  }
}
