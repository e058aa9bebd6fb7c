package org.alertresponder.tck;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.alertresponder.engine.spi.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManualClockTest {
  private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");
  private Vertx vertx;
  private ManualClock clock;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    clock = new ManualClock(START);
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** Schedules on a fresh context and returns that context once scheduled. */
  private Context scheduleOnContext(Duration delay, Runnable task) throws Exception {
    Context context = vertx.getOrCreateContext();
    Promise<Void> scheduled = Promise.promise();
    context.runOnContext(v -> {
      clock.schedule(delay, task);
      scheduled.complete();
    });
    scheduled.future().await(10, TimeUnit.SECONDS);
    return context;
  }

  @Test
  void timeStandsStillUntilAdvanced() {
    assertThat(clock.now()).isEqualTo(START);
    assertThat(clock.now()).isEqualTo(START);
  }

  @Test
  void dueTasksRunInTimeOrderWithTheClockAtTheirOwnInstant() throws Exception {
    List<String> ran = new CopyOnWriteArrayList<>();
    scheduleOnContext(Duration.ofSeconds(30), () -> ran.add("30s at " + clock.now()));
    scheduleOnContext(Duration.ofSeconds(10), () -> ran.add("10s at " + clock.now()));
    scheduleOnContext(Duration.ofMinutes(5), () -> ran.add("5m at " + clock.now()));

    clock.advanceTo(START.plusSeconds(60)).await(10, TimeUnit.SECONDS);

    assertThat(ran).containsExactly("10s at 2026-11-27T10:00:10Z", "30s at 2026-11-27T10:00:30Z");
    assertThat(clock.now()).isEqualTo(START.plusSeconds(60));
    assertThat(clock.nextTaskAt()).contains(START.plus(Duration.ofMinutes(5)));
  }

  @Test
  void aTaskRunsOnTheContextThatScheduledIt() throws Exception {
    Promise<Context> ranOn = Promise.promise();
    Context scheduler = scheduleOnContext(Duration.ofSeconds(1), () -> ranOn.complete(Vertx.currentContext()));

    clock.advanceTo(START.plusSeconds(1)).await(10, TimeUnit.SECONDS);

    assertThat(ranOn.future().await(10, TimeUnit.SECONDS)).isSameAs(scheduler);
  }

  @Test
  void aCancelledTaskNeverRuns() throws Exception {
    List<String> ran = new CopyOnWriteArrayList<>();
    Context context = vertx.getOrCreateContext();
    Promise<Clock.Cancellable> scheduled = Promise.promise();
    context.runOnContext(v -> scheduled.complete(clock.schedule(Duration.ofSeconds(1), () -> ran.add("ran"))));
    scheduled.future().await(10, TimeUnit.SECONDS).cancel();

    clock.advanceTo(START.plusSeconds(2)).await(10, TimeUnit.SECONDS);

    assertThat(ran).isEmpty();
    assertThat(clock.nextTaskAt()).isEmpty();
  }

  @Test
  void theClockNeverMovesBackwards() {
    clock.set(START.plusSeconds(10));
    clock.set(START);
    Future<Void> advanced = clock.advanceTo(START.plusSeconds(5));

    assertThat(advanced.succeeded()).isTrue();
    assertThat(clock.now()).isEqualTo(START.plusSeconds(10));
  }

  @Test
  void schedulingOutsideAVertxContextIsRefused() {
    assertThatThrownBy(() -> clock.schedule(Duration.ofSeconds(1), () -> { }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Vert.x context");
  }
}
