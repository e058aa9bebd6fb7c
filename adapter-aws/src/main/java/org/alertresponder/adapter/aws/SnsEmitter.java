package org.alertresponder.adapter.aws;

import io.vertx.core.Future;
import org.alertresponder.adapter.aws.internal.AwsFutures;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportCodec;
import org.alertresponder.engine.spi.Emitter;
import org.alertresponder.engine.spi.PluginException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Publishes each publication to an SNS topic: the report's JSON as the message, and message attributes
 * that subscribers can filter on without reading it — {@code severity}, {@code detector}, {@code rule_id},
 * {@code version} (a number) and {@code report_id}.
 *
 * <p>SNS refuses messages over 256 KB; such a report is dead-lettered with its size, since a retry cannot
 * help. Throttling, server errors and network failures are retried by the engine; a refused request
 * (a missing topic, a denied permission) is permanent.
 */
public final class SnsEmitter implements Emitter {
  /** SNS's largest message, attributes included. */
  static final int MAX_MESSAGE_BYTES = 262_144;

  private final SnsAsyncClient client;
  private final String topicArn;
  private final java.util.function.Function<Report, io.vertx.core.json.JsonObject> shape;

  /** Publishes the report in the wire model's shape. */
  public SnsEmitter(SnsAsyncClient client, String topicArn) {
    this(client, topicArn, ReportCodec::encode);
  }

  /** Publishes the report in the given shape (deepalert's, for the {@code deepalert-report} type). */
  public SnsEmitter(SnsAsyncClient client, String topicArn,
                    java.util.function.Function<Report, io.vertx.core.json.JsonObject> shape) {
    this.client = client;
    this.topicArn = topicArn;
    this.shape = shape;
  }

  /** The same topic and client, publishing another shape. */
  SnsEmitter withShape(java.util.function.Function<Report, io.vertx.core.json.JsonObject> other) {
    return new SnsEmitter(client, topicArn, other);
  }

  @Override
  public Future<Void> emit(Report report) {
    String message = shape.apply(report).encode();
    Map<String, MessageAttributeValue> attributes = Map.of(
        "severity", text(report.result() == null ? "unclassified" : report.result().severity().wireName()),
        "detector", text(report.detector()),
        "rule_id", text(report.ruleId()),
        "report_id", text(report.id()),
        "version", MessageAttributeValue.builder().dataType("Number").stringValue(Integer.toString(report.version()))
            .build());
    int size = message.getBytes(StandardCharsets.UTF_8).length;
    for (Map.Entry<String, MessageAttributeValue> attribute : attributes.entrySet()) {
      size += attribute.getKey().length() + attribute.getValue().dataType().length()
          + attribute.getValue().stringValue().getBytes(StandardCharsets.UTF_8).length;
    }
    if (size > MAX_MESSAGE_BYTES) {
      return Future.failedFuture(PluginException.permanent("report " + report.id() + " version " + report.version()
          + " is " + size + " bytes as an SNS message; SNS takes at most " + MAX_MESSAGE_BYTES));
    }
    return AwsFutures.call(() -> client.publish(b -> b.topicArn(topicArn).message(message)
            .messageAttributes(attributes)))
        .<Void>mapEmpty()
        .recover(failure -> Future.failedFuture(classify(topicArn, failure)));
  }

  private static MessageAttributeValue text(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }

  /**
   * A failed publication to {@code topicArn} as a plugin failure: throttling, 5xx and network failures may
   * pass; a request SNS refused will be refused again.
   */
  static RuntimeException classify(String topicArn, Throwable failure) {
    if (failure instanceof AwsServiceException service) {
      boolean retryable = service.isThrottlingException() || service.statusCode() >= 500;
      return new PluginException("SNS refused the publication to " + topicArn + ": "
          + service.awsErrorDetails().errorMessage() + " (" + service.awsErrorDetails().errorCode() + ", HTTP "
          + service.statusCode() + ")", retryable, failure);
    }
    if (failure instanceof SdkClientException) {
      return PluginException.retryable("SNS could not be reached: " + failure.getMessage());
    }
    return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
  }
}
