package org.alertresponder.tck.ports;

import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.spi.Payload;
import org.alertresponder.engine.spi.TimerEntry;
import org.alertresponder.engine.spi.TimerQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.alertresponder.tck.ports.PortFixtures.T0;
import static org.alertresponder.tck.ports.PortFixtures.await;
import static org.alertresponder.tck.ports.PortFixtures.fresh;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of {@link TimerQueue}: idempotent scheduling, due-time claims earliest first, leases that
 * hide a claimed timer until they run out, completion and release.
 *
 * <p>The queue has no namespaces, so every test relies on the fresh adapter it gets from
 * {@link #newAdapter()} holding no timers.
 */
public abstract class TimerQueueContract extends PortContract {
  private static final Duration LEASE = Duration.ofSeconds(30);

  private TimerQueue timers;

  @BeforeEach
  void selectPort() {
    timers = adapter.timers();
  }

  @Test
  void scheduleAddsATimerAndReportsIt() {
    assertThat(await(timers.schedule(timer(fresh("timer"), T0)))).isTrue();

    assertThat(await(timers.size())).isEqualTo(1L);
  }

  @Test
  void scheduleIsIdempotentByIdAndKeepsTheFirstDueTime() {
    String id = fresh("timer");
    TimerEntry first = timer(id, T0.plusSeconds(60));
    assertThat(await(timers.schedule(first))).isTrue();

    assertThat(await(timers.schedule(timer(id, T0)))).isFalse();

    assertThat(await(timers.size())).isEqualTo(1L);
    assertThat(await(timers.claimDue(T0, 10, LEASE))).isEmpty();
    assertThat(await(timers.claimDue(T0.plusSeconds(60), 10, LEASE))).containsExactly(first.withDeliveries(1));
  }

  @Test
  void scheduleIsIdempotentWhileTheTimerIsLeased() {
    String id = fresh("timer");
    await(timers.schedule(timer(id, T0)));
    await(timers.claimDue(T0, 10, LEASE));

    assertThat(await(timers.schedule(timer(id, T0.plusSeconds(5))))).isFalse();

    assertThat(await(timers.size())).isEqualTo(1L);
    assertThat(await(timers.claimDue(T0.plusSeconds(5), 10, LEASE))).isEmpty();
  }

  @Test
  void aTimerIsNotClaimableBeforeItIsDue() {
    Instant due = T0.plusSeconds(300);
    await(timers.schedule(timer(fresh("timer"), due)));

    assertThat(await(timers.claimDue(T0, 10, LEASE))).isEmpty();
    assertThat(await(timers.claimDue(due.minusMillis(1), 10, LEASE))).isEmpty();
  }

  @Test
  void aTimerIsClaimableExactlyWhenDueWithItsKindPayloadAndFirstDelivery() {
    Instant due = T0.plusSeconds(300);
    TimerEntry entry = timer(fresh("timer"), due);
    await(timers.schedule(entry));

    List<TimerEntry> claimed = await(timers.claimDue(due, 10, LEASE));

    assertThat(claimed).containsExactly(entry.withDeliveries(1));
    TimerEntry only = claimed.get(0);
    assertThat(only.kind()).isEqualTo("review");
    assertThat(only.dueAt()).isEqualTo(due);
    assertThat(only.payload()).isEqualTo(entry.payload());
    assertThat(only.deliveries()).isEqualTo(1);
  }

  @Test
  void anOverdueTimerIsClaimable() {
    TimerEntry entry = timer(fresh("timer"), T0);
    await(timers.schedule(entry));

    assertThat(await(timers.claimDue(T0.plus(Duration.ofDays(3)), 10, LEASE))).containsExactly(entry.withDeliveries(1));
  }

  @Test
  void claimDueReturnsTheEarliestDueTimersFirst() {
    TimerEntry third = timer(fresh("timer"), T0.plusSeconds(30));
    TimerEntry first = timer(fresh("timer"), T0.plusSeconds(10));
    TimerEntry second = timer(fresh("timer"), T0.plusSeconds(20));
    TimerEntry notYet = timer(fresh("timer"), T0.plusSeconds(40));
    await(timers.schedule(third));
    await(timers.schedule(first));
    await(timers.schedule(notYet));
    await(timers.schedule(second));

    List<TimerEntry> claimed = await(timers.claimDue(T0.plusSeconds(30), 10, LEASE));

    assertThat(claimed).extracting(TimerEntry::id).containsExactly(first.id(), second.id(), third.id());
  }

  @Test
  void claimDueReturnsAtMostMaxTimers() {
    for (int i = 0; i < 5; i++) {
      await(timers.schedule(timer("timer-" + i + "-" + fresh("t"), T0.plusSeconds(i))));
    }

    List<TimerEntry> firstBatch = await(timers.claimDue(T0.plusSeconds(10), 2, LEASE));
    List<TimerEntry> secondBatch = await(timers.claimDue(T0.plusSeconds(10), 10, LEASE));

    assertThat(firstBatch).extracting(TimerEntry::dueAt).containsExactly(T0, T0.plusSeconds(1));
    assertThat(secondBatch).extracting(TimerEntry::dueAt)
        .containsExactly(T0.plusSeconds(2), T0.plusSeconds(3), T0.plusSeconds(4));
  }

  @Test
  void aClaimedTimerIsInvisibleUntilItsLeaseEndsAndIsThenClaimedAgain() {
    TimerEntry entry = timer(fresh("timer"), T0);
    await(timers.schedule(entry));

    assertThat(await(timers.claimDue(T0, 10, LEASE))).extracting(TimerEntry::deliveries).containsExactly(1);
    assertThat(await(timers.claimDue(T0, 10, LEASE))).isEmpty();
    assertThat(await(timers.claimDue(T0.plus(LEASE).minusMillis(1), 10, LEASE))).isEmpty();

    List<TimerEntry> again = await(timers.claimDue(T0.plus(LEASE), 10, LEASE));

    assertThat(again).containsExactly(entry.withDeliveries(2));
    assertThat(await(timers.claimDue(T0.plus(LEASE).plus(LEASE).minusMillis(1), 10, LEASE))).isEmpty();
    assertThat(await(timers.claimDue(T0.plus(LEASE).plus(LEASE), 10, LEASE)))
        .containsExactly(entry.withDeliveries(3));
  }

  @Test
  void theLeaseRunsFromTheClaimNotFromTheDueTime() {
    TimerEntry entry = timer(fresh("timer"), T0);
    await(timers.schedule(entry));
    Instant claimedAt = T0.plusSeconds(120);

    await(timers.claimDue(claimedAt, 10, LEASE));

    assertThat(await(timers.claimDue(T0.plus(LEASE), 10, LEASE))).isEmpty();
    assertThat(await(timers.claimDue(claimedAt.plus(LEASE), 10, LEASE))).containsExactly(entry.withDeliveries(2));
  }

  @Test
  void completeRemovesAClaimedTimer() {
    TimerEntry entry = timer(fresh("timer"), T0);
    TimerEntry other = timer(fresh("timer"), T0.plusSeconds(3600));
    await(timers.schedule(entry));
    await(timers.schedule(other));
    await(timers.claimDue(T0, 10, LEASE));

    await(timers.complete(entry.id()));

    assertThat(await(timers.size())).isEqualTo(1L);
    assertThat(await(timers.claimDue(T0.plus(LEASE), 10, LEASE))).isEmpty();
    assertThat(await(timers.nextDue())).contains(other.dueAt());
  }

  @Test
  void completingAnUnknownTimerDoesNothing() {
    TimerEntry entry = timer(fresh("timer"), T0);
    await(timers.schedule(entry));

    await(timers.complete(fresh("unknown")));

    assertThat(await(timers.size())).isEqualTo(1L);
    assertThat(await(timers.claimDue(T0, 10, LEASE))).containsExactly(entry.withDeliveries(1));
  }

  @Test
  void aCompletedTimerIdCanBeScheduledAgain() {
    String id = fresh("timer");
    await(timers.schedule(timer(id, T0)));
    await(timers.claimDue(T0, 10, LEASE));
    await(timers.complete(id));
    TimerEntry again = timer(id, T0.plusSeconds(600));

    assertThat(await(timers.schedule(again))).isTrue();

    assertThat(await(timers.claimDue(T0.plusSeconds(599), 10, LEASE))).isEmpty();
    assertThat(await(timers.claimDue(T0.plusSeconds(600), 10, LEASE))).containsExactly(again.withDeliveries(1));
  }

  @Test
  void releaseMakesAClaimedTimerClaimableAtTheGivenTimeBeforeItsLeaseEnds() {
    TimerEntry entry = timer(fresh("timer"), T0);
    await(timers.schedule(entry));
    await(timers.claimDue(T0, 10, Duration.ofMinutes(5)));
    Instant retryAt = T0.plusSeconds(10);

    await(timers.release(entry.id(), retryAt));

    assertThat(await(timers.claimDue(retryAt.minusMillis(1), 10, LEASE))).isEmpty();
    List<TimerEntry> again = await(timers.claimDue(retryAt, 10, LEASE));
    assertThat(again).extracting(TimerEntry::id).containsExactly(entry.id());
    assertThat(again).extracting(TimerEntry::deliveries).containsExactly(2);
    assertThat(again.get(0).payload()).isEqualTo(entry.payload());
  }

  @Test
  void releaseCanPostponeAClaimedTimerBeyondItsLease() {
    TimerEntry entry = timer(fresh("timer"), T0);
    await(timers.schedule(entry));
    await(timers.claimDue(T0, 10, LEASE));
    Instant retryAt = T0.plus(Duration.ofMinutes(10));

    await(timers.release(entry.id(), retryAt));

    assertThat(await(timers.claimDue(T0.plus(LEASE), 10, LEASE))).isEmpty();
    assertThat(await(timers.nextDue())).contains(retryAt);
    assertThat(await(timers.claimDue(retryAt, 10, LEASE))).extracting(TimerEntry::id).containsExactly(entry.id());
  }

  @Test
  void nextDueIsEmptyWhenNoTimerIsScheduled() {
    assertThat(await(timers.nextDue())).isEmpty();
  }

  @Test
  void nextDueIsTheEarliestDueTime() {
    await(timers.schedule(timer(fresh("timer"), T0.plusSeconds(300))));
    await(timers.schedule(timer(fresh("timer"), T0.plusSeconds(120))));
    await(timers.schedule(timer(fresh("timer"), T0.plusSeconds(600))));

    assertThat(await(timers.nextDue())).contains(T0.plusSeconds(120));
  }

  @Test
  void nextDueIsWhenALeaseEndsIfThatComesFirst() {
    await(timers.schedule(timer(fresh("timer"), T0)));
    await(timers.schedule(timer(fresh("timer"), T0.plusSeconds(600))));

    await(timers.claimDue(T0, 1, LEASE));

    assertThat(await(timers.nextDue())).contains(T0.plus(LEASE));
  }

  @Test
  void nextDueIsTheLeaseEndWhenEveryTimerIsLeased() {
    await(timers.schedule(timer(fresh("timer"), T0)));

    await(timers.claimDue(T0.plusSeconds(5), 10, LEASE));

    assertThat(await(timers.nextDue())).contains(T0.plusSeconds(5).plus(LEASE));
  }

  @Test
  void nextDueIsEmptyOnceEveryTimerIsCompleted() {
    TimerEntry entry = timer(fresh("timer"), T0);
    await(timers.schedule(entry));
    await(timers.claimDue(T0, 10, LEASE));

    await(timers.complete(entry.id()));

    assertThat(await(timers.nextDue())).isEmpty();
  }

  @Test
  void sizeCountsWaitingAndLeasedTimers() {
    assertThat(await(timers.size())).isZero();
    TimerEntry first = timer(fresh("timer"), T0);
    await(timers.schedule(first));
    await(timers.schedule(timer(fresh("timer"), T0.plusSeconds(60))));
    await(timers.schedule(timer(fresh("timer"), T0.plusSeconds(120))));

    await(timers.claimDue(T0, 10, LEASE));
    assertThat(await(timers.size())).isEqualTo(3L);

    await(timers.complete(first.id()));
    assertThat(await(timers.size())).isEqualTo(2L);
  }

  @Test
  void everyCallCompletesOnTheCallersContext() {
    TimerEntry entry = timer(fresh("timer"), T0);
    assertThat(onContext(() -> timers.schedule(entry))).isTrue();
    assertThat(onContext(() -> timers.claimDue(T0, 10, LEASE))).hasSize(1);
    assertThat(onContext(() -> timers.nextDue())).isPresent();
    onContext(() -> timers.complete(entry.id()));
    assertThat(onContext(() -> timers.size())).isZero();
  }

  /**
   * A timer the engine schedules with a typed message. A queue that keeps entries in its process may hand
   * the message back; any queue hands back its JSON, which is all a store keeps, and the entry reads the
   * same either way.
   */
  @Test
  void aTimerScheduledWithATypedMessageIsClaimedWithItsJson() {
    String id = fresh("timer");
    TimerEntry typed = TimerEntry.carrying(id, "review", T0, new Version(id, 3));
    await(timers.schedule(typed));

    List<TimerEntry> claimed = await(timers.claimDue(T0, 10, LEASE));

    assertThat(claimed).hasSize(1);
    TimerEntry entry = claimed.get(0);
    assertThat(entry.payload()).isEqualTo(new JsonObject().put("report", id).put("version", 3));
    assertThat(entry).isEqualTo(TimerEntry.of(id, "review", T0, new Version(id, 3).toJson()).withDeliveries(1));
    Version message = entry.message(Version.class);
    assertThat(message == null || message.equals(new Version(id, 3)))
        .as("the message handed back, if any, is the one scheduled: %s", message).isTrue();
  }

  /** A typed timer message, as the engine's review and inspection timers are. */
  public record Version(String report, int version) implements Payload {
    @Override
    public JsonObject toJson() {
      return new JsonObject().put("report", report).put("version", version);
    }
  }

  private static TimerEntry timer(String id, Instant dueAt) {
    return TimerEntry.of(id, "review", dueAt, new JsonObject().put("report", id).put("version", 1));
  }
}
