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
 * {@link #recordFile()}; the {@code deepalert-inspector} function sends its answers to the queues
 * {@link #deepAlertFindingQueue()} and {@link #deepAlertAttributeQueue()} on fauxqs, which the emulator's
 * start creates.
 */
public final class LambdaEmulator {
  /** How serverless-offline names a function of emulators/serverless.yml. */
  public static final String PREFIX = "alertresponder-emulators-dev-";

  private static URI endpoint;
  private static Path recordFile;
  private static String deepAlertFindingQueue;
  private static String deepAlertAttributeQueue;

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

  /** The fauxqs queue the deepalert-style inspector function sends its findings to. */
  public static synchronized String deepAlertFindingQueue() {
    endpoint();
    return deepAlertFindingQueue;
  }

  /** The fauxqs queue the deepalert-style inspector function sends the attributes it discovers to. */
  public static synchronized String deepAlertAttributeQueue() {
    endpoint();
    return deepAlertAttributeQueue;
  }

  private static URI start() {
    String serverless = EmulatorProcess.installed("node_modules/.bin/serverless").toString();
    int port = EmulatorProcess.freePort();
    try {
      recordFile = Files.createTempFile("lambda-deliveries", ".txt");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    // A function's environment is fixed when the emulator starts, as a deployed function's is.
    try (var sqs = Fauxqs.sqs()) {
      deepAlertFindingQueue = sqs.createQueue(b -> b.queueName("deepalert-findings")).join().queueUrl();
      deepAlertAttributeQueue = sqs.createQueue(b -> b.queueName("deepalert-attributes")).join().queueUrl();
    }
    return EmulatorProcess.start("serverless-offline", List.of(serverless, "offline", "start"), Map.of(
        "LAMBDA_PORT", Integer.toString(port),
        "HTTP_PORT", Integer.toString(EmulatorProcess.freePort()),
        "WEBSOCKET_PORT", Integer.toString(EmulatorProcess.freePort()),
        "RECORD_FILE", recordFile.toString(),
        "DEEPALERT_FINDING_QUEUE", deepAlertFindingQueue,
        "DEEPALERT_ATTRIBUTE_QUEUE", deepAlertAttributeQueue,
        "DEEPALERT_SQS_ENDPOINT", Fauxqs.endpoint().toString(),
        "SLS_TELEMETRY_DISABLED", "1",
        "SLS_NOTIFICATIONS_MODE", "off"), port, Duration.ofSeconds(60));
  }
}
