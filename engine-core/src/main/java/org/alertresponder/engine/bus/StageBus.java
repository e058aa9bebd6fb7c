package org.alertresponder.engine.bus;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import org.alertresponder.engine.internal.ActivityTracker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Sends engine messages between stage verticles, handing the activity over with the message and back
 * with the reply.
 *
 * <p>The sender begins the receiver's activity before the message leaves, and the receiver ends it
 * once it has begun its own tracking ({@link #receive}). A message in transit therefore always counts
 * as running work, while the sender does not count as running while it waits for the reply — which
 * matters when the receiver then waits on the clock. A sender that continues with the reply
 * ({@link #requestFrom}) gets its activity back from the receiver as the reply leaves ({@link #reply}), so
 * the reply in transit counts as running too: otherwise a wait for idleness could pass between the
 * receiver's end and the sender's continuation, and miss the work the reply makes the sender do.
 */
public final class StageBus {
  /** The header naming the hand-off of a request whose sender continues with the reply. */
  private static final String HANDOFF = "alertresponder-handoff";

  private final Vertx vertx;
  private final ActivityTracker tracker;
  private final Map<String, Handoff> handoffs = new ConcurrentHashMap<>();
  private final AtomicLong handoffIds = new AtomicLong();

  public StageBus(Vertx vertx, ActivityTracker tracker) {
    this.vertx = vertx;
    this.tracker = tracker;
  }

  /**
   * Sends a message and completes with the reply.
   *
   * @param tag the activity tag the receiver tracks its work under
   */
  public <T> Future<T> request(String address, String tag, Object message, long timeoutMillis) {
    return send(address, tag, message, LocalCodec.options(timeoutMillis));
  }

  /**
   * Sends a message from work tracked under {@code senderTag}, which stops counting as running until the
   * reply is back: the receiver hands the activity back as it replies, and if no reply comes (nobody
   * listens, or the send timed out), it is begun again here. The sender's work then goes on counting
   * as before, and ends as it would have.
   *
   * @param tag the activity tag the receiver tracks its work under
   */
  public <T> Future<T> requestFrom(String senderTag, String address, String tag, Object message,
                                   long timeoutMillis) {
    String id = Long.toString(handoffIds.incrementAndGet());
    Handoff handoff = new Handoff(senderTag);
    handoffs.put(id, handoff);
    Future<T> reply = send(address, tag, message, LocalCodec.options(timeoutMillis).addHeader(HANDOFF, id));
    tracker.end(senderTag);
    return reply.andThen(ar -> {
      handoffs.remove(id);
      if (!handoff.handedBack()) {
        tracker.begin(senderTag);
      }
    });
  }

  private <T> Future<T> send(String address, String tag, Object message, DeliveryOptions options) {
    tracker.begin(tag);
    return vertx.eventBus().<T>request(address, message, options)
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

  /**
   * For a receiver: replies with the outcome of its work (a failure as status 500 with its message),
   * handing the activity back to a sender that continues with the reply.
   */
  public void reply(Message<?> message, AsyncResult<?> outcome) {
    String id = message.headers().get(HANDOFF);
    Handoff handoff = id == null ? null : handoffs.get(id);
    if (handoff != null) {
      handoff.handBack(tracker);
    }
    if (outcome.succeeded()) {
      message.reply(outcome.result(), LocalCodec.options(30_000));
    } else {
      message.fail(500, String.valueOf(outcome.cause().getMessage()));
    }
  }

  /** A sender's activity between its request and the reply: with the sender, or handed back by the receiver. */
  private static final class Handoff {
    private static final int WAITING = 0;
    private static final int HANDED_BACK = 1;
    private static final int CLOSED = 2;

    private final String senderTag;
    private final AtomicInteger state = new AtomicInteger(WAITING);

    Handoff(String senderTag) {
      this.senderTag = senderTag;
    }

    /** The receiver begins the sender's activity; undone if the sender has stopped waiting meanwhile. */
    void handBack(ActivityTracker tracker) {
      tracker.begin(senderTag);
      if (!state.compareAndSet(WAITING, HANDED_BACK)) {
        tracker.end(senderTag);
      }
    }

    /** For the sender, once the request is over: whether the receiver handed the activity back. */
    boolean handedBack() {
      return !state.compareAndSet(WAITING, CLOSED);
    }
  }
}
