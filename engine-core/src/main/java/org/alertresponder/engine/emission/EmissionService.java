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
import java.util.ArrayList;
import java.util.List;
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

  public EmissionService(ReportRepository reports, Outbox outbox, List<EmitterSpec> emitters, Clock clock,
                         Wakeups wakeups) {
    this.reports = reports;
    this.outbox = outbox;
    this.emitters = List.copyOf(emitters);
    this.clock = clock;
    this.wakeups = wakeups;
  }

  /** Queues the deliveries of a published version. */
  public Future<Void> enqueue(String reportId, int version) {
    return reports.publication(reportId, version).compose(found -> {
      if (found.isEmpty()) {
        LOG.log(Level.WARNING, "publication " + reportId + " v" + version + " is missing; nothing to deliver");
        return Future.succeededFuture();
      }
      Report report = found.get();
      List<Future<Boolean>> writes = new ArrayList<>();
      List<String> woken = new ArrayList<>();
      for (EmitterSpec spec : emitters) {
        if (spec.filter().accepts(report)) {
          writes.add(outbox.enqueue(Delivery.pending(spec.name(), reportId, version, clock.now())));
          woken.add(spec.name());
        }
      }
      return Future.all(writes).andThen(ar -> woken.forEach(name -> wakeups.wake(Wakeups.emitter(name)))).mapEmpty();
    });
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
