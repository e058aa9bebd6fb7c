package org.alertresponder.engine.spi;

import io.vertx.core.Future;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.Verdict;
import org.alertresponder.engine.bus.Addresses;

/**
 * Binds a {@link Reviewer} to {@code alertresponder.reviewer.<name>}. Extend it with
 * {@link #ReviewerVerticle(String)} and override {@link #review(Report)} to write a reviewer as a
 * verticle.
 */
public class ReviewerVerticle extends PluginVerticle<Report, Verdict> {
  private final Reviewer reviewer;

  public ReviewerVerticle(String name, Reviewer reviewer) {
    super(Addresses.reviewer(PluginNames.require("reviewer", name)));
    this.reviewer = reviewer;
  }

  protected ReviewerVerticle(String name) {
    super(Addresses.reviewer(PluginNames.require("reviewer", name)));
    this.reviewer = null;
  }

  protected Future<Verdict> review(Report report) {
    if (reviewer == null) {
      return Future.failedFuture(PluginException.permanent(getClass().getName() + " does not override review"));
    }
    return reviewer.review(report);
  }

  /** Closes the plugin passed to the constructor if it is {@link AutoCloseable}. */
  @Override
  public Future<?> stop() {
    return closeIfCloseable(reviewer, address());
  }

  @Override
  protected Report decode(Object body) {
    return PluginCodec.decodeReport(body);
  }

  @Override
  protected Future<Verdict> call(Report request) {
    return review(request);
  }

  @Override
  protected Object encode(Verdict answer) {
    return PluginCodec.encode(answer);
  }
}
