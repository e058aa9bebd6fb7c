package org.alertresponder.engine.spi;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Everything the engine stores and queues, behind ports. An adapter (in memory, SQLite, DynamoDB + SQS)
 * implements all of them and passes the engine-tck contract suites.
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

  /** Releases connections; called by the engine's stop. Data that is durable stays. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }

  /** A short description for logs and health output, e.g. "in-memory". */
  String describe();
}
