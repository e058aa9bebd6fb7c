package org.alertresponder.adapter.aws;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays AWS's part between an SNS topic and a Lambda function subscribed to it, which the emulators do
 * not connect: an SQS queue on fauxqs subscribed to the topic receives each notification, and this
 * invokes the function on serverless-offline with the SNS event Lambda would get
 * ({@code {"Records": [{"EventSource": "aws:sns", "Sns": {"Message": ...}}]}}). A function that fails is
 * recorded in {@link #failures()}, for the test to show.
 */
final class SnsToLambdaForwarder implements AutoCloseable {
  private final SqsAsyncClient sqs;
  private final LambdaAsyncClient lambda;
  private final String topicArn;
  private final String function;
  private final String queue;
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean closed;

  private SnsToLambdaForwarder(SnsAsyncClient sns, SqsAsyncClient sqs, String topicArn, String function) {
    this.sqs = sqs;
    this.topicArn = topicArn;
    this.function = function;
    this.lambda = LambdaAsyncClient.builder().endpointOverride(LambdaEmulator.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClientBuilder(NettyNioAsyncHttpClient.builder()).build();
    this.queue = sqs.createQueue(b -> b.queueName("lambda-subscription-" + UUID.randomUUID())).join().queueUrl();
    String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queue).attributeNamesWithStrings("QueueArn")).join()
        .attributesAsStrings().get("QueueArn");
    sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn)).join();
    this.thread = new Thread(this::forward, "sns-to-lambda-" + function);
    thread.setDaemon(true);
  }

  /** Subscribes {@code function} to {@code topicArn} and forwards until closed. */
  static SnsToLambdaForwarder start(SnsAsyncClient sns, SqsAsyncClient sqs, String topicArn, String function) {
    SnsToLambdaForwarder forwarder = new SnsToLambdaForwarder(sns, sqs, topicArn, function);
    forwarder.thread.start();
    return forwarder;
  }

  /** Each failed invocation: the function's error, or why it could not be invoked. */
  List<String> failures() {
    return failures;
  }

  private void forward() {
    while (!closed) {
      try {
        for (Message message : sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
            .join().messages()) {
          invoke(new JsonObject(message.body()));
          sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(message.receiptHandle())).join();
        }
      } catch (RuntimeException e) {
        if (!closed) {
          failures.add("forwarding failed: " + e);
        }
      }
    }
  }

  private void invoke(JsonObject notification) {
    JsonObject sns = new JsonObject()
        .put("Type", "Notification")
        .put("MessageId", notification.getString("MessageId"))
        .put("TopicArn", topicArn)
        .put("Subject", notification.getString("Subject"))
        .put("Message", notification.getString("Message"))
        .put("Timestamp", notification.getString("Timestamp"))
        .put("MessageAttributes", new JsonObject());
    JsonObject event = new JsonObject().put("Records", new JsonArray().add(new JsonObject()
        .put("EventSource", "aws:sns").put("EventVersion", "1.0")
        .put("EventSubscriptionArn", topicArn + ":" + UUID.randomUUID()).put("Sns", sns)));
    // Synchronously, so that a failing function is seen here; SNS itself invokes asynchronously, which the
    // function cannot tell apart.
    InvokeResponse response = lambda.invoke(b -> b.functionName(function).invocationType(InvocationType.REQUEST_RESPONSE)
        .payload(SdkBytes.fromUtf8String(event.encode()))).join();
    if (response.functionError() != null) {
      failures.add(function + " failed: " + response.payload().asUtf8String());
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lambda.close();
  }

  @Override
  public String toString() {
    return "forwarder of " + topicArn + " to " + function + Map.of("failures", failures);
  }
}
