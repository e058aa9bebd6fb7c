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
 * Items handed over to a queue runner (an emitter's deliveries held for this instance) start without a
 * claim while their hold covers the work, and are left to the durable queue otherwise.
 */
class QueueRunnerHandOverTest {
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  /** A clock that moves only when told; nothing here schedules on it. */
  private static final class SetClock implements Clock {
    private Instant now = T0;

    @Override
    public Instant now() {
      return now;
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

    RecordingRunner(Clock clock, int concurrency) {
      super("test", "emitter:test", "emitter:test", concurrency, 10, clock, new ActivityTracker());
    }

    @Override
    protected Future<List<String>> claim(Instant now, int max) {
      claims.add(max);
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
    protected Future<Optional<Instant>> nextDue(Instant now) {
      return Future.succeededFuture(Optional.empty());
    }

    @Override
    protected String describe(String item) {
      return item;
    }
  }

  private Vertx vertx;
  private final SetClock clock = new SetClock();

  @BeforeEach
  void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private RecordingRunner runner(int concurrency) {
    RecordingRunner runner = new RecordingRunner(clock, concurrency);
    // A pump that is never started: finishing items wake it, which must not fail.
    runner.attach(new Pump("emitter:test", vertx.getOrCreateContext(), clock, new ActivityTracker(), Duration.ZERO,
        () -> Future.succeededFuture(Pump.RoundResult.idleUntil(null))));
    return runner;
  }

  private static Pump.RoundResult round(RecordingRunner runner) throws Exception {
    return runner.round().await(10, TimeUnit.SECONDS);
  }

  @Test
  void anItemHandedOverInTimeStartsWithoutAClaim() throws Exception {
    RecordingRunner runner = runner(4);
    runner.offer("delivery-1", T0.plusSeconds(5));

    Pump.RoundResult result = round(runner);

    assertThat(result.claimed()).isEqualTo(1);
    assertThat(runner.started).containsOnlyKeys("delivery-1");
    assertThat(runner.claims).isEmpty();
  }

  @Test
  void anItemHandedOverTooLateIsLeftToTheQueue() throws Exception {
    RecordingRunner runner = runner(4);
    runner.offer("delivery-1", T0.plusSeconds(5));
    clock.now = T0.plusSeconds(6);
    runner.claimable.add("delivery-2");

    round(runner);

    // The late one is not started from memory: its hold may be about to end, and the queue hands it
    // out again then, to this instance or another.
    assertThat(runner.started).containsOnlyKeys("delivery-2");
    assertThat(runner.claims).containsExactly(4);
  }

  @Test
  void itemsHandedOverWaitForAFreeSlotWhileTheirHoldAllows() throws Exception {
    RecordingRunner runner = runner(1);
    runner.offer("delivery-1", T0.plusSeconds(5));
    runner.offer("delivery-2", T0.plusSeconds(5));
    assertThat(runner.hasCapacity()).isTrue();

    round(runner);
    assertThat(runner.started).containsOnlyKeys("delivery-1");
    assertThat(runner.hasCapacity()).isFalse();
    assertThat(round(runner).claimed()).isZero();

    runner.started.get("delivery-1").complete();
    clock.now = T0.plusSeconds(2);
    round(runner);

    assertThat(runner.started).containsOnlyKeys("delivery-1", "delivery-2");
    assertThat(runner.claims).isEmpty();
  }
}
