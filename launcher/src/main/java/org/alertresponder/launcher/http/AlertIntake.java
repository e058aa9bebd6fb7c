package org.alertresponder.launcher.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.AlertCodec;
import org.alertresponder.engine.api.ValidAlert;
import org.alertresponder.engine.api.InvalidAlertException;
import org.alertresponder.engine.api.Violation;
import org.alertresponder.engine.internal.JsonReader;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a request body into alerts: one alert object, an array of at most {@code maxBatch} alerts, or an
 * SNS notification whose {@code Message} is either. Every problem is reported as a {@link Problem}; a
 * batch names each bad alert by its index ({@code [3].attributes[0].value}).
 */
public final class AlertIntake {
  private final int maxBatch;

  public AlertIntake(int maxBatch) {
    this.maxBatch = maxBatch;
  }

  /** The decoded alerts; throws {@link ProblemException} when the body is not acceptable. */
  public List<ValidAlert> decode(Buffer body) {
    if (body == null || body.length() == 0) {
      throw new ProblemException(Problem.of(400, "empty-body", "Empty body",
          "send one alert as a JSON object, or a JSON array of alerts"));
    }
    Object json = parse(utf8(body), "the body");
    if (json instanceof JsonObject object && isSnsEnvelope(object)) {
      json = unwrapSns(object);
    }
    if (json instanceof JsonArray array) {
      return decodeBatch(array);
    }
    if (json instanceof JsonObject object) {
      try {
        return List.of(AlertCodec.decodeValid(object, ""));
      } catch (InvalidAlertException e) {
        throw new ProblemException(Problem.invalid("Invalid alert", e.violations()));
      }
    }
    throw new ProblemException(Problem.of(400, "invalid-alert", "Invalid alert",
        "the body must be a JSON object (one alert) or a JSON array of alerts, was " + JsonReader.describe(json)));
  }

  private List<ValidAlert> decodeBatch(JsonArray array) {
    if (array.isEmpty()) {
      throw new ProblemException(Problem.of(400, "empty-batch", "Empty batch", "the array holds no alert"));
    }
    if (array.size() > maxBatch) {
      throw new ProblemException(Problem.invalid("Batch too large", List.of(new Violation("$", Violation.MAX_ITEMS,
          (long) maxBatch, "must hold at most " + maxBatch + " alerts, holds " + array.size()))));
    }
    List<ValidAlert> alerts = new ArrayList<>(array.size());
    List<Violation> violations = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      try {
        alerts.add(AlertCodec.decodeValid(array.getValue(i), "[" + i + "]"));
      } catch (InvalidAlertException e) {
        violations.addAll(e.violations());
      }
    }
    if (!violations.isEmpty()) {
      throw new ProblemException(Problem.invalid("Invalid alerts in batch", violations));
    }
    return alerts;
  }

  /** The body as text; invalid UTF-8 is refused rather than silently replaced. */
  private static String utf8(Buffer body) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body.getBytes()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ProblemException(Problem.of(400, "malformed-json", "Malformed JSON", "the body is not valid UTF-8"));
    }
  }

  private static boolean isSnsEnvelope(JsonObject object) {
    return object.getValue("Type") instanceof String && object.containsKey("TopicArn")
        && !object.containsKey("detector");
  }

  private static Object unwrapSns(JsonObject envelope) {
    String type = envelope.getString("Type");
    if (!"Notification".equals(type)) {
      throw new ProblemException(Problem.of(400, "sns-not-a-notification", "Not an SNS notification",
          "only SNS Notification messages carry alerts; a " + type + " must be confirmed by visiting its "
              + "SubscribeURL (this server does not call out to confirm subscriptions)"));
    }
    Object message = envelope.getValue("Message");
    if (!(message instanceof String text)) {
      throw new ProblemException(Problem.of(400, "invalid-alert", "Invalid SNS notification",
          "Message must be a string holding the alert JSON"));
    }
    return parse(text, "the SNS Message");
  }

  private static Object parse(String text, String what) {
    try {
      return Json.decodeValue(text);
    } catch (DecodeException e) {
      throw new ProblemException(Problem.of(400, "malformed-json", "Malformed JSON",
          what + " is not valid JSON: " + firstLine(e.getMessage())));
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    String line = message.lines().findFirst().orElse(message);
    return line.length() > 200 ? line.substring(0, 197) + "..." : line;
  }

  /** A request that must be answered with a problem. */
  public static final class ProblemException extends RuntimeException {
    private final transient Problem problem;

    public ProblemException(Problem problem) {
      super(problem.detail(), null, false, false);
      this.problem = problem;
    }

    public Problem problem() {
      return problem;
    }
  }
}
