package org.alertresponder.adapter.aws;

import org.alertresponder.adapter.aws.internal.AwsClients;
import org.alertresponder.engine.api.Durations;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.Inspector;
import org.alertresponder.engine.spi.InspectorFactory;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginOptions;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The inspector type {@code deepalert} ({@link DeepAlertInspector}): deepalert's inspectors behind its task
 * topic and answer queues. Options:
 * <ul>
 *   <li>{@code task-topic} (required): the ARN of the SNS topic deepalert's inspectors subscribe to;</li>
 *   <li>{@code finding-queue}, {@code attribute-queue} (required): the URLs of the SQS queues they send
 *       findings and new attributes to;</li>
 *   <li>{@code table} (required): the DynamoDB table the answers are collected in, the store's own;</li>
 *   <li>{@code wait} (default 20s): how long answers are collected after a task is published;</li>
 *   <li>{@code region} (default: the task topic's), {@code endpoint} (for every service), and
 *       {@code sns-endpoint}, {@code sqs-endpoint}, {@code dynamodb-endpoint} (one service each).</li>
 * </ul>
 * Credentials come from the AWS SDK's default chain.
 */
public final class DeepAlertInspectorFactory implements InspectorFactory {
  /**
   * The default wait leaves the engine's default inspector timeout (30 s) the margin it needs
   * ({@link DeepAlertInspector#TIMEOUT_MARGIN}) and more.
   */
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(20);
  private static final Pattern QUEUE_URL = Pattern.compile("https?://[^/\\s]+/\\S+");

  @Override
  public String type() {
    return "deepalert";
  }

  /** deepalert's attribute types (its {@code filehashvalue} is the engine's {@code filehash}). */
  @Override
  public Set<String> defaultAttributeTypes() {
    return Set.of("ipaddr", "domain", "username", "filehash", "url", "json");
  }

  @Override
  public Inspector create(PluginContext context) {
    PluginOptions options = context.options();
    String taskTopic = options.requiredString("task-topic");
    String region = options.string("region", SnsEmitterFactory.regionOfTopic(options, "task-topic", taskTopic));
    String findingQueue = queueUrl(options, "finding-queue");
    String attributeQueue = queueUrl(options, "attribute-queue");
    String table = options.requiredString("table");
    Duration wait = options.duration("wait", DEFAULT_WAIT);
    if (wait.isZero()) {
      throw new ConfigurationException(options.pathOf("wait"), "a positive duration such as 20s (how long "
          + "deepalert's inspectors have to answer a task)", Durations.format(wait));
    }
    URI endpoint = AwsClients.endpoint(options);
    SnsAsyncClient sns = AwsClients.configure(SnsAsyncClient.builder(), region,
        AwsClients.endpoint(options, "sns-endpoint", endpoint)).build();
    SqsAsyncClient sqs = AwsClients.configure(SqsAsyncClient.builder(), region,
        AwsClients.endpoint(options, "sqs-endpoint", endpoint)).build();
    DynamoDbAsyncClient dynamoDb = AwsClients.configure(DynamoDbAsyncClient.builder(), region,
        AwsClients.endpoint(options, "dynamodb-endpoint", endpoint)).build();
    DeepAlertAnswers answers = new DeepAlertAnswers(dynamoDb, table, context.name(), context.clock());
    return new DeepAlertInspector(context.name(), sns, taskTopic, sqs, findingQueue, attributeQueue, answers,
        context.clock(), wait, DeepAlertAnswerCollector.VISIBILITY);
  }

  /**
   * A queue URL: http or https, a host and a path (the queue's account and name). It is not parsed further:
   * the SDK sends it as it is, and emulators write their own kinds of host.
   */
  private static String queueUrl(PluginOptions options, String key) {
    String url = options.requiredString(key);
    if (!QUEUE_URL.matcher(url).matches()) {
      throw new ConfigurationException(options.pathOf(key), "an SQS queue URL like "
          + "https://sqs.us-east-1.amazonaws.com/123456789012/deepalert-" + (key.startsWith("finding") ? "findings"
          : "attributes"), "\"" + url + "\"");
    }
    return url;
  }
}
