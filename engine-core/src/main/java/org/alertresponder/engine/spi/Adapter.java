package org.alertresponder.engine.spi;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Everything the engine stores and queues, behind ports. An adapter (in memory, SQLite, DynamoDB + SQS)
 * implements all of them and passes the engine-tck contract suites.
 *
 * <p>Every port method may be called from any Vert.x context, and its future must complete on the
 * caller's context (or at once, on the calling thread): the engine's stages keep their state confined to
 * their own context. An adapter whose I/O completes on other threads hops back, for example with
 * {@code Future.fromCompletionStage(stage, context)}. Nothing may block the calling thread.
 */
public interface Adapter {
  ReportRepository reports();

  TimerQueue timers();

  WorkQueue work();

  Outbox outbox();

  ResultCache cache();

  /** Connects, creates files or tables; called by the engine's start. */
  default Future<Void> open(Vertx vertx) {
    return Future.succeededFuture();
  }

  /**
   * Opens the adapter with the engine's clock; the engine calls this one. Ports never read a clock to
   * decide what is due (the engine passes {@code now}), but a store whose queues delay messages by
   * themselves (SQS) needs the engine's time to turn a due instant into a delay.
   */
  default Future<Void> open(Vertx vertx, Clock clock) {
    return open(vertx);
  }

  /** Releases connections; called by the engine's stop. Data that is durable stays. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }

  /** Succeeds when the store answers; the readiness check of a server calls it. */
  default Future<Void> ping() {
    return Future.succeededFuture();
  }

  /** A short description for logs and health output, e.g. "in-memory". */
  String describe();
}
