package org.alertresponder.plugins.support;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * Reads an answer's body into memory, but at most {@code maxBytes} of it and only until a deadline: a peer
 * that sends gigabytes, or trickles a byte every few seconds to keep an idle timeout from firing, fails the
 * request instead of filling the heap or holding a connection for good. Failing the body's stream makes the
 * web client give up the request and its connection.
 */
final class BoundedBody implements BodyCodec<Buffer> {
  private final long maxBytes;
  private final long deadlineNanos;

  /** Raised when the answer passed a bound; {@link HttpAnswers} words it for the operator. */
  static final class AnswerTooLarge extends RuntimeException {
    AnswerTooLarge(String message) {
      super(message, null, false, false);
    }
  }

  /** Raised when the answer was still arriving at the deadline. */
  static final class AnswerTooSlow extends RuntimeException {
    AnswerTooSlow(String message) {
      super(message, null, false, false);
    }
  }

  BoundedBody(long maxBytes, long deadlineNanos) {
    this.maxBytes = maxBytes;
    this.deadlineNanos = deadlineNanos;
  }

  @Override
  public BodyStream<Buffer> stream() {
    return new Stream();
  }

  private final class Stream implements BodyStream<Buffer> {
    private final Buffer body = Buffer.buffer();
    private final Promise<Buffer> result = Promise.promise();

    @Override
    public Future<Buffer> result() {
      return result.future();
    }

    @Override
    public void handle(Throwable failure) {
      result.tryFail(failure);
    }

    @Override
    public Future<Void> write(Buffer data) {
      if (result.future().isComplete()) {
        return Future.failedFuture("the answer was already refused");
      }
      if (body.length() + (long) data.length() > maxBytes) {
        RuntimeException failure = new AnswerTooLarge("its answer is larger than " + maxBytes + " bytes");
        result.tryFail(failure);
        return Future.failedFuture(failure);
      }
      if (System.nanoTime() - deadlineNanos > 0) {
        RuntimeException failure = new AnswerTooSlow("its answer was still arriving at the deadline");
        result.tryFail(failure);
        return Future.failedFuture(failure);
      }
      body.appendBuffer(data);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
      result.tryComplete(body);
      return Future.succeededFuture();
    }

    @Override
    public BodyStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public BodyStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return false;
    }

    @Override
    public BodyStream<Buffer> drainHandler(Handler<Void> handler) {
      return this;
    }
  }
}
