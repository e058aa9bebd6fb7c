package org.alertresponder.adapter.aws;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The Lambda Invoke API (npm serverless-offline), serving the functions of emulators/serverless.yml on a
 * free port of 127.0.0.1, started once per test JVM. The {@code emitter} function appends each delivery to
 * {@link #recordFile()}.
 */
public final class LambdaEmulator {
  /** How serverless-offline names a function of emulators/serverless.yml. */
  public static final String PREFIX = "alertresponder-emulators-dev-";

  private static URI endpoint;
  private static Path recordFile;

  private LambdaEmulator() {
  }

  public static synchronized URI endpoint() {
    if (endpoint == null) {
      endpoint = start();
    }
    return endpoint;
  }

  public static synchronized Path recordFile() {
    endpoint();
    return recordFile;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static URI start() {
    Path emulators = Path.of(System.getProperty("alertresponder.emulators", "emulators")).toAbsolutePath().normalize();
    Path serverless = emulators.resolve("node_modules/.bin/serverless");
    if (!Files.isExecutable(serverless)) {
      throw new IllegalStateException(serverless + " is missing: run adapter-aws/emulators/install.sh "
          + "(the Maven build runs it before the tests)");
    }
    try {
      int port = freePort();
      recordFile = Files.createTempFile("lambda-deliveries", ".txt");
      ProcessBuilder builder = new ProcessBuilder(List.of(serverless.toString(), "offline", "start"))
          .directory(emulators.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      builder.environment().put("LAMBDA_PORT", Integer.toString(port));
      builder.environment().put("HTTP_PORT", Integer.toString(freePort()));
      builder.environment().put("WEBSOCKET_PORT", Integer.toString(freePort()));
      builder.environment().put("RECORD_FILE", recordFile.toString());
      builder.environment().put("SLS_TELEMETRY_DISABLED", "1");
      builder.environment().put("SLS_NOTIFICATIONS_MODE", "off");
      Process process = builder.start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> process.descendants().forEach(ProcessHandle::destroy)));
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("serverless-offline exited with status " + process.exitValue());
        }
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
          return URI.create("http://127.0.0.1:" + port);
        } catch (IOException notYet) {
          Thread.sleep(100);
        }
      }
      throw new IllegalStateException("serverless-offline did not listen on 127.0.0.1:" + port + " within 60s");
    } catch (IOException e) {
      throw new IllegalStateException("could not start serverless-offline", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
