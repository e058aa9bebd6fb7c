package org.alertresponder.launcher;

import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.launcher.config.LauncherConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Plugin jars are loaded from the plugins/ folder next to a configuration file, and only then. */
class PluginFolderTest {
  @TempDir
  Path dir;

  /** A jar that names a provider class it does not contain. */
  private Path brokenPluginJar() throws Exception {
    Path jar = dir.resolve("plugins").resolve("broken.jar");
    Files.createDirectories(jar.getParent());
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
      jarOut.putNextEntry(new JarEntry("META-INF/services/org.alertresponder.engine.spi.EmitterFactory"));
      jarOut.write("com.example.MissingEmitterFactory\n".getBytes(StandardCharsets.UTF_8));
      jarOut.closeEntry();
    }
    return jar;
  }

  @Test
  void aBrokenPluginJarIsAConfigurationErrorNamingTheFolder() throws Exception {
    brokenPluginJar();
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, "emitters: []\n");
    LauncherConfig config = Configurations.load(file, Map.<String, String>of()::get);
    ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
        () -> Configurations.plugins(config, true));
    assertThat(e.path()).isEqualTo(dir.resolve("plugins").toString());
    assertThat(e.getMessage()).contains("MissingEmitterFactory");
  }

  @Test
  void theEmbeddedDefaultLoadsNoPluginFolder() throws Exception {
    brokenPluginJar();
    LauncherConfig defaults = org.alertresponder.launcher.config.LauncherConfigBinder.defaults(dir);
    // The built-in types only: the server's own, the day-one plugins' and the AWS adapter's; nothing from the folder.
    assertThat(Configurations.plugins(defaults, false).emitterTypes()).containsExactlyInAnyOrder("log", "sns", "lambda",
        "deepalert-report", "webhook", "slack", "pagerduty", "github", "email", "file");
  }
}
