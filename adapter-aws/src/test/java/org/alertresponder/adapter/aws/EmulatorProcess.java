package org.alertresponder.adapter.aws;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the emulator helpers share: the folder the build installs the emulators into, free ports on
 * 127.0.0.1, and starting an emulator process that is stopped (with what it started) when the JVM exits.
 */
final class EmulatorProcess {
  private EmulatorProcess() {
  }

  /** A file of the installed emulators, checked to be there. */
  static Path installed(String relative) {
    Path emulators = folder();
    Path file = emulators.resolve(relative);
    if (!Files.exists(file)) {
      throw new IllegalStateException(file + " is missing: run adapter-aws/emulators/install.sh "
          + "(the Maven build runs it before the tests)");
    }
    return file;
  }

  static Path folder() {
    return Path.of(System.getProperty("alertresponder.emulators", "emulators")).toAbsolutePath().normalize();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Starts {@code command} in the emulators' folder and waits until it listens on 127.0.0.1:{@code port}.
   *
   * @return the emulator's endpoint
   */
  static URI start(String name, List<String> command, Map<String, String> environment, int port, Duration within) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(folder().toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      builder.environment().putAll(environment);
      Process process = builder.start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
      }));
      long deadline = System.nanoTime() + within.toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException(name + " exited with status " + process.exitValue());
        }
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
          return URI.create("http://127.0.0.1:" + port);
        } catch (IOException notYet) {
          Thread.sleep(50);
        }
      }
      throw new IllegalStateException(name + " did not listen on 127.0.0.1:" + port + " within " + within);
    } catch (IOException e) {
      throw new IllegalStateException("could not start " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
