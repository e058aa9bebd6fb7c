package org.alertresponder.adapter.aws;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.alertresponder.adapter.aws.internal.SqsLeasedQueue;
import org.alertresponder.engine.spi.TimerEntry;
import org.alertresponder.tck.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Timers on SQS (ElasticMQ, whose time follows the test's manual clock): delays, leases, completion,
 * release, delays beyond SQS's 15 minutes, and the dead-letter queue of a timer that keeps failing.
 */
class SqsTimerQueueTest {
  private static final Duration LEASE = Duration.ofSeconds(30);

  private final ManualClock clock = ManualClock.atDefaultStart();
  private SqsTimerQueue timers;

  @BeforeEach
  void newQueue() {
    ElasticMq.follow(clock);
    timers = new SqsTimerQueue(new SqsLeasedQueue(ElasticMq.client(), ElasticMq.newQueue("timers"), clock));
  }

  @AfterEach
  void wallClock() {
    ElasticMq.useWallClock();
  }

  @Test
  void aTimerFiresWhenDueWithItsKindPayloadAndFirstDelivery() {
    TimerEntry entry = timer("t1", clock.now().plusSeconds(300));
    assertThat(await(timers.schedule(entry))).isTrue();

    assertThat(await(timers.claimDue(clock.now(), 10, LEASE))).isEmpty();
    clock.set(entry.dueAt().minusSeconds(1));
    assertThat(await(timers.claimDue(clock.now(), 10, LEASE))).isEmpty();
    clock.set(entry.dueAt());

    assertThat(await(timers.claimDue(clock.now(), 10, LEASE))).containsExactly(entry.withDeliveries(1));
  }

  @Test
  void theNextDueHintNamesWhenAScheduledTimerBecomesVisible() {
    Instant due = clock.now().plusSeconds(20);
    await(timers.schedule(timer("t1", due)));
    await(timers.schedule(timer("t2", due.plusSeconds(10))));

    assertThat(await(timers.nextDue())).contains(due);
  }

  @Test
  void withoutATimerOfItsOwnDueSoonTheQueueIsLookedAtAgainWithinAMinute() {
    await(timers.schedule(timer("t1", clock.now().plus(Duration.ofMinutes(10)))));

    assertThat(await(timers.nextDue())).contains(clock.now().plus(Duration.ofMinutes(1)));
  }

  @Test
  void aTimerDueBeyondFifteenMinutesIsSentAgainAndFiresWhenDue() {
    Instant due = clock.now().plus(Duration.ofMinutes(40));
    TimerEntry entry = timer("long", due);
    await(timers.schedule(entry));

    for (int minute = 15; minute < 40; minute += 15) {
      clock.set(clock.now().plus(Duration.ofMinutes(15)));
      assertThat(await(timers.claimDue(clock.now(), 10, LEASE))).as("minute %d", minute).isEmpty();
    }
    clock.set(due);

    List<TimerEntry> fired = await(timers.claimDue(clock.now(), 10, LEASE));
    assertThat(fired).extracting(TimerEntry::id, TimerEntry::dueAt).containsExactly(
        org.assertj.core.groups.Tuple.tuple("long", due));
  }

  @Test
  void aClaimedTimerIsHiddenForItsLeaseThenFiresAgainWithTheNextDelivery() {
    TimerEntry entry = timer("t1", clock.now());
    await(timers.schedule(entry));
    assertThat(await(timers.claimDue(clock.now(), 10, LEASE))).hasSize(1);

    clock.set(clock.now().plus(LEASE).minusSeconds(1));
    assertThat(await(timers.claimDue(clock.now(), 10, LEASE))).isEmpty();
    clock.set(clock.now().plusSeconds(1));

    assertThat(await(timers.claimDue(clock.now(), 10, LEASE))).containsExactly(entry.withDeliveries(2));
  }

  @Test
  void aTimerThatShowsUpBeforeItIsDueIsHiddenUntilItIsAndStillCountsItsFirstDelivery() {
    // An instance whose clock runs 30 seconds ahead schedules the timer: SQS shows it 30 seconds early.
    ManualClock ahead = new ManualClock(clock.now().plusSeconds(30));
    SqsLeasedQueue shared = new SqsLeasedQueue(ElasticMq.client(), ElasticMq.newQueue("skewed"), clock);
    SqsTimerQueue skewed = new SqsTimerQueue(new SqsLeasedQueue(ElasticMq.client(), shared.url(), ahead));
    SqsTimerQueue onTime = new SqsTimerQueue(shared);
    TimerEntry entry = timer("t1", clock.now().plusSeconds(60));
    await(skewed.schedule(entry));

    clock.set(clock.now().plusSeconds(30));
    assertThat(await(onTime.claimDue(clock.now(), 10, LEASE))).isEmpty();
    clock.set(entry.dueAt().minusSeconds(1));
    assertThat(await(onTime.claimDue(clock.now(), 10, LEASE))).isEmpty();
    clock.set(entry.dueAt());

    assertThat(await(onTime.claimDue(clock.now(), 10, LEASE))).containsExactly(entry.withDeliveries(1));
  }

  @Test
  void aCompletedTimerNeverFiresAgain() {
    await(timers.schedule(timer("t1", clock.now())));
    await(timers.claimDue(clock.now(), 10, LEASE));

    await(timers.complete("t1"));
    clock.set(clock.now().plus(Duration.ofHours(1)));

    assertThat(await(timers.claimDue(clock.now(), 10, LEASE))).isEmpty();
    assertThat(await(timers.size())).isZero();
  }

  @Test
  void aReleasedTimerFiresAgainAtTheGivenInstant() {
    TimerEntry entry = timer("t1", clock.now());
    await(timers.schedule(entry));
    await(timers.claimDue(clock.now(), 10, LEASE));

    Instant retryAt = clock.now().plusSeconds(5);
    await(timers.release("t1", retryAt));
    assertThat(await(timers.claimDue(clock.now(), 10, LEASE))).isEmpty();
    clock.set(retryAt);

    assertThat(await(timers.claimDue(clock.now(), 10, LEASE))).containsExactly(entry.withDeliveries(2));
  }

  @Test
  void claimsReturnAtMostMaxTimersEarliestDueFirst() {
    Instant start = clock.now();
    for (int i = 4; i >= 0; i--) {
      await(timers.schedule(timer("t" + i, start.plusSeconds(i))));
    }
    clock.set(start.plusSeconds(10));

    List<TimerEntry> first = await(timers.claimDue(clock.now(), 3, LEASE));
    List<TimerEntry> rest = await(timers.claimDue(clock.now(), 10, LEASE));

    assertThat(first).hasSize(3);
    assertThat(first).isSortedAccordingTo((a, b) -> a.dueAt().compareTo(b.dueAt()));
    assertThat(rest).hasSize(2);
  }

  @Test
  void aTimerThatKeepsFailingMovesToTheDeadLetterQueue() {
    String deadLetters = ElasticMq.newQueue("timers-dead");
    String deadLettersArn = ElasticMq.client().getQueueAttributes(b -> b.queueUrl(deadLetters)
        .attributeNamesWithStrings("QueueArn")).join().attributesAsStrings().get("QueueArn");
    String url = ElasticMq.client().createQueue(b -> b.queueName("timers-redriven-" + java.util.UUID.randomUUID())
        .attributesWithStrings(Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + deadLettersArn
            + "\",\"maxReceiveCount\":\"3\"}"))).join().queueUrl();
    SqsTimerQueue redriven = new SqsTimerQueue(new SqsLeasedQueue(ElasticMq.client(), url, clock));
    await(redriven.schedule(timer("poison", clock.now())));

    for (int delivery = 1; delivery <= 3; delivery++) {
      assertThat(await(redriven.claimDue(clock.now(), 10, LEASE))).extracting(TimerEntry::deliveries)
          .containsExactly(delivery);
      clock.set(clock.now().plus(LEASE));
    }

    assertThat(await(redriven.claimDue(clock.now(), 10, LEASE))).isEmpty();
    assertThat(ElasticMq.client().receiveMessage(b -> b.queueUrl(deadLetters)).join().messages()).hasSize(1);
  }

  private static TimerEntry timer(String id, Instant due) {
    return TimerEntry.of(id, "review", due, new JsonObject().put("report_id", "r-" + id));
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no answer within 10s", e);
    }
  }
}
