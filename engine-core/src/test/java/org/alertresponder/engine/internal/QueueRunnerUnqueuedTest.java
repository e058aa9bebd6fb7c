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
 * of the timer that started it) counts against the runner's limits like claimed work, and is refused
 * when the limits allow nothing more, so that the caller queues it.
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
    final List<String> permitsTaken = new ArrayList<>();
    int permits = Integer.MAX_VALUE;
    /** When set, the next claim answers only once the test completes it (a claim in flight). */
    Promise<List<String>> pendingClaim;

    RecordingRunner(int concurrency) {
      super("test", "inspector:test", "inspector:test", concurrency, 10, new SetClock(), new ActivityTracker());
    }

    Future<Void> runNow(String item) {
      return runUnqueued(item, () -> {
        Promise<Void> done = Promise.promise();
        started.put(item, done);
        return done.future();
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
      started.put(item, done);
      return done.future();
    }

    @Override
    protected int permits(Instant now) {
      return permits;
    }

    @Override
    protected void starting(String item, Instant now) {
      permitsTaken.add(item);
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

    assertThat(runner.runNow("unqueued-1")).isNotNull();
    runner.round().await(10, TimeUnit.SECONDS);

    assertThat(runner.started).containsOnlyKeys("unqueued-1", "queued-1", "queued-2");
    assertThat(runner.permitsTaken).containsExactly("unqueued-1", "queued-1", "queued-2");
    assertThat(runner.claims).containsExactly(2);
  }

  @Test
  void unqueuedWorkIsRefusedWhileTheRunnerIsBusyToItsLimitAndTakenOnceASlotIsFree() throws Exception {
    RecordingRunner runner = runner(1);
    Future<Void> first = runner.runNow("unqueued-1");

    assertThat(runner.runNow("unqueued-2")).isNull();

    runner.started.get("unqueued-1").complete();
    assertThat(first.await(10, TimeUnit.SECONDS)).isNull();
    assertThat(runner.runNow("unqueued-2")).isNotNull();
    assertThat(runner.started).containsOnlyKeys("unqueued-1", "unqueued-2");
  }

  @Test
  void unqueuedWorkIsRefusedWhenTheRateLimitAllowsNothingNow() {
    RecordingRunner runner = runner(4);
    runner.permits = 0;

    assertThat(runner.runNow("unqueued-1")).isNull();
    assertThat(runner.started).isEmpty();
    assertThat(runner.permitsTaken).isEmpty();
  }

  @Test
  void theOutcomeOfUnqueuedWorkIsItsCallers() throws Exception {
    RecordingRunner runner = runner(1);
    Future<Void> work = runner.runNow("unqueued-1");
    runner.started.get("unqueued-1").fail("store unavailable");

    assertThat(work.failed()).isTrue();
    assertThat(work.cause()).hasMessage("store unavailable");
    assertThat(runner.runNow("unqueued-2")).as("the slot is free again").isNotNull();
  }

  @Test
  void whileAClaimIsInFlightItsItemsCountAgainstTheLimitsSoUnqueuedWorkCannotOvershootThem() throws Exception {
    RecordingRunner runner = runner(1);
    runner.pendingClaim = Promise.promise();
    Future<Pump.RoundResult> round = runner.round();
    assertThat(runner.claims).containsExactly(1);

    assertThat(runner.runNow("unqueued-1")).as("the claim in flight may bring the one item allowed").isNull();

    runner.pendingClaim.complete(List.of("queued-1"));
    round.await(10, TimeUnit.SECONDS);
    assertThat(runner.started).containsOnlyKeys("queued-1");
    runner.started.get("queued-1").complete();
    assertThat(runner.runNow("unqueued-1")).isNotNull();
  }

  @Test
  void aClaimThatBringsFewerItemsThanItMightHasItsOtherSlotsFreedWhenItAnswers() throws Exception {
    RecordingRunner runner = runner(2);
    runner.permits = 2;
    runner.pendingClaim = Promise.promise();
    Future<Pump.RoundResult> round = runner.round();
    assertThat(runner.runNow("unqueued-1")).isNull();

    runner.pendingClaim.complete(List.of());
    round.await(10, TimeUnit.SECONDS);

    assertThat(runner.runNow("unqueued-1")).isNotNull();
  }
}
