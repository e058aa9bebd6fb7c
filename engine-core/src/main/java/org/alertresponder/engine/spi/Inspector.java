package org.alertresponder.engine.spi;

import io.vertx.core.Future;

/**
 * Looks up what is known about one attribute: a reputation feed, an asset inventory, a log search.
 *
 * <p>The engine sends an inspector only the attribute types (and contexts) its {@link InspectorSpec}
 * declares, at most once per attribute per report, and takes care of timeouts, retries with backoff,
 * concurrency and rate limits and caching, so an implementation just answers. Fail the future with
 * {@link PluginException#permanent(String)} for an error a retry cannot fix; any other failure is
 * retried.
 *
 * <p>An implementation that holds resources (an HTTP client, a timer, a file) also implements
 * {@link AutoCloseable}: the engine closes it when it stops.
 */
@FunctionalInterface
public interface Inspector {
  Future<InspectionResult> inspect(InspectionTask task);
}
