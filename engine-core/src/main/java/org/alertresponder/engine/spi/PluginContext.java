package org.alertresponder.engine.spi;

import io.vertx.core.Vertx;

import java.nio.file.Path;

/**
 * What a plugin factory gets to create a plugin.
 *
 * @param name      the plugin's name from the configuration
 * @param options   its options, read strictly
 * @param vertx     the Vert.x instance the plugin will run on (for HTTP clients, DNS, files)
 * @param clock     the engine's clock
 * @param configDir the folder of the configuration file, against which relative paths resolve
 */
public record PluginContext(String name, PluginOptions options, Vertx vertx, Clock clock, Path configDir) {
  /** A path from the options, resolved against the configuration's folder. */
  public Path resolve(String path) {
    return configDir.resolve(path).normalize();
  }
}
