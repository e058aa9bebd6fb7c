package org.alertresponder.adapter.aws;

import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.Emitter;
import org.alertresponder.engine.spi.EmitterFactory;
import org.alertresponder.engine.spi.PluginContext;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsAsyncClient;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The emitter type {@code sns}: options {@code topic-arn} (required), {@code region} and {@code endpoint}
 * (both optional; credentials from the AWS SDK's default chain).
 */
public final class SnsEmitterFactory implements EmitterFactory {
  @Override
  public String type() {
    return "sns";
  }

  @Override
  public Emitter create(PluginContext context) {
    String topicArn = context.options().requiredString("topic-arn");
    if (!topicArn.startsWith("arn:")) {
      throw new ConfigurationException(context.options().pathOf("topic-arn"),
          "a topic ARN like arn:aws:sns:us-east-1:123456789012:alerts", "\"" + topicArn + "\"");
    }
    var builder = SnsAsyncClient.builder().httpClientBuilder(NettyNioAsyncHttpClient.builder());
    String region = context.options().string("region", null);
    if (region != null) {
      builder.region(Region.of(region));
    }
    String endpoint = context.options().string("endpoint", null);
    if (endpoint != null) {
      try {
        builder.endpointOverride(new URI(endpoint));
      } catch (URISyntaxException e) {
        throw new ConfigurationException(context.options().pathOf("endpoint"), "an http or https URL",
            "\"" + endpoint + "\"");
      }
    }
    return new SnsEmitter(builder.build(), topicArn);
  }
}
