package org.alertresponder.engine.bus;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import org.alertresponder.engine.internal.ActivityTracker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How activity travels with a stage message and its reply: a wait for idleness must never find the
 * engine idle while a message or its reply is on its way.
 */
class StageBusTest {
  private static final String ADDRESS = "test.stage";
  private final ActivityTracker tracker = new ActivityTracker();
  private Vertx vertx;
  private StageBus stages;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    LocalCodec.register(vertx.eventBus());
    stages = new StageBus(vertx, tracker);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** A receiver on a context of its own whose work the test completes; it replies through the stage bus. */
  private AtomicReference<Promise<String>> receiver(CountDownLatch replied) throws Exception {
    AtomicReference<Promise<String>> work = new AtomicReference<>();
    Context context = vertx.getOrCreateContext();
    Promise<Void> registered = Promise.promise();
    context.runOnContext(v -> vertx.eventBus().<String>consumer(ADDRESS, (Message<String> message) ->
            StageBus.receive(tracker, "stage", () -> tracker.track("stage", () -> {
              Promise<String> promise = Promise.promise();
              work.set(promise);
              return promise.future();
            })).onComplete(ar -> {
              stages.reply(message, ar);
              replied.countDown();
            }))
        .completion().onComplete(registered));
    registered.future().await(10, TimeUnit.SECONDS);
    return work;
  }

  @Test
  void theReplyOnItsWayBackCountsAsTheSendersWork() throws Exception {
    CountDownLatch replied = new CountDownLatch(1);
    AtomicReference<Promise<String>> work = receiver(replied);
    AtomicInteger busyWhileTheReplyTravels = new AtomicInteger(-1);
    Promise<String> outcome = Promise.promise();
    Context sender = vertx.getOrCreateContext();

    sender.runOnContext(v -> tracker.track("timers", () -> stages.<String>requestFrom("timers", ADDRESS, "stage",
        "fire", 10_000)).onComplete(outcome));
    // The sender stops counting just after the message left, so the receiver may already be at work.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while ((work.get() == null || tracker.count("timers") != 0) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(tracker.count("timers")).as("the sender does not count while the receiver works").isZero();
    assertThat(tracker.count("stage")).isEqualTo(1);

    // The sender's event loop is kept busy, so the reply cannot be handled until the count is read.
    sender.runOnContext(v -> {
      work.get().complete("done");
      try {
        replied.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      busyWhileTheReplyTravels.set(tracker.busy(Set.of()));
    });

    assertThat(outcome.future().await(10, TimeUnit.SECONDS)).isEqualTo("done");
    assertThat(busyWhileTheReplyTravels).as("the receiver has ended, the sender not yet resumed").hasValue(1);
    // The sender's work ends just after the callbacks on its outcome (where the test learnt of it).
    assertThat(busyOnceSettled()).isZero();
  }

  @Test
  void aSenderThatStopsWaitingBeforeTheReplyCountsAgainAndTheLateReplyLeavesNothingCounted() throws Exception {
    CountDownLatch replied = new CountDownLatch(1);
    AtomicReference<Promise<String>> work = receiver(replied);
    Promise<String> outcome = Promise.promise();
    Context sender = vertx.getOrCreateContext();
    AtomicInteger countedAfterTheTimeout = new AtomicInteger(-1);

    // The send timeout is the bus's wall-clock backstop; the receiver answers only after it passed.
    sender.runOnContext(v -> tracker.track("timers", () -> stages.<String>requestFrom("timers", ADDRESS, "stage",
        "fire", 50).andThen(ar -> countedAfterTheTimeout.set(tracker.count("timers")))).onComplete(outcome));
    Throwable timedOut = catchFailure(outcome.future());
    assertThat(timedOut).hasMessageContaining("Timed out");
    assertThat(countedAfterTheTimeout).hasValue(1);

    work.get().complete("too late");
    assertThat(replied.await(10, TimeUnit.SECONDS)).isTrue();
    // The receiver's own work ends just after its reply callback (where the latch opened).
    assertThat(busyOnceSettled()).as("nothing left counted by the late reply").isZero();
    assertThat(tracker.count("timers")).isZero();
  }

  /** The work counted once it stops changing for the moment work ends after its callbacks (10 s at most). */
  private int busyOnceSettled() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (tracker.busy(Set.of()) != 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    return tracker.busy(Set.of());
  }

  private static Throwable catchFailure(Future<?> future) throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    AtomicReference<Throwable> cause = new AtomicReference<>();
    future.onComplete(ar -> {
      cause.set(ar.cause());
      done.countDown();
    });
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    return cause.get();
  }
}
