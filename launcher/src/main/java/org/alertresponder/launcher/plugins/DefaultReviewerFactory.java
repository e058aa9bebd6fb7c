package org.alertresponder.launcher.plugins;

import org.alertresponder.engine.review.DefaultReviewer;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.Reviewer;
import org.alertresponder.engine.spi.ReviewerFactory;

/**
 * Reviewer type {@code default}: says {@code unclassified} for every report, with a summary, so that an
 * analyst looks; configure a policy reviewer to decide.
 */
public final class DefaultReviewerFactory implements ReviewerFactory {
  @Override
  public String type() {
    return "default";
  }

  @Override
  public Reviewer create(PluginContext context) {
    return new DefaultReviewer();
  }
}
