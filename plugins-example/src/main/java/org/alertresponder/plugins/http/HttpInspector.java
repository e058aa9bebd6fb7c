package org.alertresponder.plugins.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.client.HttpResponse;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.engine.spi.InspectionResult;
import org.alertresponder.engine.spi.InspectionTask;
import org.alertresponder.engine.spi.Inspector;
import org.alertresponder.engine.spi.PluginCodec;
import org.alertresponder.engine.spi.PluginException;
import org.alertresponder.plugins.support.HmacSignatures;
import org.alertresponder.plugins.support.PluginHttpClient;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Asks an HTTP endpoint about each attribute (see the package documentation for the contract).
 *
 * <p>The request's signature covers the timestamp as well as the body, so that a recorded request cannot be
 * replayed later to a receiver that checks the timestamp's age. An answer's signature covers the request's
 * signature as well as the answer's body, which binds the answer to the one task it answers: the engine sends
 * many tasks at once, and an answer about one attribute must not be accepted for another.
 */
final class HttpInspector implements Inspector, AutoCloseable {
  /** Answers larger than this are refused: no inspector result of that size is meant for a report. */
  static final int MAX_ANSWER_BYTES = 1024 * 1024;

  private final PluginHttpClient client;
  private final Clock clock;
  private final String url;
  private final String peer;
  private final String secret;
  private final Map<String, String> headers;
  private final boolean verifyAnswers;

  HttpInspector(PluginHttpClient client, Clock clock, String url, String peer, String secret,
                Map<String, String> headers, boolean verifyAnswers) {
    this.client = client;
    this.clock = clock;
    this.url = url;
    this.peer = peer;
    this.secret = secret;
    this.headers = Map.copyOf(headers);
    this.verifyAnswers = verifyAnswers;
  }

  /** Releases the HTTP connections; the engine calls it when it stops. */
  @Override
  public void close() {
    client.close();
  }

  @Override
  public Future<InspectionResult> inspect(InspectionTask task) {
    Buffer body = PluginCodec.encode(task).toBuffer();
    String timestamp = Long.toString(clock.now().getEpochSecond());
    Map<String, String> request = new LinkedHashMap<>(headers);
    request.put("Content-Type", "application/json");
    request.put("Accept", "application/json");
    request.put(HmacSignatures.TIMESTAMP_HEADER, timestamp);
    String signature = null;
    if (secret != null) {
      signature = HmacSignatures.sign(secret, HmacSignatures.timestamped(timestamp, body));
      request.put(HmacSignatures.SIGNATURE_HEADER, signature);
    }
    String requestSignature = signature;
    return client.send(HttpMethod.POST, url, request, body, peer)
        .compose(response -> decode(response, requestSignature));
  }

  /** What an answer's signature covers: {@code <the request's signature header>.<answer body>}. */
  static Buffer signedAnswer(String requestSignature, Buffer answer) {
    return Buffer.buffer(requestSignature + ".").appendBuffer(answer == null ? Buffer.buffer() : answer);
  }

  private Future<InspectionResult> decode(HttpResponse<Buffer> response, String requestSignature) {
    Buffer answer = response.body() == null ? Buffer.buffer() : response.body();
    if (answer.length() > MAX_ANSWER_BYTES) {
      return permanent("answered with " + answer.length() + " bytes, more than the " + MAX_ANSWER_BYTES
          + " an inspector's answer may have");
    }
    if (verifyAnswers) {
      String signature = response.getHeader(HmacSignatures.SIGNATURE_HEADER);
      if (signature == null) {
        return permanent("answered without the " + HmacSignatures.SIGNATURE_HEADER + " header that verify-answers requires");
      }
      if (!HmacSignatures.matches(secret, signedAnswer(requestSignature, answer), signature)) {
        return permanent("answered with an " + HmacSignatures.SIGNATURE_HEADER + " that does not match the answer (is the secret the same "
            + "on both sides, and does the answer sign \"<request signature>.<body>\"?)");
      }
    }
    if (response.statusCode() == 204 || answer.toString().isBlank()) {
      return Future.succeededFuture(InspectionResult.empty());
    }
    Object json;
    try {
      json = Json.decodeValue(answer);
    } catch (DecodeException e) {
      return permanent("answered " + response.statusCode() + " with a body that is not JSON ("
          + firstLine(e.getMessage()) + ")");
    }
    try {
      return Future.succeededFuture(PluginCodec.decodeResult(json));
    } catch (PluginCodec.MalformedMessageException e) {
      return permanent("answered a " + e.getMessage()
          + " (expected {\"findings\": [{\"type\", \"content\"}], \"attributes\": [...]})");
    }
  }

  private <T> Future<T> permanent(String what) {
    return Future.failedFuture(PluginException.permanent(peer + " " + what));
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    String line = message.lines().findFirst().orElse("").strip();
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
