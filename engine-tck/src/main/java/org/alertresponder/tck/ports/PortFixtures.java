package org.alertresponder.tck.ports;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What every port contract suite shares: a fixed starting instant, blocking waits with a timeout and
 * fresh identifiers.
 *
 * <p>Ports never read a clock, so every suite passes explicit instants derived from {@link #T0}; a fixed
 * instant keeps a failing test reproducible.
 */
final class PortFixtures {
  /** The instant every suite counts from. */
  static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  /** How long a port call may take before the test fails rather than hangs. */
  static final long TIMEOUT_SECONDS = 10;

  private PortFixtures() {
  }

  /**
   * Blocks the test thread until the future completes and returns its result. A failed future throws
   * its cause, so an unexpected failure shows the adapter's own exception.
   */
  static <T> T await(Future<T> future) {
    try {
      return future.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("the port call did not complete within " + TIMEOUT_SECONDS + "s", e);
    }
  }

  /** Blocks until the future completes and returns why it failed; a success fails the test. */
  static Throwable failureOf(Future<?> future) {
    try {
      future.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Throwable expected) {
      // The cause is read from the future below, which is the same whether or not await wrapped it.
    }
    if (!future.isComplete()) {
      throw new AssertionError("the port call did not complete within " + TIMEOUT_SECONDS + "s");
    }
    if (future.succeeded()) {
      throw new AssertionError("expected the port call to fail, but it returned " + future.result());
    }
    return future.cause();
  }

  /** A fresh identifier, so that suites never depend on what an earlier test left in a shared store. */
  static String fresh(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }
}
