package org.alertresponder.adapter.aws.internal;

import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.PluginOptions;
import software.amazon.awssdk.awscore.client.builder.AwsAsyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.net.URISyntaxException;

/** How every client of the adapter and its plugins is set up: one place for HTTP client, region and endpoint. */
public final class AwsClients {
  private AwsClients() {
  }

  /**
   * The SDK's Netty client, the region and an endpoint override when given (null: the SDK's defaults;
   * callers give a region whenever they can, so that the SDK never asks the instance metadata service).
   */
  public static <B extends AwsClientBuilder<B, ?> & AwsAsyncClientBuilder<B, ?>> B configure(B builder, String region,
                                                                                           URI endpoint) {
    return configure(builder, null, region, endpoint);
  }

  /**
   * As {@link #configure(AwsClientBuilder, String, URI)}, with the requests sent by {@code http} when
   * given (a client the caller owns and closes, which may serve several SDK clients), otherwise by an SDK
   * Netty client of the SDK client's own.
   */
  public static <B extends AwsClientBuilder<B, ?> & AwsAsyncClientBuilder<B, ?>> B configure(B builder,
                                                                                           SdkAsyncHttpClient http,
                                                                                           String region,
                                                                                           URI endpoint) {
    if (http == null) {
      builder.httpClientBuilder(NettyNioAsyncHttpClient.builder());
    } else {
      builder.httpClient(http);
    }
    if (region != null) {
      builder.region(Region.of(region));
    }
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder;
  }

  /** A plugin's {@code endpoint} option, or null without one. */
  public static URI endpoint(PluginOptions options) {
    return endpoint(options, "endpoint", null);
  }

  /**
   * A plugin's endpoint option named {@code key} (such as {@code sqs-endpoint}, for a plugin that talks to
   * services on different emulators), or {@code fallback} without one.
   */
  public static URI endpoint(PluginOptions options, String key, URI fallback) {
    String endpoint = options.string(key, null);
    if (endpoint == null) {
      return fallback;
    }
    try {
      return new URI(endpoint);
    } catch (URISyntaxException e) {
      throw new ConfigurationException(options.pathOf(key), "an http or https URL", "\"" + endpoint + "\"");
    }
  }
}
