package org.alertresponder.adapter.aws.internal;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The one place where an AWS SDK future becomes a Vert.x future.
 *
 * <p>The SDK completes its futures on its own Netty threads. Every port must complete on the caller's
 * context (see {@code Adapter}), so the result hops back to the context that was current when the call
 * was made; a call made outside any context (a test thread) completes on the SDK's thread. The SDK wraps
 * failures in {@link CompletionException}; the Vert.x future carries the SDK's own exception instead, so
 * callers can match on {@code ConditionalCheckFailedException} and the like.
 */
public final class AwsFutures {
  private AwsFutures() {
  }

  /**
   * A future of something already started, completing on {@code context} (or on the completing thread
   * when null), with the SDK's own exception rather than its wrapper.
   */
  public static <T> Future<T> on(Context context, CompletableFuture<T> started) {
    CompletableFuture<T> unwrapped = started.handle((value, failure) -> {
      if (failure != null) {
        throw failure instanceof CompletionException wrapped && wrapped.getCause() != null
            ? new CompletionException(wrapped.getCause()) : new CompletionException(failure);
      }
      return value;
    });
    Future<T> future = context == null ? Future.fromCompletionStage(unwrapped)
        : Future.fromCompletionStage(unwrapped, context);
    return future.recover(failure -> Future.failedFuture(
        failure instanceof CompletionException wrapped && wrapped.getCause() != null ? wrapped.getCause() : failure));
  }

  /** Starts the call and returns its result as a future completing on the caller's context. */
  public static <T> Future<T> call(Supplier<CompletableFuture<T>> call) {
    Context context = Vertx.currentContext();
    CompletableFuture<T> started;
    try {
      started = call.get();
    } catch (RuntimeException e) {
      // The SDK validates some requests before it returns a future.
      return Future.failedFuture(e);
    }
    return on(context, started);
  }

  /**
   * A future completing after {@code delay}: on the caller's context by a Vert.x timer, or (outside any
   * context, as in a test thread) on a delayed executor.
   */
  public static Future<Void> after(java.time.Duration delay) {
    Context context = Vertx.currentContext();
    long millis = Math.max(1, delay.toMillis());
    if (context == null) {
      return Future.fromCompletionStage(CompletableFuture.runAsync(() -> { },
          CompletableFuture.delayedExecutor(millis, java.util.concurrent.TimeUnit.MILLISECONDS)));
    }
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    context.owner().setTimer(millis, id -> done.complete());
    return done.future();
  }
}
