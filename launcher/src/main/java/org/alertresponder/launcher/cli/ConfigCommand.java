package org.alertresponder.launcher.cli;

import io.vertx.core.Vertx;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.launcher.Configurations;
import org.alertresponder.launcher.EngineAssembly;
import org.alertresponder.launcher.config.LauncherConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code config check FILE}. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Checks configuration files.",
    subcommands = {ConfigCommand.Check.class})
public final class ConfigCommand extends CommandGroup {

  /** Loads the file as {@code serve} would, creates every plugin, and says what is wrong. */
  @Command(name = "check", mixinStandardHelpOptions = true,
      description = {"Checks a configuration file: every key known, every value valid, every plugin creatable.",
          "Exits 0 when it is valid, 2 when it is not (the message names the key)."})
  public static final class Check implements Callable<Integer> {
    @Parameters(paramLabel = "FILE") Path file;

    @Override
    public Integer call() {
      Vertx vertx = null;
      try {
        LauncherConfig config = Configurations.load(file, System::getenv);
        vertx = Vertx.vertx();
        EngineAssembly.builder(config, Configurations.plugins(config, true), vertx, Clock.system());
        System.out.println(file + ": OK — http on " + config.http().host() + ":" + config.http().port() + ", store "
            + config.store().describe() + ", " + config.inspectors().size() + " inspector(s), reviewer "
            + config.reviewer().type() + ", " + config.emitters().size() + " emitter(s)");
        return 0;
      } catch (ConfigurationException e) {
        System.err.println(file + ": " + e.getMessage());
        return 2;
      } finally {
        if (vertx != null) {
          vertx.close();
        }
      }
    }
  }
}
