package org.alertresponder.tck.ports;

import org.alertresponder.engine.api.Delivery;
import org.alertresponder.engine.api.DeliveryStatus;
import org.alertresponder.engine.api.Page;
import org.alertresponder.engine.internal.Uuid7;
import org.alertresponder.engine.spi.Outbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.alertresponder.tck.ports.PortFixtures.T0;
import static org.alertresponder.tck.ports.PortFixtures.await;
import static org.alertresponder.tck.ports.PortFixtures.fresh;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of {@link Outbox}: deliveries idempotent by id in every state, due claims per emitter
 * with leases, retries, dead letters and their replay.
 *
 * <p>Every test uses emitters with fresh names and reports with fresh ids; the dead-letter list is
 * global, so the tests that page through it only look at the dead letters they made.
 */
public abstract class OutboxContract extends PortContract {
  private static final Duration LEASE = Duration.ofSeconds(30);

  private Outbox outbox;
  private String emitter;

  @BeforeEach
  void selectPort() {
    outbox = adapter.outbox();
    emitter = fresh("webhook");
  }

  // ---------------------------------------------------------------- enqueue, get

  @Test
  void enqueueAddsAPendingDeliveryThatGetReturns() {
    Delivery delivery = delivery(emitter, T0);

    assertThat(await(outbox.enqueue(delivery))).isTrue();

    assertThat(await(outbox.get(delivery.id()))).contains(delivery);
    assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(await(outbox.pending(emitter))).isEqualTo(1L);
  }

  @Test
  void getIsEmptyForAnUnknownDelivery() {
    assertThat(await(outbox.get(Delivery.idOf(Uuid7.at(T0), 1, emitter)))).isEmpty();
  }

  @Test
  void enqueueIsIdempotentWhileTheDeliveryIsPending() {
    Delivery delivery = delivery(emitter, T0);
    await(outbox.enqueue(delivery));
    Delivery again = Delivery.pending(emitter, delivery.reportId(), delivery.version(), T0.plusSeconds(60));

    assertThat(await(outbox.enqueue(again))).isFalse();

    assertThat(await(outbox.get(delivery.id()))).contains(delivery);
    assertThat(await(outbox.pending(emitter))).isEqualTo(1L);
  }

  @Test
  void enqueueIsIdempotentWhileTheDeliveryIsLeased() {
    Delivery delivery = delivery(emitter, T0);
    await(outbox.enqueue(delivery));
    await(outbox.claimDue(emitter, T0, 10, LEASE));

    assertThat(await(outbox.enqueue(delivery))).isFalse();

    assertThat(await(outbox.claimDue(emitter, T0.plusSeconds(1), 10, LEASE))).isEmpty();
    assertThat(await(outbox.pending(emitter))).isEqualTo(1L);
  }

  @Test
  void enqueueIsIdempotentAfterTheDeliveryWasDelivered() {
    Delivery delivery = delivery(emitter, T0);
    await(outbox.enqueue(delivery));
    await(outbox.claimDue(emitter, T0, 10, LEASE));
    await(outbox.markDelivered(delivery.id(), 1, T0.plusSeconds(1)));

    assertThat(await(outbox.enqueue(Delivery.pending(emitter, delivery.reportId(), 1, T0.plusSeconds(2))))).isFalse();

    assertThat(await(outbox.get(delivery.id()))).get().extracting(Delivery::status)
        .isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(await(outbox.claimDue(emitter, T0.plusSeconds(3600), 10, LEASE))).isEmpty();
    assertThat(await(outbox.pending(emitter))).isZero();
  }

  @Test
  void enqueueIsIdempotentAfterTheDeliveryDied() {
    Delivery delivery = delivery(emitter, T0);
    await(outbox.enqueue(delivery));
    await(outbox.claimDue(emitter, T0, 10, LEASE));
    await(outbox.markDead(delivery.id(), 5, "HTTP 410 Gone", T0.plusSeconds(1)));

    assertThat(await(outbox.enqueue(Delivery.pending(emitter, delivery.reportId(), 1, T0.plusSeconds(2))))).isFalse();

    Delivery stored = await(outbox.get(delivery.id())).orElseThrow();
    assertThat(stored.status()).isEqualTo(DeliveryStatus.DEAD);
    assertThat(stored.attempts()).isEqualTo(5);
    assertThat(deadLetterIds(Set.of(delivery.id()))).containsExactly(delivery.id());
    assertThat(await(outbox.claimDue(emitter, T0.plusSeconds(3600), 10, LEASE))).isEmpty();
  }

  @Test
  void aDeliveryStoredDeliveredIsKeptButNeverClaimed() {
    Delivery delivered = delivery(emitter, T0).withStatus(DeliveryStatus.DELIVERED, 1, null, null, T0.plusSeconds(1));

    assertThat(await(outbox.enqueue(delivered))).isTrue();

    assertThat(await(outbox.get(delivered.id()))).contains(delivered);
    assertThat(await(outbox.claimDue(emitter, T0.plusSeconds(3600), 10, LEASE))).isEmpty();
    assertThat(await(outbox.pending(emitter))).isZero();
    assertThat(await(outbox.enqueue(Delivery.pending(emitter, delivered.reportId(), 1, T0.plusSeconds(2))))).isFalse();
  }

  @Test
  void aDeliveryStoredDeadIsADeadLetterThatReplayDelivers() {
    Delivery dead = delivery(emitter, T0).withStatus(DeliveryStatus.DEAD, 1, null,
        "endpoint said 400 Bad Request (attempt 1 of 6)", T0.plusSeconds(1));

    assertThat(await(outbox.enqueue(dead))).isTrue();

    assertThat(await(outbox.get(dead.id()))).contains(dead);
    assertThat(deadLetterIds(Set.of(dead.id()))).containsExactly(dead.id());
    assertThat(await(outbox.claimDue(emitter, T0.plusSeconds(3600), 10, LEASE))).isEmpty();
    assertThat(await(outbox.replay(dead.id(), T0.plusSeconds(60)))).isPresent();
    assertThat(await(outbox.claimDue(emitter, T0.plusSeconds(60), 10, LEASE))).extracting(Delivery::id)
        .containsExactly(dead.id());
  }

  @Test
  void aDeliveryStoredAfterAFailedFirstAttemptIsClaimableWhenItsRetryIsDue() {
    Delivery retry = delivery(emitter, T0).withStatus(DeliveryStatus.PENDING, 1, T0.plusSeconds(10),
        "endpoint said 503 Service Unavailable (attempt 1 of 6)", T0.plusSeconds(1));

    assertThat(await(outbox.enqueue(retry))).isTrue();

    assertThat(await(outbox.get(retry.id()))).contains(retry);
    assertThat(await(outbox.claimDue(emitter, T0.plusSeconds(9), 10, LEASE))).isEmpty();
    assertThat(await(outbox.claimDue(emitter, T0.plusSeconds(10), 10, LEASE))).singleElement()
        .satisfies(claimed -> assertThat(claimed.attempts()).isEqualTo(1));
  }

  @Test
  void deliveriesOfOneReportToDifferentEmittersAndVersionsAreDistinct() {
    String reportId = Uuid7.at(T0);
    String otherEmitter = fresh("pagerduty");

    assertThat(await(outbox.enqueue(Delivery.pending(emitter, reportId, 1, T0)))).isTrue();
    assertThat(await(outbox.enqueue(Delivery.pending(emitter, reportId, 2, T0)))).isTrue();
    assertThat(await(outbox.enqueue(Delivery.pending(otherEmitter, reportId, 1, T0)))).isTrue();

    assertThat(await(outbox.pending(emitter))).isEqualTo(2L);
    assertThat(await(outbox.pending(otherEmitter))).isEqualTo(1L);
  }

  // ---------------------------------------------------------------- claimDue

  @Test
  void claimDueReturnsOnlyThatEmittersDueDeliveries() {
    String otherEmitter = fresh("pagerduty");
    Delivery due = delivery(emitter, T0);
    Delivery notYetDue = delivery(emitter, T0.plusSeconds(60));
    Delivery otherEmitters = delivery(otherEmitter, T0);
    await(outbox.enqueue(due));
    await(outbox.enqueue(notYetDue));
    await(outbox.enqueue(otherEmitters));

    assertThat(await(outbox.claimDue(emitter, T0, 10, LEASE))).containsExactly(due);
    assertThat(await(outbox.claimDue(otherEmitter, T0, 10, LEASE))).containsExactly(otherEmitters);
  }

  @Test
  void aDeliveryIsNotClaimableBeforeItsNextAttemptAndIsClaimableExactlyThen() {
    Instant due = T0.plusSeconds(60);
    Delivery delivery = delivery(emitter, due);
    await(outbox.enqueue(delivery));

    assertThat(await(outbox.claimDue(emitter, due.minusMillis(1), 10, LEASE))).isEmpty();
    assertThat(await(outbox.claimDue(emitter, due, 10, LEASE))).containsExactly(delivery);
  }

  @Test
  void claimDueReturnsTheOldestDueFirstAndAtMostMax() {
    Delivery third = delivery(emitter, T0.plusSeconds(2));
    Delivery first = delivery(emitter, T0);
    Delivery second = delivery(emitter, T0.plusSeconds(1));
    await(outbox.enqueue(third));
    await(outbox.enqueue(first));
    await(outbox.enqueue(second));

    List<Delivery> firstBatch = await(outbox.claimDue(emitter, T0.plusSeconds(10), 2, LEASE));
    List<Delivery> secondBatch = await(outbox.claimDue(emitter, T0.plusSeconds(10), 2, LEASE));

    assertThat(firstBatch).containsExactly(first, second);
    assertThat(secondBatch).containsExactly(third);
  }

  @Test
  void aClaimedDeliveryIsLeasedUntilItsLeaseEnds() {
    Delivery delivery = delivery(emitter, T0);
    await(outbox.enqueue(delivery));

    assertThat(await(outbox.claimDue(emitter, T0, 10, LEASE))).containsExactly(delivery);
    assertThat(await(outbox.claimDue(emitter, T0, 10, LEASE))).isEmpty();
    assertThat(await(outbox.claimDue(emitter, T0.plus(LEASE).minusMillis(1), 10, LEASE))).isEmpty();
    assertThat(await(outbox.nextDue(emitter))).contains(T0.plus(LEASE));
    assertThat(await(outbox.pending(emitter))).isEqualTo(1L);

    List<Delivery> again = await(outbox.claimDue(emitter, T0.plus(LEASE), 10, LEASE));

    assertThat(again).extracting(Delivery::id).containsExactly(delivery.id());
    assertThat(again).extracting(Delivery::attempts).containsExactly(0);
  }

  // ---------------------------------------------------------------- retryLater, markDelivered, markDead

  @Test
  void retryLaterKeepsTheDeliveryPendingWithItsRetryState() {
    Delivery delivery = delivery(emitter, T0);
    await(outbox.enqueue(delivery));
    await(outbox.claimDue(emitter, T0, 10, LEASE));
    Instant nextAttempt = T0.plus(Duration.ofMinutes(5));

    await(outbox.retryLater(delivery.id(), 1, nextAttempt, "HTTP 503 (attempt 1 of 5)", T0.plusSeconds(1)));

    Delivery stored = await(outbox.get(delivery.id())).orElseThrow();
    assertThat(stored.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(stored.attempts()).isEqualTo(1);
    assertThat(stored.nextAttemptAt()).isEqualTo(nextAttempt);
    assertThat(stored.lastError()).isEqualTo("HTTP 503 (attempt 1 of 5)");
    assertThat(stored.emitter()).isEqualTo(emitter);
    assertThat(stored.reportId()).isEqualTo(delivery.reportId());
    assertThat(stored.version()).isEqualTo(delivery.version());
    assertThat(await(outbox.pending(emitter))).isEqualTo(1L);
    assertThat(await(outbox.nextDue(emitter))).contains(nextAttempt);
  }

  @Test
  void aDeliveryToRetryIsClaimableOnlyFromItsNextAttempt() {
    Delivery delivery = delivery(emitter, T0);
    await(outbox.enqueue(delivery));
    await(outbox.claimDue(emitter, T0, 10, LEASE));
    Instant nextAttempt = T0.plus(Duration.ofMinutes(5));
    await(outbox.retryLater(delivery.id(), 1, nextAttempt, "timeout", T0.plusSeconds(1)));

    assertThat(await(outbox.claimDue(emitter, T0.plus(LEASE), 10, LEASE))).isEmpty();
    assertThat(await(outbox.claimDue(emitter, nextAttempt.minusMillis(1), 10, LEASE))).isEmpty();

    List<Delivery> claimed = await(outbox.claimDue(emitter, nextAttempt, 10, LEASE));

    assertThat(claimed).hasSize(1);
    assertThat(claimed.get(0).id()).isEqualTo(delivery.id());
    assertThat(claimed.get(0).attempts()).isEqualTo(1);
    assertThat(claimed.get(0).lastError()).isEqualTo("timeout");
    assertThat(claimed.get(0).status()).isEqualTo(DeliveryStatus.PENDING);
  }

  @Test
  void retryLaterCanBeRepeated() {
    Delivery delivery = delivery(emitter, T0);
    await(outbox.enqueue(delivery));
    await(outbox.claimDue(emitter, T0, 10, LEASE));
    await(outbox.retryLater(delivery.id(), 1, T0.plusSeconds(10), "first", T0));
    await(outbox.claimDue(emitter, T0.plusSeconds(10), 10, LEASE));

    await(outbox.retryLater(delivery.id(), 2, T0.plusSeconds(40), "second", T0.plusSeconds(10)));

    Delivery stored = await(outbox.get(delivery.id())).orElseThrow();
    assertThat(stored.attempts()).isEqualTo(2);
    assertThat(stored.lastError()).isEqualTo("second");
    assertThat(stored.nextAttemptAt()).isEqualTo(T0.plusSeconds(40));
    assertThat(await(outbox.claimDue(emitter, T0.plusSeconds(39), 10, LEASE))).isEmpty();
    assertThat(await(outbox.claimDue(emitter, T0.plusSeconds(40), 10, LEASE))).extracting(Delivery::attempts)
        .containsExactly(2);
  }

  @Test
  void markDeliveredEndsTheDelivery() {
    Delivery delivery = delivery(emitter, T0);
    await(outbox.enqueue(delivery));
    await(outbox.claimDue(emitter, T0, 10, LEASE));

    await(outbox.markDelivered(delivery.id(), 3, T0.plusSeconds(1)));

    Delivery stored = await(outbox.get(delivery.id())).orElseThrow();
    assertThat(stored.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(stored.attempts()).isEqualTo(3);
    assertThat(stored.emitter()).isEqualTo(emitter);
    assertThat(stored.reportId()).isEqualTo(delivery.reportId());
    assertThat(await(outbox.pending(emitter))).isZero();
    assertThat(await(outbox.nextDue(emitter))).isEmpty();
    assertThat(await(outbox.claimDue(emitter, T0.plus(Duration.ofDays(1)), 10, LEASE))).isEmpty();
    assertThat(deadLetterIds(Set.of(delivery.id()))).isEmpty();
  }

  @Test
  void markDeadMovesTheDeliveryToTheDeadLettersWithItsAttemptsAndError() {
    Delivery delivery = delivery(emitter, T0);
    await(outbox.enqueue(delivery));
    await(outbox.claimDue(emitter, T0, 10, LEASE));

    await(outbox.markDead(delivery.id(), 5, "HTTP 500 (attempt 5 of 5)", T0.plusSeconds(1)));

    Delivery stored = await(outbox.get(delivery.id())).orElseThrow();
    assertThat(stored.status()).isEqualTo(DeliveryStatus.DEAD);
    assertThat(stored.attempts()).isEqualTo(5);
    assertThat(stored.lastError()).isEqualTo("HTTP 500 (attempt 5 of 5)");
    assertThat(stored.emitter()).isEqualTo(emitter);
    assertThat(stored.reportId()).isEqualTo(delivery.reportId());
    assertThat(stored.version()).isEqualTo(delivery.version());
    assertThat(deadLetters(Set.of(delivery.id()))).containsExactly(stored);
    assertThat(await(outbox.pending(emitter))).isZero();
    assertThat(await(outbox.nextDue(emitter))).isEmpty();
    assertThat(await(outbox.claimDue(emitter, T0.plus(Duration.ofDays(1)), 10, LEASE))).isEmpty();
  }

  @Test
  void aWaitingDeliveryCanBeMarkedDeadWithoutAClaim() {
    Delivery delivery = delivery(emitter, T0.plusSeconds(60));
    await(outbox.enqueue(delivery));

    await(outbox.markDead(delivery.id(), 1, "publication no longer exists", T0));

    assertThat(await(outbox.get(delivery.id()))).get().extracting(Delivery::status).isEqualTo(DeliveryStatus.DEAD);
    assertThat(await(outbox.claimDue(emitter, T0.plusSeconds(60), 10, LEASE))).isEmpty();
  }

  // ---------------------------------------------------------------- deadLetters, replay

  @Test
  void deadLettersArePagedOldestFirstUntilTheCursorIsNull() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      // Report ids and deaths both advance with i, so "oldest first" means the same order either way.
      Delivery delivery = Delivery.pending(emitter, Uuid7.at(T0.plusSeconds(i)), 1, T0.plusSeconds(i));
      await(outbox.enqueue(delivery));
      await(outbox.markDead(delivery.id(), 3, "error " + i, T0.plusSeconds(100 + i)));
      ids.add(delivery.id());
    }

    List<String> visited = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Page<Delivery> page = await(outbox.deadLetters(cursor, 2));
      assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
      page.items().forEach(item -> {
        assertThat(item.status()).isEqualTo(DeliveryStatus.DEAD);
        visited.add(item.id());
      });
      cursor = page.nextCursor();
      pages++;
      assertThat(pages).as("pages needed").isLessThanOrEqualTo(10_000);
    } while (cursor != null);

    assertThat(visited).doesNotHaveDuplicates();
    assertThat(visited.stream().filter(ids::contains).toList()).containsExactlyElementsOf(ids);
  }

  @Test
  void aDeadLetterPageHoldsAtMostLimitAndPointsToTheNext() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Delivery delivery = Delivery.pending(emitter, Uuid7.at(T0.plusSeconds(i)), 1, T0.plusSeconds(i));
      await(outbox.enqueue(delivery));
      await(outbox.markDead(delivery.id(), 3, "error", T0.plusSeconds(100 + i)));
      ids.add(delivery.id());
    }

    Page<Delivery> first = await(outbox.deadLetters(null, 1));

    assertThat(first.items()).hasSize(1);
    assertThat(first.nextCursor()).isNotNull();
    Page<Delivery> second = await(outbox.deadLetters(first.nextCursor(), 1));
    assertThat(second.items()).hasSize(1);
    assertThat(second.items().get(0).id()).isNotEqualTo(first.items().get(0).id());
  }

  @Test
  void replayMovesADeadLetterBackToPendingDueNowWithItsAttemptsReset() {
    Delivery delivery = delivery(emitter, T0);
    await(outbox.enqueue(delivery));
    await(outbox.claimDue(emitter, T0, 10, LEASE));
    await(outbox.markDead(delivery.id(), 5, "HTTP 500", T0.plusSeconds(1)));
    Instant replayedAt = T0.plus(Duration.ofHours(2));

    Optional<Delivery> replayed = await(outbox.replay(delivery.id(), replayedAt));

    assertThat(replayed).isPresent();
    Delivery pending = replayed.get();
    assertThat(pending.id()).isEqualTo(delivery.id());
    assertThat(pending.emitter()).isEqualTo(emitter);
    assertThat(pending.reportId()).isEqualTo(delivery.reportId());
    assertThat(pending.version()).isEqualTo(delivery.version());
    assertThat(pending.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(pending.attempts()).isZero();
    assertThat(pending.nextAttemptAt()).isEqualTo(replayedAt);
    assertThat(await(outbox.get(delivery.id()))).contains(pending);
    assertThat(deadLetterIds(Set.of(delivery.id()))).isEmpty();
    assertThat(await(outbox.pending(emitter))).isEqualTo(1L);
    assertThat(await(outbox.nextDue(emitter))).contains(replayedAt);
    assertThat(await(outbox.claimDue(emitter, replayedAt, 10, LEASE))).containsExactly(pending);
  }

  @Test
  void aReplayedDeliveryCanDieAgain() {
    Delivery delivery = delivery(emitter, T0);
    await(outbox.enqueue(delivery));
    await(outbox.markDead(delivery.id(), 5, "HTTP 500", T0));
    await(outbox.replay(delivery.id(), T0.plusSeconds(60)));
    await(outbox.claimDue(emitter, T0.plusSeconds(60), 10, LEASE));

    await(outbox.markDead(delivery.id(), 1, "HTTP 404", T0.plusSeconds(61)));

    Delivery stored = await(outbox.get(delivery.id())).orElseThrow();
    assertThat(stored.status()).isEqualTo(DeliveryStatus.DEAD);
    assertThat(stored.attempts()).isEqualTo(1);
    assertThat(stored.lastError()).isEqualTo("HTTP 404");
    assertThat(deadLetterIds(Set.of(delivery.id()))).containsExactly(delivery.id());
  }

  @Test
  void replayOfAnUnknownDeliveryIsEmpty() {
    assertThat(await(outbox.replay(Delivery.idOf(Uuid7.at(T0), 1, emitter), T0))).isEmpty();
  }

  @Test
  void replayOfAPendingDeliveryIsEmptyAndChangesNothing() {
    Delivery delivery = delivery(emitter, T0);
    await(outbox.enqueue(delivery));
    await(outbox.claimDue(emitter, T0, 10, LEASE));
    await(outbox.retryLater(delivery.id(), 2, T0.plusSeconds(300), "HTTP 503", T0.plusSeconds(1)));
    Delivery before = await(outbox.get(delivery.id())).orElseThrow();

    assertThat(await(outbox.replay(delivery.id(), T0.plusSeconds(2)))).isEmpty();

    assertThat(await(outbox.get(delivery.id()))).contains(before);
    assertThat(await(outbox.claimDue(emitter, T0.plusSeconds(299), 10, LEASE))).isEmpty();
    assertThat(await(outbox.pending(emitter))).isEqualTo(1L);
  }

  @Test
  void replayOfADeliveredDeliveryIsEmptyAndChangesNothing() {
    Delivery delivery = delivery(emitter, T0);
    await(outbox.enqueue(delivery));
    await(outbox.claimDue(emitter, T0, 10, LEASE));
    await(outbox.markDelivered(delivery.id(), 1, T0.plusSeconds(1)));
    Delivery before = await(outbox.get(delivery.id())).orElseThrow();

    assertThat(await(outbox.replay(delivery.id(), T0.plusSeconds(2)))).isEmpty();

    assertThat(await(outbox.get(delivery.id()))).contains(before);
    assertThat(await(outbox.pending(emitter))).isZero();
  }

  // ---------------------------------------------------------------- nextDue, pending

  @Test
  void nextDueIsEmptyWhenTheEmitterHasNothingPending() {
    await(outbox.enqueue(delivery(fresh("other-emitter"), T0)));

    assertThat(await(outbox.nextDue(emitter))).isEmpty();
  }

  @Test
  void nextDueIsTheEarliestNextAttemptOfTheEmitter() {
    await(outbox.enqueue(delivery(emitter, T0.plusSeconds(120))));
    await(outbox.enqueue(delivery(emitter, T0.plusSeconds(60))));
    await(outbox.enqueue(delivery(fresh("other-emitter"), T0)));

    assertThat(await(outbox.nextDue(emitter))).contains(T0.plusSeconds(60));
  }

  @Test
  void nextDueIsTheLeaseEndWhenEveryPendingDeliveryIsLeased() {
    await(outbox.enqueue(delivery(emitter, T0)));
    await(outbox.enqueue(delivery(emitter, T0.plusSeconds(1))));
    Instant claimedAt = T0.plusSeconds(5);

    await(outbox.claimDue(emitter, claimedAt, 10, LEASE));

    assertThat(await(outbox.nextDue(emitter))).contains(claimedAt.plus(LEASE));
  }

  @Test
  void pendingCountsTheEmittersWaitingAndLeasedDeliveries() {
    String otherEmitter = fresh("pagerduty");
    Delivery leased = delivery(emitter, T0);
    Delivery toDeliver = delivery(emitter, T0.plusSeconds(1));
    Delivery toKill = delivery(emitter, T0.plusSeconds(2));
    await(outbox.enqueue(leased));
    await(outbox.enqueue(toDeliver));
    await(outbox.enqueue(toKill));
    await(outbox.enqueue(delivery(otherEmitter, T0)));
    await(outbox.claimDue(emitter, T0, 1, LEASE));

    assertThat(await(outbox.pending(emitter))).isEqualTo(3L);
    assertThat(await(outbox.pending(otherEmitter))).isEqualTo(1L);
    assertThat(await(outbox.pending(fresh("idle")))).isZero();

    await(outbox.markDelivered(toDeliver.id(), 1, T0.plusSeconds(3)));
    assertThat(await(outbox.pending(emitter))).isEqualTo(2L);

    await(outbox.markDead(toKill.id(), 1, "HTTP 400", T0.plusSeconds(4)));
    assertThat(await(outbox.pending(emitter))).isEqualTo(1L);
  }

  // ---------------------------------------------------------------- helpers

  /** A pending delivery of a fresh report's first version, due at {@code at}. */
  @Test
  void everyCallCompletesOnTheCallersContext() {
    Delivery delivery = delivery(emitter, T0);
    assertThat(onContext(() -> outbox.enqueue(delivery))).isTrue();
    assertThat(onContext(() -> outbox.claimDue(emitter, T0, 10, LEASE))).hasSize(1);
    onContext(() -> outbox.markDead(delivery.id(), 1, "gone", T0));
    assertThat(onContext(() -> outbox.deadLetters(null, 10)).items()).extracting(Delivery::id).contains(delivery.id());
    assertThat(onContext(() -> outbox.replay(delivery.id(), T0))).isPresent();
    assertThat(onContext(() -> outbox.get(delivery.id()))).isPresent();
  }

  private static Delivery delivery(String emitter, Instant at) {
    return Delivery.pending(emitter, Uuid7.at(at), 1, at);
  }

  private List<Delivery> deadLetters(Set<String> ours) {
    List<Delivery> found = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Page<Delivery> page = await(outbox.deadLetters(cursor, 100));
      page.items().stream().filter(item -> ours.contains(item.id())).forEach(found::add);
      cursor = page.nextCursor();
      pages++;
      assertThat(pages).as("dead-letter pages").isLessThanOrEqualTo(10_000);
    } while (cursor != null);
    return found;
  }

  private List<String> deadLetterIds(Set<String> ours) {
    return deadLetters(ours).stream().map(Delivery::id).toList();
  }
}
