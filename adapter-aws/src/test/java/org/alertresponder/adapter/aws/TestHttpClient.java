package org.alertresponder.adapter.aws;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.alertresponder.adapter.aws.internal.AwsClients;
import org.alertresponder.adapter.aws.internal.VertxSdkHttpClient;
import software.amazon.awssdk.awscore.client.builder.AwsAsyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;

import java.util.Locale;

/**
 * The HTTP client of the emulators' SDK clients, so that every suite on the emulators runs with either:
 * {@code -Dalertresponder.aws.http-client=netty} or {@code =vertx} (Maven passes it on to the tests);
 * without it, the one {@link AwsConnection} uses by default.
 *
 * <p>The emulators' clients are shared by the whole test JVM, while each test has a Vert.x instance of
 * its own, so the Vert.x HTTP client runs on an instance of its own too. The engine's calls then come
 * from another instance's event loops: the client must, and does, carry them on its own.
 */
final class TestHttpClient {
  private static VertxSdkHttpClient vertxClient;

  private TestHttpClient() {
  }

  /** Which client the emulators' SDK clients use in this run. */
  static AwsHttpClient chosen() {
    String name = System.getProperty("alertresponder.aws.http-client");
    return name == null || name.isBlank() ? AwsConnection.DEFAULT_HTTP_CLIENT
        : AwsHttpClient.valueOf(name.trim().toUpperCase(Locale.ROOT));
  }

  /** Gives {@code builder} the chosen HTTP client. */
  static <B extends AwsClientBuilder<B, ?> & AwsAsyncClientBuilder<B, ?>> B apply(B builder) {
    return AwsClients.configure(builder, chosen() == AwsHttpClient.VERTX ? vertxClient() : null, null, null);
  }

  /** One Vert.x HTTP client for the test JVM, like the shared SDK clients it serves; never closed. */
  private static synchronized VertxSdkHttpClient vertxClient() {
    if (vertxClient == null) {
      vertxClient = VertxSdkHttpClient.on(Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2)),
          VertxSdkHttpClient.Limits.defaults());
    }
    return vertxClient;
  }
}
