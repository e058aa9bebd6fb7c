package org.alertresponder.engine.emission;

import io.vertx.core.Future;
import org.alertresponder.engine.api.Delivery;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.internal.Wakeups;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.engine.spi.EmitterSpec;
import org.alertresponder.engine.spi.Outbox;
import org.alertresponder.engine.spi.ReportRepository;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Puts publications in the outbox, one delivery per emitter whose filter accepts them, and moves dead
 * letters back for replay. Enqueueing is idempotent per (report, version, emitter), so doing it again
 * after a crash never delivers twice what was delivered.
 */
public final class EmissionService {
  private static final System.Logger LOG = System.getLogger(EmissionService.class.getName());

  private final ReportRepository reports;
  private final Outbox outbox;
  private final List<EmitterSpec> emitters;
  private final Clock clock;
  private final Wakeups wakeups;
  private final RecentPublications recent;
  private final Map<String, EmitterRunner> runners = new HashMap<>();

  /**
   * @param runners this instance's emitter runners, which attempt the deliveries of what this instance
   *                publishes at once, without claiming them from the outbox
   */
  public EmissionService(ReportRepository reports, Outbox outbox, List<EmitterSpec> emitters, Clock clock,
                         Wakeups wakeups, RecentPublications recent, List<EmitterRunner> runners) {
    this.recent = recent;
    runners.forEach(runner -> this.runners.put(runner.name(), runner));
    this.reports = reports;
    this.outbox = outbox;
    this.emitters = List.copyOf(emitters);
    this.clock = clock;
    this.wakeups = wakeups;
  }

  /** Queues the deliveries of a published version, reading the publication from the store. */
  public Future<Void> enqueue(String reportId, int version) {
    return reports.publication(reportId, version).compose(found -> {
      if (found.isEmpty()) {
        LOG.log(Level.WARNING, "publication " + reportId + " v" + version + " is missing; nothing to deliver");
        return Future.succeededFuture();
      }
      return enqueueDeliveries(found.get(), false);
    });
  }

  /**
   * Queues the deliveries of a version this instance has just published, exactly as stored: nothing is
   * read back, this instance's emitters find it in memory, and each delivery is queued held for this
   * instance's emitter, which attempts it at once instead of claiming it (a claim costs the store a query
   * and a write). Should this instance die first, the hold ends as a claim's lease would, and any
   * instance delivers it.
   */
  public Future<Void> enqueue(Report published) {
    recent.add(published);
    return enqueueDeliveries(published, true);
  }

  /**
   * One delivery per emitter whose filter accepts the report; held for this instance's emitter when
   * {@code hold} (see {@link #enqueue(Report)}), otherwise due now for whichever instance claims it.
   */
  private Future<Void> enqueueDeliveries(Report report, boolean hold) {
    Instant now = clock.now();
    List<Future<Boolean>> writes = new ArrayList<>();
    for (EmitterSpec spec : emitters) {
      if (!spec.filter().accepts(report)) {
        continue;
      }
      // An emitter busy to its concurrency limit takes the delivery from the outbox when it can, as any
      // other instance's would, rather than leave it held for a lease.
      EmitterRunner candidate = hold ? runners.get(spec.name()) : null;
      EmitterRunner runner = candidate != null && candidate.hasCapacity() ? candidate : null;
      Delivery delivery = runner == null ? Delivery.pending(spec.name(), report.id(), report.version(), now)
          : runner.held(report.id(), report.version(), now);
      writes.add(outbox.enqueue(delivery).andThen(ar -> {
        if (ar.succeeded() && ar.result() && runner != null) {
          runner.offer(delivery);
        } else {
          wakeups.wake(Wakeups.emitter(spec.name()));
        }
      }));
    }
    return Future.all(writes).mapEmpty();
  }

  /**
   * Replays a dead letter: pending again, attempts reset, due now.
   *
   * @return the delivery as replayed; fails with {@link NoSuchElementException} when no dead letter has the id
   */
  public Future<Delivery> replay(String deliveryId) {
    return outbox.replay(deliveryId, clock.now()).compose(replayed -> {
      if (replayed.isEmpty()) {
        return Future.failedFuture(new NoSuchElementException("no dead letter with id " + deliveryId));
      }
      wakeups.wake(Wakeups.emitter(replayed.get().emitter()));
      return Future.succeededFuture(replayed.get());
    });
  }
}
