package org.alertresponder.engine.spi;

import io.vertx.core.Future;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.Verdict;

/**
 * The organisation's policy: reads a compiled report and returns a verdict. A reviewer that keeps
 * failing yields {@code unclassified} with the failure as the reason, so a report is never stuck.
 *
 * <p>An implementation that holds resources (an HTTP client, a timer, a file) also implements
 * {@link AutoCloseable}: the engine closes it when it stops.
 */
@FunctionalInterface
public interface Reviewer {
  Future<Verdict> review(Report report);
}
