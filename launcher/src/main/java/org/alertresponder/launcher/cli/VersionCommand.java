package org.alertresponder.launcher.cli;

import org.alertresponder.launcher.Version;
import picocli.CommandLine.Command;

/** {@code version}. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Prints the version.")
public final class VersionCommand implements Runnable {
  @Override
  public void run() {
    System.out.println("alertresponder " + Version.current() + " (Java " + Runtime.version() + ")");
  }
}
