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
 * Delivers publications, one delivery per emitter whose filter accepts them, and moves dead letters back
 * for replay. Queueing is idempotent per (report, version, emitter), so doing it again after a crash
 * never delivers twice what was delivered and recorded.
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
   * @param runners this instance's emitter runners, which attempt the first delivery of what this
   *                instance publishes before anything is stored (see {@link #deliver})
   */
  public EmissionService(ReportRepository reports, Outbox outbox, List<EmitterSpec> emitters, Clock clock,
                         Wakeups wakeups, RecentPublications recent,
                         List<EmitterRunner> runners) {
    this.recent = recent;
    runners.forEach(runner -> this.runners.put(runner.name(), runner));
    this.reports = reports;
    this.outbox = outbox;
    this.emitters = List.copyOf(emitters);
    this.clock = clock;
    this.wakeups = wakeups;
  }

  /**
   * Delivers a version this instance has just published, as published: this instance's emitters find it
   * in memory. Under the lease of the review timer that published it ({@code leasedUntil}), each emitter
   * that can start at once attempts it before anything is stored, and only the outcome is written (see
   * {@link EmitterRunner#deliverOrQueue}); the others, and every emitter of a review without a lease (an
   * early one), get a delivery queued in the outbox, due now. Completes once every attempt is recorded
   * and every delivery queued, which is when the timer may be completed. Call on the emission stage's
   * context, where the runners live.
   */
  public Future<Void> deliver(Report published, Instant leasedUntil) {
    recent.add(published);
    List<Future<Void>> handed = new ArrayList<>();
    for (EmitterSpec spec : emitters) {
      if (spec.filter().accepts(published)) {
        handed.add(runners.get(spec.name()).deliverOrQueue(published, leasedUntil));
      }
    }
    // Join rather than all: the timer is released only once every one has settled.
    return Future.join(handed).mapEmpty();
  }

  /**
   * Queues the deliveries of a version published earlier or elsewhere (a review timer fired again, or a
   * second review of a version another instance published), reading the publication from the store.
   * Each is due only once the publisher's own first attempt would have been recorded (published at + the
   * emitter's attempt lease): should the publisher be attempting it right now, it then finds this
   * delivery queued and records its outcome on it, so nothing is delivered twice; should it have died,
   * this delivery is due by the time its review timer fires again.
   */
  public Future<Void> enqueue(String reportId, int version) {
    return reports.publication(reportId, version).compose(found -> {
      if (found.isEmpty()) {
        LOG.log(Level.WARNING, "publication " + reportId + " v" + version + " is missing; nothing to deliver");
        return Future.succeededFuture();
      }
      Report published = found.get();
      Instant now = clock.now();
      Instant publishedAt = EmitterRunner.publishedAt(published);
      List<Delivery> queued = new ArrayList<>();
      for (EmitterSpec spec : emitters) {
        if (spec.filter().accepts(published)) {
          Instant afterPublisher = publishedAt.plus(EmitterRunner.attemptLease(spec));
          queued.add(Delivery.held(spec.name(), reportId, version, now, afterPublisher.isAfter(now)
              ? afterPublisher : now));
        }
      }
      return queue(queued);
    });
  }

  private Future<Void> queue(List<Delivery> deliveries) {
    List<Future<Boolean>> writes = new ArrayList<>();
    for (Delivery delivery : deliveries) {
      writes.add(outbox.enqueue(delivery).andThen(ar -> wakeups.wake(Wakeups.emitter(delivery.emitter()))));
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
