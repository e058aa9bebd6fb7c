package org.alertresponder.engine.internal;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** How work is counted around a request to a plugin, which is what a wait for idleness relies on. */
class ActivityTrackerTest {
  private final ActivityTracker tracker = new ActivityTracker();

  @Test
  void theCallersWorkCountsUntilItsRequestIsSent() {
    tracker.begin("reviewer");
    AtomicInteger busyWhileSending = new AtomicInteger(-1);
    Promise<String> answer = Promise.promise();

    Future<String> call = tracker.calling("reviewer", () -> {
      // Sending happens here (and is counted here); a wait that ignores calls in flight must not find
      // the engine idle before it.
      busyWhileSending.set(tracker.busy(Set.of("call:reviewer")));
      return answer.future();
    });

    assertThat(busyWhileSending).hasValue(1);
    assertThat(tracker.busy(Set.of("call:reviewer"))).isZero();
    assertThat(tracker.count("call:reviewer")).isEqualTo(1);

    answer.complete("safe");
    assertThat(call.result()).isEqualTo("safe");
    assertThat(tracker.count("reviewer")).isEqualTo(1);
    assertThat(tracker.count("call:reviewer")).isZero();
  }

  @Test
  void aRequestAnsweredAtOnceLeavesTheCallersWorkCountedThroughout() {
    tracker.begin("reviewer");

    Future<String> call = tracker.calling("reviewer", () -> Future.failedFuture("no handlers"));

    assertThat(call.failed()).isTrue();
    assertThat(tracker.count("reviewer")).isEqualTo(1);
    assertThat(tracker.count("call:reviewer")).isZero();
  }

  @Test
  void trackedWorkCountsUntilTheCallbacksOnItsOutcomeHaveRun() {
    Promise<String> work = Promise.promise();
    Future<String> tracked = tracker.track("reviewer", work::future);
    AtomicInteger countedInCallback = new AtomicInteger(-1);
    // A stage replying to the stage that sent it work begins that stage's activity in such a callback.
    tracked.onComplete(ar -> countedInCallback.set(tracker.count("reviewer")));

    work.complete("published");

    assertThat(countedInCallback).hasValue(1);
    assertThat(tracker.count("reviewer")).isZero();
    assertThat(tracked.result()).isEqualTo("published");
  }

  @Test
  void trackedWorkThatFailsIsCountedUntilItsCallbacksHaveRunToo() {
    Promise<String> work = Promise.promise();
    Future<String> tracked = tracker.track("engine", work::future);
    AtomicInteger countedInCallback = new AtomicInteger(-1);
    tracked.onFailure(failure -> countedInCallback.set(tracker.count("engine")));

    work.fail("store unavailable");

    assertThat(countedInCallback).hasValue(1);
    assertThat(tracker.count("engine")).isZero();
    assertThat(tracked.cause()).hasMessage("store unavailable");
  }
}
