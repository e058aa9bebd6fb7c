package org.alertresponder.launcher.config;

import io.vertx.core.Vertx;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.launcher.EngineAssembly;
import org.alertresponder.launcher.plugins.PluginRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every configuration file shipped in config/ loads, binds and creates its plugins. */
class ConfigFilesTest {
  private static final Path CONFIG_DIR = Path.of("..", "config");
  // The token variables every example configuration names, as its deployment would set them.
  private static final Map<String, String> ENV = Map.of("ALERTRESPONDER_TOKEN", "an-example-token-of-some-length",
      "ALERTRESPONDER_WRITE_TOKEN", "an-example-write-token", "ALERTRESPONDER_OPERATOR_TOKEN", "an-example-operator-token");
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  static Stream<Path> configFiles() throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(CONFIG_DIR)) {
      files = listing.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
    }
    assertThat(files).as("configuration files in config/").isNotEmpty();
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("configFiles")
  void loadsAndCreatesEveryPlugin(Path file) {
    LauncherConfig config = new LauncherConfigBinder(ENV::get).bind(ConfigFile.load(file, ENV::get),
        file.toAbsolutePath().getParent());
    EngineAssembly.builder(config, PluginRegistry.load(getClass().getClassLoader()), vertx, Clock.system());
    assertThat(config.emitters()).isNotEmpty();
  }
}
