package org.alertresponder.launcher;

import org.alertresponder.launcher.config.ConfigFile;
import org.alertresponder.launcher.config.LauncherConfig;
import org.alertresponder.launcher.config.LauncherConfigBinder;
import org.alertresponder.launcher.plugins.PluginRegistry;

import java.nio.file.Path;
import java.util.function.Function;

/** Loads a configuration (or the embedded default) and the plugin types it may use. */
public final class Configurations {
  private Configurations() {
  }

  /**
   * @param file the configuration file, or null for the embedded default
   * @throws org.alertresponder.engine.spi.ConfigurationException naming what is wrong
   */
  public static LauncherConfig load(Path file, Function<String, String> environment) {
    if (file == null) {
      return LauncherConfigBinder.defaults(Path.of("").toAbsolutePath());
    }
    Path absolute = file.toAbsolutePath();
    return new LauncherConfigBinder(environment).bind(ConfigFile.load(absolute, environment), absolute.getParent());
  }

  /**
   * The plugin types on the classpath and, with a configuration file, in the {@code plugins/} folder next to
   * it. The embedded default loads no folder: running {@code serve} somewhere must not run that folder's
   * code.
   *
   * @throws org.alertresponder.engine.spi.ConfigurationException naming a plugin jar that cannot be used
   */
  public static PluginRegistry plugins(LauncherConfig config, boolean fromFile) {
    ClassLoader parent = Configurations.class.getClassLoader();
    if (!fromFile) {
      return PluginRegistry.load(parent);
    }
    Path folder = config.configDir().resolve("plugins");
    return PluginRegistry.load(PluginRegistry.withPluginJars(folder, parent), folder);
  }
}
