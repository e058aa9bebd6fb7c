package org.alertresponder.engine.spi;

/**
 * Creates emitters of one configuration {@code type}; registered in
 * {@code META-INF/services/org.alertresponder.engine.spi.EmitterFactory}.
 */
public interface EmitterFactory {
  String type();

  /** Creates an emitter; reads its options from the context and throws {@link ConfigurationException}. */
  Emitter create(PluginContext context);
}
