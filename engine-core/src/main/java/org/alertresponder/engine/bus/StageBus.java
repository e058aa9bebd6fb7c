package org.alertresponder.engine.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import org.alertresponder.engine.internal.ActivityTracker;

import java.util.function.Supplier;

/**
 * Sends engine messages between stage verticles, handing the activity over with the message.
 *
 * <p>The sender begins the receiver's activity before the message leaves, and the receiver ends it
 * once it has begun its own tracking ({@link #receive}). A message in transit therefore always counts
 * as running work, while the sender does not count as running while it waits for the reply — which
 * matters when the receiver then waits on the clock.
 */
public final class StageBus {
  private final Vertx vertx;
  private final ActivityTracker tracker;

  public StageBus(Vertx vertx, ActivityTracker tracker) {
    this.vertx = vertx;
    this.tracker = tracker;
  }

  /**
   * @param tag the activity tag the receiver tracks its work under
   */
  public <T> Future<T> request(String address, String tag, Object message, long timeoutMillis) {
    tracker.begin(tag);
    return vertx.eventBus().<T>request(address, message, LocalCodec.options(timeoutMillis))
        .transform(ar -> {
          if (ar.failed() && ar.cause() instanceof ReplyException reply
              && reply.failureType() == ReplyFailure.NO_HANDLERS) {
            tracker.end(tag);
          }
          return ar.succeeded() ? Future.succeededFuture(ar.result().body()) : Future.failedFuture(ar.cause());
        });
  }

  /**
   * For a receiver: starts {@code work} (which tracks itself under {@code tag}), then ends the
   * sender's hand-off.
   */
  public static <T> Future<T> receive(ActivityTracker tracker, String tag, Supplier<Future<T>> work) {
    Future<T> future;
    try {
      future = work.get();
    } catch (RuntimeException e) {
      future = Future.failedFuture(e);
    }
    tracker.end(tag);
    return future;
  }
}
