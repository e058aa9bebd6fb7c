package org.alertresponder.adapter.aws;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import org.alertresponder.adapter.aws.internal.AwsClients;
import org.alertresponder.adapter.aws.internal.AwsFutures;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.PluginException;
import org.alertresponder.engine.spi.PluginOptions;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

import java.nio.charset.StandardCharsets;

/**
 * One Lambda function called with JSON and answering JSON: what the {@code lambda} inspector, reviewer
 * and emitter types share.
 *
 * <p>Failures are sorted the way the engine needs them: a function that throws fails retryably, unless
 * its error message starts with {@code permanent:} (the function knows a retry cannot help); throttling,
 * server errors and network failures are retryable; a refused invocation (no such function, no
 * permission, a payload too large) is permanent.
 */
final class LambdaFunction {
  /** The error-message prefix with which a function says that retrying cannot help. */
  static final String PERMANENT = "permanent:";

  private final LambdaAsyncClient client;
  private final String function;

  LambdaFunction(LambdaAsyncClient client, String function) {
    this.client = client;
    this.function = function;
  }

  /**
   * From plugin options: {@code function} (a name or an ARN, required), {@code region} (default: the
   * ARN's; required with a bare name, so the SDK never looks it up) and {@code endpoint} (optional).
   */
  static LambdaFunction fromOptions(PluginOptions options) {
    String function = options.requiredString("function");
    String region = options.string("region", null);
    String[] arn = function.split(":");
    if (region == null && arn.length >= 7 && arn[0].equals("arn") && arn[2].equals("lambda")) {
      region = arn[3];
    }
    if (region == null) {
      throw new ConfigurationException(options.pathOf("region"),
          "an AWS region like us-east-1 (the function " + function + " is not an ARN that names one)", "nothing");
    }
    LambdaAsyncClient client = AwsClients.configure(LambdaAsyncClient.builder(), region,
        AwsClients.endpoint(options)).build();
    return new LambdaFunction(client, function);
  }

  String name() {
    return function;
  }

  /** Invokes the function and waits for its answer: the decoded JSON it returned (null for none). */
  Future<Object> call(Object payload) {
    byte[] request = Json.encode(payload).getBytes(StandardCharsets.UTF_8);
    return AwsFutures.call(() -> client.invoke(b -> b.functionName(function)
            .invocationType(InvocationType.REQUEST_RESPONSE).payload(SdkBytes.fromByteArray(request))))
        .recover(failure -> Future.failedFuture(classify(failure)))
        .compose(response -> {
          String answer = response.payload() == null ? "" : response.payload().asUtf8String();
          if (response.functionError() != null) {
            return Future.failedFuture(functionFailed(answer));
          }
          if (answer.isBlank() || answer.equals("null")) {
            return Future.succeededFuture(null);
          }
          try {
            return Future.succeededFuture(Json.decodeValue(answer));
          } catch (DecodeException e) {
            return Future.failedFuture(PluginException.permanent("Lambda function " + function
                + " answered with something that is not JSON: " + abbreviate(answer)));
          }
        });
  }

  private PluginException functionFailed(String answer) {
    String message = answer;
    try {
      JsonObject error = new JsonObject(answer);
      message = error.getString("errorMessage", answer);
    } catch (DecodeException | ClassCastException notAnErrorObject) {
      // Reported as it came.
    }
    boolean permanent = message.startsWith(PERMANENT);
    return new PluginException("Lambda function " + function + " failed: " + abbreviate(message), !permanent);
  }

  private RuntimeException classify(Throwable failure) {
    if (failure instanceof AwsServiceException service) {
      boolean retryable = service.isThrottlingException() || service.statusCode() >= 500;
      return new PluginException("Lambda refused to invoke " + function + ": " + service.awsErrorDetails().errorMessage()
          + " (" + service.awsErrorDetails().errorCode() + ", HTTP " + service.statusCode() + ")", retryable, failure);
    }
    if (failure instanceof SdkClientException) {
      return PluginException.retryable("Lambda could not be reached to invoke " + function + ": " + failure.getMessage());
    }
    return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
  }

  private static String abbreviate(String text) {
    return text.length() <= 500 ? text : text.substring(0, 500) + "…";
  }
}
