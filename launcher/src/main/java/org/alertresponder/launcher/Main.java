package org.alertresponder.launcher;

import org.alertresponder.launcher.cli.ConfigCommand;
import org.alertresponder.launcher.cli.DeadLettersCommand;
import org.alertresponder.launcher.cli.PolicyCommand;
import org.alertresponder.launcher.cli.ReportsCommand;
import org.alertresponder.launcher.cli.ServeCommand;
import org.alertresponder.launcher.cli.SubmitCommand;
import org.alertresponder.launcher.cli.VersionCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code alertresponder} command line. */
@Command(name = "alertresponder", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
    description = "Automates the first ten minutes of a security analyst's work.",
    subcommands = {ServeCommand.class, SubmitCommand.class, ReportsCommand.class, DeadLettersCommand.class,
        ConfigCommand.class, PolicyCommand.class, VersionCommand.class, CommandLine.HelpCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {
  public static void main(String[] args) {
    // One line per log record, to standard error; set before any logger exists.
    System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
    System.setProperty("vertx.disableFileCPResolving", "true");
    // Netty records allocator events for Java Flight Recorder; initialising JFR on the first request
    // costs more than a tenth of a second of start-up. A recording can still be enabled explicitly.
    if (System.getProperty("io.netty.jfr.enabled") == null) {
      System.setProperty("io.netty.jfr.enabled", "false");
    }
    // serve is what start-up time is measured on, and picocli's reflective set-up costs a fifth of a second
    // of it: its plain forms are parsed here; anything else (help, mistakes) goes through picocli.
    ServeCommand serve = ServeCommand.parsePlain(args);
    if (serve != null) {
      System.exit(serve.run());
    }
    System.exit(new CommandLine(new Main()).execute(args));
  }

  /** Without a command: the usage, and status 2. */
  @Override
  public Integer call() {
    new CommandLine(this).usage(System.err);
    return 2;
  }

  /** Version for {@code --version}. */
  public static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"alertresponder " + Version.current()};
    }
  }
}
