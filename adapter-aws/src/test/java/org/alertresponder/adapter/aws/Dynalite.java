package org.alertresponder.adapter.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The DynamoDB emulator (npm dynalite, installed by emulators/install.sh during the build), started once
 * per test JVM on a free port of 127.0.0.1 and stopped when the JVM exits.
 */
public final class Dynalite {
  private static URI endpoint;

  private Dynalite() {
  }

  public static synchronized URI endpoint() {
    if (endpoint == null) {
      endpoint = start();
    }
    return endpoint;
  }

  private static DynamoDbAsyncClient shared;

  /** One client of the emulator per test JVM, as an application holds one; never closed by tests. */
  static synchronized DynamoDbAsyncClient client() {
    if (shared == null) {
      shared = newClient();
    }
    return shared;
  }

  /** A client of the emulator, with the dummy credentials it accepts. */
  static DynamoDbAsyncClient newClient() {
    return newClient(new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() { });
  }

  /** A client of the emulator whose requests pass the interceptors, in order. */
  static DynamoDbAsyncClient newClient(software.amazon.awssdk.core.interceptor.ExecutionInterceptor... interceptors) {
    return TestHttpClient.apply(DynamoDbAsyncClient.builder())
        .overrideConfiguration(o -> java.util.Arrays.stream(interceptors).forEach(o::addExecutionInterceptor))
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }

  private static URI start() {
    String executable = EmulatorProcess.installed("node_modules/.bin/dynalite").toString();
    int port = EmulatorProcess.freePort();
    return EmulatorProcess.start("dynalite", List.of(executable, "--host", "127.0.0.1", "--port",
        Integer.toString(port), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"), Map.of(), port,
        Duration.ofSeconds(20));
  }
}
