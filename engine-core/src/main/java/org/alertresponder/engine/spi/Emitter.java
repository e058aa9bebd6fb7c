package org.alertresponder.engine.spi;

import io.vertx.core.Future;
import org.alertresponder.engine.api.Report;

/**
 * Delivers a published report somewhere: a chat channel, a pager, a ticket, a webhook.
 *
 * <p>Delivery is at-least-once: the same {@code (report.id, report.version)} may arrive again after a
 * crash or a retry, so use it as the idempotency key. Fail with {@link PluginException#permanent(String)}
 * when retrying cannot help (the engine dead-letters at once); any other failure is retried with
 * backoff.
 *
 * <p>An implementation that holds resources (an HTTP client, a timer, a file) also implements
 * {@link AutoCloseable}: the engine closes it when it stops.
 */
@FunctionalInterface
public interface Emitter {
  Future<Void> emit(Report report);
}
