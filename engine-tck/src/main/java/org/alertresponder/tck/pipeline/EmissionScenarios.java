package org.alertresponder.tck.pipeline;

import io.vertx.core.Future;
import org.alertresponder.engine.api.Delivery;
import org.alertresponder.engine.api.DeliveryStatus;
import org.alertresponder.engine.api.Page;
import org.alertresponder.engine.api.Receipt;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.Severity;
import org.alertresponder.engine.api.Verdict;
import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.engine.spi.Backoff;
import org.alertresponder.engine.spi.EmitterFilter;
import org.alertresponder.engine.spi.EmitterSpec;
import org.alertresponder.tck.Scenario;
import org.alertresponder.tck.fixtures.Alerts;
import org.alertresponder.tck.fixtures.HeldEmitter;
import org.alertresponder.tck.fixtures.RecordingEmitter;
import org.alertresponder.tck.fixtures.ScriptedReviewer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DESIGN §3, emission: every publication to every matching emitter at least once, retries with backoff,
 * dead letters and their replay, filters.
 */
public abstract class EmissionScenarios extends PipelineContract {

  @Test
  void aPublicationIsDeliveredToEveryEmitterWithItsVersionAndVerdict() {
    Scenario.Builder builder = scenario().config(c -> c.inspectionDelay(Duration.ZERO)
        .reviewDelay(Duration.ofMinutes(1)));
    RecordingEmitter slack = new RecordingEmitter(builder.clock());
    RecordingEmitter webhook = new RecordingEmitter(builder.clock());
    Scenario s = start(builder.plugins(p -> p
        .reviewer(ScriptedReviewer.always(builder.clock(), Verdict.urgent("brute force from a known scanner")))
        .emitter(EmitterSpec.of("slack"), slack)
        .emitter(EmitterSpec.of("webhook"), webhook)));
    Receipt receipt = s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    s.advance(Duration.ofMinutes(1));

    for (RecordingEmitter emitter : new RecordingEmitter[] {slack, webhook}) {
      assertThat(emitter.delivered()).singleElement().satisfies(report -> {
        assertThat(report.id()).isEqualTo(receipt.reportId());
        assertThat(report.version()).isEqualTo(1);
        assertThat(report.result()).isEqualTo(Verdict.urgent("brute force from a known scanner"));
        assertThat(report.alerts()).hasSize(1);
      });
    }
  }

  @Test
  void stoppingTheEngineClosesThePluginsThatHoldResources() {
    Scenario.Builder builder = scenario();
    AtomicInteger closed = new AtomicInteger();
    class ClosingEmitter implements org.alertresponder.engine.spi.Emitter, AutoCloseable {
      @Override
      public io.vertx.core.Future<Void> emit(org.alertresponder.engine.api.Report report) {
        return io.vertx.core.Future.succeededFuture();
      }

      @Override
      public void close() {
        closed.incrementAndGet();
      }
    }
    class ClosingInspector implements org.alertresponder.engine.spi.Inspector, AutoCloseable {
      @Override
      public io.vertx.core.Future<org.alertresponder.engine.spi.InspectionResult> inspect(
          org.alertresponder.engine.spi.InspectionTask task) {
        return io.vertx.core.Future.succeededFuture(org.alertresponder.engine.spi.InspectionResult.empty());
      }

      @Override
      public void close() {
        closed.incrementAndGet();
      }
    }
    class ClosingReviewer implements org.alertresponder.engine.spi.Reviewer, AutoCloseable {
      @Override
      public io.vertx.core.Future<Verdict> review(org.alertresponder.engine.api.Report report) {
        return io.vertx.core.Future.succeededFuture(Verdict.safe("fine"));
      }

      @Override
      public void close() {
        throw new IllegalStateException("a plugin that fails to close does not stop the others from closing");
      }
    }
    Scenario s = start(builder.plugins(p -> p
        .inspector(org.alertresponder.engine.spi.InspectorSpec.of("whois", "ipaddr"), new ClosingInspector())
        .reviewer(new ClosingReviewer())
        .emitter(EmitterSpec.of("archive"), new ClosingEmitter())));
    assertThat(closed).hasValue(0);

    s.close();

    assertThat(closed).hasValue(2);
  }

  /** A scenario on {@code adapter} with one emitter, {@code pager} (timeout 20 s), publishing after a minute. */
  private Scenario startWithPager(Adapter adapter, HeldEmitter pager) {
    return start(scenario(adapter).config(c -> c.inspectionDelay(Duration.ZERO).reviewDelay(Duration.ofMinutes(1)))
        .holding("emitter:pager", pager)
        .plugins(p -> p.emitter(EmitterSpec.of("pager").withTimeout(Duration.ofSeconds(20)), pager)));
  }

  @Test
  void thePublisherAttemptsTheFirstDeliveryBeforeAnythingIsStoredAndStoresOnlyItsOutcome() {
    Adapter adapter = newAdapter();
    HeldEmitter pager = new HeldEmitter();
    Scenario s = startWithPager(adapter, pager);
    Receipt receipt = s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    s.advance(Duration.ofMinutes(1));
    assertThat(pager.waiting()).isEqualTo(1);

    // The review timer that published the version is still leased: should this instance die now, it
    // fires again and queues the delivery. Until then the outbox holds nothing to claim.
    String id = Delivery.idOf(receipt.reportId(), 1, "pager");
    assertThat(Scenario.await(adapter.outbox().get(id))).isEmpty();
    assertThat(Scenario.await(adapter.outbox().claimDue("pager", s.now(), 10, Duration.ofSeconds(30)))).isEmpty();

    pager.releaseAll();
    s.settle();
    Delivery stored = Scenario.await(adapter.outbox().get(id)).orElseThrow();
    assertThat(stored.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(stored.attempts()).isEqualTo(1);
    s.advance(Duration.ofMinutes(30));
    assertThat(pager.received()).isEqualTo(1);
  }

  @Test
  void aDeliveryQueuedElsewhereWhileThePublisherAttemptsItTakesThePublishersOutcome() {
    Adapter adapter = newAdapter();
    HeldEmitter pager = new HeldEmitter();
    Scenario s = startWithPager(adapter, pager);
    Instant published = s.now().plus(Duration.ofMinutes(1));
    Receipt receipt = s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    s.advance(Duration.ofMinutes(1));
    assertThat(pager.waiting()).isEqualTo(1);
    // A second review of the same version (a duplicate timer on another instance) queues its delivery,
    // due once the publisher's attempt would have ended.
    assertThat(Scenario.await(adapter.outbox().enqueue(Delivery.held("pager", receipt.reportId(), 1, s.now(),
        published.plusSeconds(30))))).isTrue();

    pager.releaseAll();
    s.settle();

    Delivery stored = Scenario.await(adapter.outbox().get(Delivery.idOf(receipt.reportId(), 1, "pager"))).orElseThrow();
    assertThat(stored.status()).isEqualTo(DeliveryStatus.DELIVERED);
    s.advance(Duration.ofMinutes(30));
    assertThat(pager.received()).as("delivered once, by the publisher").isEqualTo(1);
  }

  @Test
  void aFirstAttemptThatCannotStartSoonAfterThePublicationGoesThroughTheOutbox() {
    // A second review of the version would queue the delivery due 30 s after the publication (timeout
    // 20 s and 10 s): an attempt that starts later than 5 s after it might not be recorded by then.
    var faulty = new org.alertresponder.tck.fixtures.FaultInjectingAdapter(newAdapter());
    HeldEmitter pager = new HeldEmitter();
    Scenario.Builder builder = scenario(faulty).config(c -> c.inspectionDelay(Duration.ZERO)
        .reviewDelay(Duration.ofMinutes(1)));
    Scenario s = start(builder.holding("emitter:pager", pager)
        .plugins(p -> p.emitter(EmitterSpec.of("pager").withTimeout(Duration.ofSeconds(20)), pager)));
    Receipt receipt = s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    faulty.slowNextPublish(builder.clock(), Duration.ofSeconds(6));

    s.advance(Duration.ofMinutes(1));

    assertThat(faulty.slowPublishPending()).isFalse();
    assertThat(pager.waiting()).isEqualTo(1);
    Delivery queued = Scenario.await(faulty.outbox().get(Delivery.idOf(receipt.reportId(), 1, "pager"))).orElseThrow();
    assertThat(queued.status()).as("claimed from the outbox, not attempted without it").isEqualTo(DeliveryStatus.PENDING);
    pager.releaseAll();
    s.settle();
    assertThat(Scenario.await(faulty.outbox().get(queued.id())).orElseThrow().status())
        .isEqualTo(DeliveryStatus.DELIVERED);
  }

  @Test
  void aVersionPublishedByAnotherReviewIsDeliveredOnceThePublishersAttemptWouldHaveEnded() {
    // The publication's answer is lost: the review cannot tell its own write from another instance's,
    // so it queues the delivery as any second review of that version would.
    var faulty = new org.alertresponder.tck.fixtures.FaultInjectingAdapter(newAdapter());
    Scenario.Builder builder = scenario(faulty).config(c -> c.inspectionDelay(Duration.ZERO)
        .reviewDelay(Duration.ofMinutes(1)));
    RecordingEmitter pager = new RecordingEmitter(builder.clock());
    Scenario s = start(builder.plugins(p -> p.emitter(EmitterSpec.of("pager").withTimeout(Duration.ofSeconds(20)),
        pager)));
    Instant published = s.now().plus(Duration.ofMinutes(1));
    Receipt receipt = s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    faulty.loseNextPublishAnswer();

    s.advance(Duration.ofMinutes(30));

    assertThat(faulty.publishAnswerLossPending()).isFalse();
    assertThat(pager.attempts()).extracting(RecordingEmitter.Attempt::at, RecordingEmitter.Attempt::reportId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(published.plusSeconds(30), receipt.reportId()));
  }

  @Test
  void aFailingDeliveryIsRetriedWithBackoffThenDeadLetteredAndReplayDeliversIt() {
    Scenario.Builder builder = scenario().config(c -> c.inspectionDelay(Duration.ZERO)
        .reviewDelay(Duration.ofMinutes(1))
        .emissionMaxAttempts(3).emissionBackoff(Backoff.of(Duration.ofSeconds(10), Duration.ofMinutes(5))));
    RecordingEmitter webhook = new RecordingEmitter(builder.clock()).failNext(100);
    Scenario s = start(builder.plugins(p -> p.emitter(EmitterSpec.of("webhook"), webhook)));
    Instant published = s.now().plus(Duration.ofMinutes(1));
    Receipt receipt = s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    s.advance(Duration.ofMinutes(5));

    assertThat(webhook.attempts()).extracting(RecordingEmitter.Attempt::at)
        .containsExactly(published, published.plusSeconds(10), published.plusSeconds(30));
    Page<Delivery> dead = Scenario.await(s.engine().deadLetters(null, 10));
    assertThat(dead.items()).singleElement().satisfies(letter -> {
      assertThat(letter.id()).isEqualTo(Delivery.idOf(receipt.reportId(), 1, "webhook"));
      assertThat(letter.status()).isEqualTo(DeliveryStatus.DEAD);
      assertThat(letter.attempts()).isEqualTo(3);
      assertThat(letter.lastError()).isEqualTo("endpoint said 503 Service Unavailable (attempt 3 of 3)");
    });
    assertThat(webhook.delivered()).isEmpty();

    webhook.failNext(0);
    Delivery replayed = Scenario.await(s.engine().replay(dead.items().get(0).id()));
    assertThat(replayed.status()).isEqualTo(DeliveryStatus.PENDING);
    s.settle();
    assertThat(webhook.delivered()).extracting(Report::id).containsExactly(receipt.reportId());
    assertThat(Scenario.await(s.engine().deadLetters(null, 10)).items()).isEmpty();
  }

  @Test
  void aPermanentFailureIsDeadLetteredAtOnce() {
    Scenario.Builder builder = scenario().config(c -> c.inspectionDelay(Duration.ZERO)
        .reviewDelay(Duration.ofMinutes(1)));
    RecordingEmitter github = new RecordingEmitter(builder.clock()).failNextPermanently(1);
    Scenario s = start(builder.plugins(p -> p.emitter(EmitterSpec.of("github"), github)));
    s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    s.advance(Duration.ofMinutes(30));
    assertThat(github.attempts()).hasSize(1);
    assertThat(Scenario.await(s.engine().deadLetters(null, 10)).items()).singleElement()
        .satisfies(letter -> assertThat(letter.lastError())
            .isEqualTo("endpoint said 400 Bad Request (attempt 1 of 6)"));
  }

  @Test
  void replayingSomethingThatIsNotADeadLetterFailsWithNotFound() {
    Scenario s = start(scenario());
    assertThatThrownBy(() -> Scenario.await(s.engine().replay("no-such-delivery")))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessage("no dead letter with id no-such-delivery");
  }

  @Test
  void anEmitterWithAMinimumSeverityReceivesOnlyVerdictsAtLeastThatSerious() {
    Scenario.Builder builder = scenario().config(c -> c.inspectionDelay(Duration.ZERO)
        .reviewDelay(Duration.ofMinutes(1)));
    RecordingEmitter pager = new RecordingEmitter(builder.clock());
    RecordingEmitter archive = new RecordingEmitter(builder.clock());
    ScriptedReviewer reviewer = new ScriptedReviewer(builder.clock(), report -> Future.succeededFuture(
        switch (report.alertKey()) {
          case "host-safe" -> Verdict.safe("scheduled scan");
          case "host-unknown" -> Verdict.unclassified("nothing known");
          default -> Verdict.urgent("ransomware beacon");
        }));
    Scenario s = start(builder.plugins(p -> p.reviewer(reviewer)
        .emitter(EmitterSpec.of("pager").withFilter(EmitterFilter.minSeverity(Severity.URGENT)), pager)
        .emitter(EmitterSpec.of("tickets").withFilter(new EmitterFilter(Severity.SAFE,
            Set.of(Severity.UNCLASSIFIED), false)), archive)));
    s.submit(Alerts.of("edr", "beacon", "host-safe").build());
    s.submit(Alerts.of("edr", "beacon", "host-unknown").build());
    s.submit(Alerts.of("edr", "beacon", "host-bad").build());
    s.advance(Duration.ofMinutes(1));

    assertThat(pager.delivered()).extracting(Report::alertKey).containsExactly("host-bad");
    assertThat(archive.delivered()).extracting(Report::alertKey).containsExactly("host-unknown");
  }

  @Test
  void anEmitterForFirstVersionsOnlyIsNotToldAboutReReviews() {
    Scenario.Builder builder = scenario().config(c -> c.inspectionDelay(Duration.ZERO)
        .reviewDelay(Duration.ofMinutes(1)));
    RecordingEmitter firstOnly = new RecordingEmitter(builder.clock());
    RecordingEmitter every = new RecordingEmitter(builder.clock());
    Scenario s = start(builder.plugins(p -> p
        .emitter(EmitterSpec.of("first").withFilter(new EmitterFilter(Severity.SAFE, Set.of(), true)), firstOnly)
        .emitter(EmitterSpec.of("every"), every)));
    s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    s.advance(Duration.ofMinutes(5));
    s.submit(Alerts.sshBruteForce("i-1", "198.51.100.8").build());
    s.advance(Duration.ofMinutes(5));

    assertThat(firstOnly.delivered()).extracting(Report::version).containsExactly(1);
    assertThat(every.delivered()).extracting(Report::version).containsExactly(1, 2);
  }
}
