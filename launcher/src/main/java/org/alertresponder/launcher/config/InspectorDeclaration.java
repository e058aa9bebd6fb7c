package org.alertresponder.launcher.config;

import org.alertresponder.engine.spi.Backoff;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.InspectorSpec;
import org.alertresponder.engine.spi.PluginOptions;
import org.alertresponder.engine.spi.RateLimit;

import java.time.Duration;
import java.util.Set;

/**
 * An inspector as configured: the engine's protections for it and a factory {@code type} with its
 * options. The attribute types may be left to the factory's defaults.
 *
 * @param path where it is in the configuration, for errors found when it is created
 */
public record InspectorDeclaration(String path, String name, String type, Set<String> attributeTypes,
                                   Set<String> contexts, Duration timeout, int maxAttempts, Backoff backoff,
                                   int concurrency, RateLimit rateLimit, Duration cacheTtl, PluginOptions options) {

  /** The engine's spec, with the factory's default types when the configuration named none. */
  public InspectorSpec spec(Set<String> defaultTypes) {
    Set<String> types = attributeTypes.isEmpty() ? defaultTypes : attributeTypes;
    if (types.isEmpty()) {
      throw new ConfigurationException(path + ".attribute-types", "the attribute types this inspector handles "
          + "(its type has no default)", "nothing");
    }
    return new InspectorSpec(name, types, contexts, timeout, maxAttempts, backoff, concurrency, rateLimit, cacheTtl);
  }
}
