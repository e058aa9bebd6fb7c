package org.alertresponder.adapter.aws;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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

  private static URI start() {
    String serverless = EmulatorProcess.installed("node_modules/.bin/serverless").toString();
    int port = EmulatorProcess.freePort();
    try {
      recordFile = Files.createTempFile("lambda-deliveries", ".txt");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return EmulatorProcess.start("serverless-offline", List.of(serverless, "offline", "start"), Map.of(
        "LAMBDA_PORT", Integer.toString(port),
        "HTTP_PORT", Integer.toString(EmulatorProcess.freePort()),
        "WEBSOCKET_PORT", Integer.toString(EmulatorProcess.freePort()),
        "RECORD_FILE", recordFile.toString(),
        "SLS_TELEMETRY_DISABLED", "1",
        "SLS_NOTIFICATIONS_MODE", "off"), port, Duration.ofSeconds(60));
  }
}
