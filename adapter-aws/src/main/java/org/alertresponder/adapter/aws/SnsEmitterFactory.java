package org.alertresponder.adapter.aws;

import org.alertresponder.adapter.aws.internal.AwsClients;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.Emitter;
import org.alertresponder.engine.spi.EmitterFactory;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginOptions;
import software.amazon.awssdk.services.sns.SnsAsyncClient;


/**
 * The emitter type {@code sns}: options {@code topic-arn} (required), {@code region} (default: the topic
 * ARN's region) and {@code endpoint} (optional). Credentials come from the AWS SDK's default chain.
 */
public class SnsEmitterFactory implements EmitterFactory {
  @Override
  public String type() {
    return "sns";
  }

  /**
   * The emitter type {@code deepalert-report}: the same options, the report in deepalert's report shape
   * ({@link DeepAlertReports}), for a topic that deepalert's emitters subscribe to.
   */
  public static final class DeepAlertReportEmitterFactory extends SnsEmitterFactory {
    @Override
    public String type() {
      return "deepalert-report";
    }

    @Override
    public Emitter create(PluginContext context) {
      SnsEmitter plain = (SnsEmitter) super.create(context);
      return plain.withShape(DeepAlertReports::encode);
    }
  }

  @Override
  public Emitter create(PluginContext context) {
    String topicArn = context.options().requiredString("topic-arn");
    // The topic's ARN names its region, so nothing needs to be looked up (the SDK's region chain would
    // ask the instance metadata service when nothing else says).
    String region = context.options().string("region", regionOfTopic(context.options(), "topic-arn", topicArn));
    SnsAsyncClient client = AwsClients.configure(SnsAsyncClient.builder(), region,
        AwsClients.endpoint(context.options())).build();
    return new SnsEmitter(client, topicArn);
  }

  /**
   * The region an SNS topic ARN names.
   *
   * @throws ConfigurationException naming the option {@code key} when the value is not a topic ARN
   */
  static String regionOfTopic(PluginOptions options, String key, String topicArn) {
    String[] parts = topicArn.split(":", -1);
    if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("sns") || parts[3].isEmpty()) {
      throw new ConfigurationException(options.pathOf(key),
          "a topic ARN like arn:aws:sns:us-east-1:123456789012:alerts", "\"" + topicArn + "\"");
    }
    return parts[3];
  }
}
