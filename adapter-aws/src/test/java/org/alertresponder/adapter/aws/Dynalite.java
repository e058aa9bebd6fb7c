package org.alertresponder.adapter.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

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

  /** A client of the emulator whose requests pass {@code interceptor}. */
  static DynamoDbAsyncClient newClient(software.amazon.awssdk.core.interceptor.ExecutionInterceptor interceptor) {
    return DynamoDbAsyncClient.builder()
        .overrideConfiguration(o -> o.addExecutionInterceptor(interceptor))
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClientBuilder(NettyNioAsyncHttpClient.builder())
        .build();
  }

  private static URI start() {
    Path executable = Path.of(System.getProperty("alertresponder.emulators", "emulators"),
        "node_modules/.bin/dynalite").toAbsolutePath().normalize();
    if (!Files.isExecutable(executable)) {
      throw new IllegalStateException(executable + " is missing: run adapter-aws/emulators/install.sh "
          + "(the Maven build runs it before the tests)");
    }
    int port = freePort();
    try {
      Process process = new ProcessBuilder(List.of(executable.toString(), "--host", "127.0.0.1", "--port",
          Integer.toString(port), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("dynalite exited with status " + process.exitValue());
        }
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
          return URI.create("http://127.0.0.1:" + port);
        } catch (IOException notYet) {
          Thread.sleep(50);
        }
      }
      throw new IllegalStateException("dynalite did not listen on 127.0.0.1:" + port + " within 20s");
    } catch (IOException e) {
      throw new IllegalStateException("could not start dynalite", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
