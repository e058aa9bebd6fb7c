package org.alertresponder.engine.internal;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.bus.ReportMessageCodec;
import org.alertresponder.engine.spi.Backoff;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.engine.spi.PluginCodec;
import org.alertresponder.engine.spi.PluginException;

import java.time.Duration;
import java.util.function.Function;

/**
 * Calls plugins over the event bus with the engine's timeout, retry and backoff rules. This is the one
 * place those rules live; plugins never re-implement them.
 */
public final class PluginCalls {
  /**
   * The event bus's own (wall-clock) send timeout is only a backstop behind the clock-driven timeout,
   * so that a test's manual clock decides when a call times out.
   */
  private static final long BACKSTOP_MILLIS = 60_000;

  private final Vertx vertx;
  private final Clock clock;
  private final ActivityTracker tracker;
  private final TrafficCounters traffic;

  public PluginCalls(Vertx vertx, Clock clock, ActivityTracker tracker, TrafficCounters traffic) {
    this.vertx = vertx;
    this.clock = clock;
    this.tracker = tracker;
    this.traffic = traffic;
  }

  /** How a call with retries ended: a value, or the last failure; and how many calls it took. */
  public record Outcome<T>(T value, Throwable failure, int attempts) {
    public boolean succeeded() {
      return failure == null;
    }

    public boolean timedOut() {
      return failure instanceof PluginTimeoutException;
    }
  }

  /**
   * One request to a plugin, failing with {@link PluginTimeoutException} after {@code timeout}. A
   * {@link Report} body goes with {@link ReportMessageCodec}, any other with the event bus's own codecs. Call it
   * from work tracked under {@code tag}; while the request is in flight, the activity is counted as a
   * call (see {@link ActivityTracker#calling}).
   */
  public Future<Object> request(String tag, String address, Object body, Duration timeout) {
    return tracker.calling(tag, () -> send(tag, address, body, timeout));
  }

  private Future<Object> send(String tag, String address, Object body, Duration timeout) {
    Promise<Object> promise = Promise.promise();
    Clock.Cancellable timer = clock.schedule(timeout, () -> promise.tryFail(new PluginTimeoutException(address,
        timeout)));
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeout.toMillis() + BACKSTOP_MILLIS);
    if (body instanceof Report) {
      options.setCodecName(ReportMessageCodec.NAME);
    }
    traffic.sent(tag);
    vertx.eventBus().<Object>request(address, body, options).onComplete(ar -> {
      timer.cancel();
      // The answer is handed on (which starts the caller's next work) before it is counted, so that an
      // observer that sees the count also sees the work it caused.
      if (ar.succeeded()) {
        promise.tryComplete(ar.result().body());
      } else {
        promise.tryFail(translate(address, timeout, ar.cause()));
      }
      ReplyFailure failure = ar.failed() && ar.cause() instanceof ReplyException reply ? reply.failureType() : null;
      if (failure == ReplyFailure.NO_HANDLERS) {
        traffic.undelivered(tag);
      } else if (ar.succeeded() || failure == ReplyFailure.RECIPIENT_FAILURE) {
        traffic.answered(tag);
      }
    });
    return promise.future();
  }

  /**
   * Calls until success, a permanent failure, or {@code maxAttempts} calls, waiting the backoff (on the
   * clock, not counted as activity of {@code tag}) between attempts. Never fails: the outcome carries
   * the last failure.
   *
   * @param beforeRetry runs before each retry and returns a future to wait for as well (e.g. a
   *                    rate-limit permit); may be null
   */
  public <T> Future<Outcome<T>> withRetries(String tag, int maxAttempts, Backoff backoff,
                                            Function<Integer, Future<T>> attempt,
                                            Function<Integer, Duration> beforeRetry) {
    return attempt(tag, 1, maxAttempts, backoff, attempt, beforeRetry);
  }

  private <T> Future<Outcome<T>> attempt(String tag, int n, int maxAttempts, Backoff backoff,
                                         Function<Integer, Future<T>> attempt,
                                         Function<Integer, Duration> beforeRetry) {
    Future<T> call;
    try {
      call = attempt.apply(n);
    } catch (RuntimeException e) {
      call = Future.failedFuture(e);
    }
    return call.transform(ar -> {
      if (ar.succeeded()) {
        return Future.succeededFuture(new Outcome<>(ar.result(), null, n));
      }
      Throwable failure = ar.cause();
      if (n >= maxAttempts || !retryable(failure)) {
        return Future.succeededFuture(new Outcome<>(null, failure, n));
      }
      Duration wait = backoff.delayBefore(n);
      if (beforeRetry != null) {
        Duration extra = beforeRetry.apply(n + 1);
        if (extra != null && extra.compareTo(wait) > 0) {
          wait = extra;
        }
      }
      return tracker.pause(tag, sleep(wait))
          .compose(v -> attempt(tag, n + 1, maxAttempts, backoff, attempt, beforeRetry));
    });
  }

  /** Completes after {@code delay} on the clock. */
  public Future<Void> sleep(Duration delay) {
    if (delay.isZero() || delay.isNegative()) {
      return Future.succeededFuture();
    }
    Promise<Void> promise = Promise.promise();
    clock.schedule(delay, promise::tryComplete);
    return promise.future();
  }

  public static boolean retryable(Throwable failure) {
    if (failure instanceof PluginException pluginException) {
      return pluginException.retryable();
    }
    return !(failure instanceof PluginCodec.MalformedMessageException);
  }

  private static Throwable translate(String address, Duration timeout, Throwable failure) {
    if (!(failure instanceof ReplyException reply)) {
      return new PluginException(failure.getMessage(), true, failure);
    }
    ReplyFailure type = reply.failureType();
    if (type == ReplyFailure.NO_HANDLERS) {
      return PluginException.retryable("no plugin listens on " + address);
    }
    if (type == ReplyFailure.TIMEOUT) {
      return new PluginTimeoutException(address, timeout);
    }
    String message = reply.getMessage() == null ? "failed without a reason" : reply.getMessage();
    return new PluginException(message, reply.failureCode() != PluginCodec.PERMANENT_FAILURE, failure);
  }

  /** Turns an outcome's failure into the sentence recorded in reports and dead letters. */
  public static String describe(Outcome<?> outcome) {
    Throwable failure = outcome.failure();
    String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    String attempts = outcome.attempts() == 1 ? "1 attempt" : outcome.attempts() + " attempts";
    return message + " (after " + attempts + ")";
  }
}
