package org.alertresponder.engine.internal;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.alertresponder.engine.spi.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Work a queue runner runs without its durable queue (an inspection or a delivery done under the lease
 * of the timer that started it) counts against the runner's limits like claimed work; beyond them it is
 * queued, and while a claim is in flight the choice waits for the items the claim brings.
 */
class QueueRunnerUnqueuedTest {
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  /** A clock that moves only when told; nothing here schedules on it. */
  private static final class SetClock implements Clock {
    @Override
    public Instant now() {
      return T0;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
      return () -> { };
    }
  }

  /** A runner over a queue it does not have: it records what it claims and what it starts. */
  private static final class RecordingRunner extends QueueRunner<String> {
    final List<Integer> claims = new ArrayList<>();
    final List<String> claimable = new ArrayList<>();
    final Map<String, Promise<Void>> started = new HashMap<>();
    /** Every start, in order: "permit" when it took its rate-limit permit, then the item as it starts. */
    final List<String> starts = new ArrayList<>();
    int permits = Integer.MAX_VALUE;
    /** When set, the next claim answers only once the test completes it (a claim in flight). */
    Promise<List<String>> pendingClaim;

    RecordingRunner(int concurrency) {
      super("test", "inspector:test", "inspector:test", concurrency, 10, new SetClock(), new ActivityTracker());
    }

    final List<String> queued = new ArrayList<>();

    /** Runs the item at once if the limits allow, or queues it (recorded in {@link #queued}). */
    Future<Void> runNow(String item) {
      return runUnqueuedOrQueue(() -> {
        Promise<Void> done = Promise.promise();
        starts.add(item);
        started.put(item, done);
        return done.future();
      }, () -> {
        queued.add(item);
        return Future.succeededFuture();
      });
    }

    @Override
    protected Future<List<String>> claim(Instant now, int max) {
      claims.add(max);
      if (pendingClaim != null) {
        return pendingClaim.future();
      }
      List<String> out = new ArrayList<>(claimable.subList(0, Math.min(max, claimable.size())));
      claimable.removeAll(out);
      return Future.succeededFuture(out);
    }

    @Override
    protected Future<Void> process(String item) {
      Promise<Void> done = Promise.promise();
      starts.add(item);
      started.put(item, done);
      return done.future();
    }

    @Override
    protected int permits(Instant now) {
      return permits;
    }

    @Override
    protected void starting(Instant now) {
      starts.add("permit");
    }

    @Override
    protected Future<Optional<Instant>> nextDue(Instant now) {
      return Future.succeededFuture(Optional.empty());
    }

    @Override
    protected String describe(String item) {
      return item;
    }
  }

  private Vertx vertx;

  @BeforeEach
  void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private RecordingRunner runner(int concurrency) {
    RecordingRunner runner = new RecordingRunner(concurrency);
    // A pump that is never started: finishing items wake it, which must not fail.
    runner.attach(new Pump("inspector:test", vertx.getOrCreateContext(), new SetClock(), new ActivityTracker(),
        Duration.ZERO, () -> Future.succeededFuture(Pump.RoundResult.idleUntil(null))));
    return runner;
  }

  @Test
  void unqueuedWorkStartsAtOnceTakesAPermitAndCountsAgainstTheConcurrency() throws Exception {
    RecordingRunner runner = runner(3);
    runner.claimable.addAll(List.of("queued-1", "queued-2", "queued-3"));

    runner.runNow("unqueued-1");
    runner.round().await(10, TimeUnit.SECONDS);

    assertThat(runner.started).containsOnlyKeys("unqueued-1", "queued-1", "queued-2");
    assertThat(runner.starts).containsExactly("permit", "unqueued-1", "permit", "queued-1", "permit", "queued-2");
    assertThat(runner.claims).containsExactly(2);
    assertThat(runner.queued).isEmpty();
  }

  @Test
  void workBeyondTheConcurrencyLimitIsQueuedAndTheSlotIsTakenOnceFree() throws Exception {
    RecordingRunner runner = runner(1);
    Future<Void> first = runner.runNow("unqueued-1");

    Future<Void> second = runner.runNow("unqueued-2");
    assertThat(second.succeeded()).as("queued, which completes it").isTrue();
    assertThat(runner.queued).containsExactly("unqueued-2");

    runner.started.get("unqueued-1").complete();
    assertThat(first.await(10, TimeUnit.SECONDS)).isNull();
    runner.runNow("unqueued-3");
    assertThat(runner.started).containsOnlyKeys("unqueued-1", "unqueued-3");
  }

  @Test
  void workIsQueuedWhenTheRateLimitAllowsNothingNow() {
    RecordingRunner runner = runner(4);
    runner.permits = 0;

    runner.runNow("unqueued-1");

    assertThat(runner.started).isEmpty();
    assertThat(runner.starts).doesNotContain("permit");
    assertThat(runner.queued).containsExactly("unqueued-1");
  }

  @Test
  void theOutcomeOfUnqueuedWorkIsItsCallers() {
    RecordingRunner runner = runner(1);
    Future<Void> work = runner.runNow("unqueued-1");
    runner.started.get("unqueued-1").fail("store unavailable");

    assertThat(work.failed()).isTrue();
    assertThat(work.cause()).hasMessage("store unavailable");
    runner.runNow("unqueued-2");
    assertThat(runner.started).as("the slot is free again").containsKey("unqueued-2");
  }

  @Test
  void whileAClaimIsInFlightTheChoiceWaitsForItsItemsSoThatNothingOvershootsTheLimits() throws Exception {
    RecordingRunner runner = runner(1);
    runner.pendingClaim = Promise.promise();
    Future<Pump.RoundResult> round = runner.round();
    assertThat(runner.claims).containsExactly(1);

    Future<Void> unqueued = runner.runNow("unqueued-1");
    assertThat(unqueued.isComplete()).isFalse();
    assertThat(runner.started).isEmpty();

    runner.pendingClaim.complete(List.of("queued-1"));
    round.await(10, TimeUnit.SECONDS);
    assertThat(runner.started).as("the claimed item took the one slot").containsOnlyKeys("queued-1");
    assertThat(runner.queued).containsExactly("unqueued-1");
    assertThat(unqueued.succeeded()).isTrue();
  }

  @Test
  void aClaimThatBringsNothingLeavesTheSlotToTheWorkThatWaitedForIt() throws Exception {
    RecordingRunner runner = runner(1);
    runner.pendingClaim = Promise.promise();
    Future<Pump.RoundResult> round = runner.round();
    runner.runNow("unqueued-1");

    runner.pendingClaim.complete(List.of());
    round.await(10, TimeUnit.SECONDS);

    assertThat(runner.started).containsOnlyKeys("unqueued-1");
    assertThat(runner.queued).isEmpty();
  }
}
