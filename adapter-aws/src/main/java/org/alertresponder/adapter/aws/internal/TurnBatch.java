package org.alertresponder.adapter.aws.internal;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Gathers the requests made in one turn of the event loop and hands them over together at the end of
 * the turn, so that they leave as one batch request (SendMessageBatch, BatchGetItem) instead of one each.
 * With a linger, it waits that long after the first request instead, gathering the requests of the turns
 * in between too (as a Kafka producer's {@code linger.ms} does): for writes nobody waits on for long.
 * A request made outside any Vert.x context is handed over at once, alone.
 *
 * @param <T> a request waiting for the batch, carrying what completes it
 */
public final class TurnBatch<T> {
  private final Consumer<List<T>> send;
  private final long lingerMillis;
  private final List<T> waiting = new ArrayList<>();

  /** @param send sends a batch (and completes each request in it); called on the context of its first request */
  public TurnBatch(Consumer<List<T>> send) {
    this(send, Duration.ZERO);
  }

  /**
   * @param send   as above
   * @param linger how long to wait after a batch's first request for more; zero for the end of the turn
   */
  public TurnBatch(Consumer<List<T>> send, Duration linger) {
    this.send = send;
    this.lingerMillis = linger.toMillis();
  }

  public void add(T request) {
    Context context = Vertx.currentContext();
    boolean first;
    synchronized (waiting) {
      first = waiting.isEmpty();
      waiting.add(request);
    }
    if (context == null) {
      flush();
    } else if (first && lingerMillis > 0) {
      context.owner().setTimer(lingerMillis, id -> context.runOnContext(v -> flush()));
    } else if (first) {
      context.runOnContext(v -> flush());
    }
  }

  private void flush() {
    List<T> batch;
    synchronized (waiting) {
      batch = new ArrayList<>(waiting);
      waiting.clear();
    }
    if (!batch.isEmpty()) {
      send.accept(batch);
    }
  }
}
