package org.alertresponder.engine.spi;

import java.util.Set;

/**
 * Creates inspectors of one configuration {@code type}. Register an implementation in
 * {@code META-INF/services/org.alertresponder.engine.spi.InspectorFactory}; a jar on the classpath (or in
 * the {@code plugins/} folder next to the configuration) then adds the type without touching the
 * launcher.
 */
public interface InspectorFactory {
  /** The {@code type} that selects this factory in the configuration. */
  String type();

  /** The attribute types its inspectors handle when the configuration names none. */
  Set<String> defaultAttributeTypes();

  /** Creates an inspector; reads its options from the context and throws {@link ConfigurationException}. */
  Inspector create(PluginContext context);
}
