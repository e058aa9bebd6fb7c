package org.alertresponder.engine.spi;

/**
 * Creates reviewers of one configuration {@code type}; registered in
 * {@code META-INF/services/org.alertresponder.engine.spi.ReviewerFactory}.
 */
public interface ReviewerFactory {
  String type();

  /** Creates a reviewer; reads its options from the context and throws {@link ConfigurationException}. */
  Reviewer create(PluginContext context);
}
