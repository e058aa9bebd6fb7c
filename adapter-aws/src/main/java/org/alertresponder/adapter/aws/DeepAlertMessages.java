package org.alertresponder.adapter.aws;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.AlertCodec;
import org.alertresponder.engine.api.AlertValidator;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.Violation;
import org.alertresponder.engine.internal.Hashing;
import org.alertresponder.engine.internal.JsonReader;
import org.alertresponder.engine.spi.InspectionResult;
import org.alertresponder.engine.spi.InspectionTask;
import org.alertresponder.engine.spi.PluginCodec;
import org.alertresponder.engine.spi.PluginCodec.MalformedMessageException;

import java.util.ArrayList;
import java.util.List;

/**
 * The messages of deepalert's inspectors, in deepalert's JSON: the task the engine publishes to the task
 * topic, and the two answers its inspectors send to SQS queues.
 *
 * <ul>
 *   <li>Task: {@code {"report_id", "attribute": {type, key, value, context, timestamp?}}}. A
 *       {@code filehash} goes out as deepalert's {@code filehashvalue}, the type its inspectors compare
 *       against.</li>
 *   <li>Finding: {@code {"report_id", "author", "attribute", "type", "content"}}.</li>
 *   <li>New attributes: {@code {"report_id", "author", "origin_attr", "attributes": [...]}}.</li>
 * </ul>
 *
 * <p>An answer is checked by the same rules as any inspector's answer (the plugin protocol's
 * {@link PluginCodec#decodeResult}) and the attribute it answers by the rules of an alert's attributes;
 * it is then keyed by that attribute's hash, computed as the engine computes it (on the normalised
 * attribute, so deepalert's {@code filehashvalue} answers the engine's {@code filehash}).
 */
public final class DeepAlertMessages {
  /**
   * The key under which a finding's content keeps the author deepalert's inspector gave, since the
   * engine names the finding's author after the configured inspector.
   */
  public static final String AUTHOR_FIELD = "deepalert_author";
  /** The kind of an answer that carries one finding. */
  public static final String FINDING = "finding";
  /** The kind of an answer that carries new attributes. */
  public static final String ATTRIBUTES = "attributes";

  private DeepAlertMessages() {
  }

  /**
   * One answer of a deepalert inspector, checked and ready to store.
   *
   * @param id            the SHA-256 of the message body: the same message delivered twice has the same id
   * @param reportId      the report it answers for
   * @param attributeHash the hash of the attribute it answers
   * @param kind          {@link #FINDING} or {@link #ATTRIBUTES}
   * @param author        deepalert's author field, or null
   * @param result        the finding or the new attributes, as an inspection result
   */
  public record Answer(String id, String reportId, String attributeHash, String kind, String author,
                       InspectionResult result) {
  }

  /** The task for {@code task}'s attribute, in deepalert's shape. */
  public static JsonObject task(InspectionTask task) {
    JsonObject attribute = AlertCodec.encode(task.attribute());
    if (Attribute.FILEHASH.equals(task.attribute().type())) {
      attribute.put("type", Attribute.FILEHASH_DEEPALERT);
    }
    return new JsonObject().put("report_id", task.reportId()).put("attribute", attribute);
  }

  /**
   * Reads a finding message.
   *
   * @throws MalformedMessageException naming every problem
   */
  public static Answer decodeFinding(String body) {
    String what = "deepalert finding";
    JsonObject object = parse(body, what);
    JsonReader reader = new JsonReader();
    String reportId = reportId(reader, object);
    String author = author(reader, object);
    Attribute attribute = attribute(reader, object, "attribute");
    Object content = object.getValue("content");
    if (author != null && content instanceof JsonObject contentObject) {
      contentObject.put(AUTHOR_FIELD, author);
    }
    JsonObject finding = new JsonObject().put("type", object.getValue("type")).put("content", content);
    InspectionResult result = checked(reader, new JsonObject().put("findings", new JsonArray().add(finding)),
        "findings[0].");
    return answer(what, body, reader, reportId, attribute, FINDING, author, result);
  }

  /**
   * Reads a new-attributes message. A missing or null {@code attributes} list is an empty one.
   *
   * @throws MalformedMessageException naming every problem
   */
  public static Answer decodeNewAttributes(String body) {
    String what = "deepalert new attributes";
    JsonObject object = parse(body, what);
    JsonReader reader = new JsonReader();
    String reportId = reportId(reader, object);
    String author = author(reader, object);
    Attribute origin = attribute(reader, object, "origin_attr");
    InspectionResult result = checked(reader, new JsonObject().put("attributes", object.getValue("attributes")), "");
    return answer(what, body, reader, reportId, origin, ATTRIBUTES, author, result);
  }

  private static Answer answer(String what, String body, JsonReader reader, String reportId, Attribute attribute,
                               String kind, String author, InspectionResult result) {
    if (!reader.violations().isEmpty()) {
      throw new MalformedMessageException(what, reader.violations());
    }
    String id = Hashing.start().field(body).hex();
    return new Answer(id, reportId, AlertValidator.normalize(attribute).hash(), kind, author, result);
  }

  private static JsonObject parse(String body, String what) {
    Object value;
    try {
      value = body == null ? null : Json.decodeValue(body);
    } catch (DecodeException e) {
      value = null;
    }
    if (value instanceof JsonObject object) {
      return object;
    }
    throw new MalformedMessageException(what, List.of(new Violation("$", Violation.TYPE, null,
        "must be a JSON object")));
  }

  private static String reportId(JsonReader reader, JsonObject object) {
    String reportId = reader.string(object, "report_id", "report_id");
    if (reportId == null && !reader.hasViolationAt("report_id")) {
      reader.add(new Violation("report_id", Violation.REQUIRED, null, "is required"));
    } else if (reportId != null && reportId.isBlank()) {
      reader.add(new Violation("report_id", Violation.NOT_BLANK, null, "must not be blank"));
    } else if (reportId != null && reportId.length() > AlertValidator.MAX_TEXT) {
      reader.add(new Violation("report_id", Violation.MAX_LENGTH, (long) AlertValidator.MAX_TEXT,
          "must be at most " + AlertValidator.MAX_TEXT + " characters, has " + reportId.length()));
    }
    return reportId;
  }

  /** deepalert's author, or null when it gave none (or an empty one). */
  private static String author(JsonReader reader, JsonObject object) {
    String author = reader.string(object, "author", "author");
    if (author != null && author.length() > AlertValidator.MAX_TEXT) {
      reader.add(new Violation("author", Violation.MAX_LENGTH, (long) AlertValidator.MAX_TEXT,
          "must be at most " + AlertValidator.MAX_TEXT + " characters, has " + author.length()));
    }
    return author == null || author.isBlank() ? null : author;
  }

  /** The attribute an answer is about, checked by the rules of an alert's attributes. */
  private static Attribute attribute(JsonReader reader, JsonObject object, String field) {
    if (object.getValue(field) == null) {
      reader.add(new Violation(field, Violation.REQUIRED, null, "is required"));
      return null;
    }
    Attribute attribute = AlertCodec.decodeAttribute(reader, object.getValue(field), field);
    if (attribute == null) {
      return null;
    }
    for (Violation violation : AlertValidator.violations(field, attribute)) {
      if (!reader.hasViolationAt(violation.path())) {
        reader.add(violation);
      }
    }
    return attribute;
  }

  /**
   * The finding or attributes checked as an inspector's answer, with the problems moved to {@code reader}
   * under the message's own field names ({@code pathPrefix} is what the plugin protocol adds to them).
   */
  private static InspectionResult checked(JsonReader reader, JsonObject asPluginAnswer, String pathPrefix) {
    try {
      return PluginCodec.decodeResult(asPluginAnswer);
    } catch (MalformedMessageException e) {
      List<Violation> moved = new ArrayList<>();
      for (Violation violation : e.violations()) {
        String path = violation.path().startsWith(pathPrefix) ? violation.path().substring(pathPrefix.length())
            : violation.path();
        moved.add(new Violation(path, violation.rule(), violation.limit(), violation.message()));
      }
      moved.forEach(reader::add);
      return null;
    }
  }
}
