package org.alertresponder.adapter.aws;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.adapter.aws.internal.AwsFutures;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.engine.spi.InspectionResult;
import org.alertresponder.engine.spi.PluginCodec;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.alertresponder.adapter.aws.internal.Items.instant;
import static org.alertresponder.adapter.aws.internal.Items.n;
import static org.alertresponder.adapter.aws.internal.Items.number;
import static org.alertresponder.adapter.aws.internal.Items.s;
import static org.alertresponder.adapter.aws.internal.Items.string;

/**
 * The answers of deepalert's inspectors in the shared table, where any instance that received one from
 * SQS stores it and the instance waiting for it reads it. One item per answer:
 * {@code pk = deepalert#<report id>#<attribute hash>}, {@code sk = <inspector>#<kind>#<id>}, where the id
 * is the SHA-256 of the message body, so a message delivered twice overwrites itself. Items carry the
 * answer as an inspection result in the plugin protocol's JSON ({@code answer}), deepalert's
 * {@code author}, {@code received_at} (nanoseconds since the epoch) and {@code expires} (seconds since
 * the epoch), after which DynamoDB's time to live deletes them.
 */
public final class DeepAlertAnswers {
  private static final System.Logger LOG = System.getLogger(DeepAlertAnswers.class.getName());
  /**
   * How long an answer is kept. It is read at the end of the inspector's wait, minutes at most after it
   * arrived; a day leaves time to look at what deepalert's inspectors sent when a report puzzles someone.
   */
  public static final Duration KEEP_FOR = Duration.ofDays(1);

  private final DynamoDbTable table;
  private final String inspector;
  private final Clock clock;

  /**
   * @param inspector the configured name of the inspector the answers are for, so that two deepalert
   *                  inspectors (two task topics) sharing the table never read each other's answers
   */
  public DeepAlertAnswers(DynamoDbAsyncClient client, String table, String inspector, Clock clock) {
    this.table = new DynamoDbTable(client, table);
    this.inspector = inspector;
    this.clock = clock;
  }

  private static String partition(String reportId, String attributeHash) {
    return "deepalert#" + reportId + "#" + attributeHash;
  }

  /** Stores one answer; storing the same answer again replaces it with itself. */
  public Future<Void> store(DeepAlertMessages.Answer answer) {
    Instant now = clock.now();
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(DynamoDbTable.PK, s(partition(answer.reportId(), answer.attributeHash())));
    item.put(DynamoDbTable.SK, s(inspector + "#" + answer.kind() + "#" + answer.id()));
    item.put("answer", s(PluginCodec.encode(answer.result()).encode()));
    if (answer.author() != null) {
      item.put("author", s(answer.author()));
    }
    item.put("received_at", instant(now));
    item.put(DynamoDbTable.TTL, n(now.plus(KEEP_FOR).getEpochSecond()));
    return AwsFutures.call(() -> table.client().putItem(b -> b.tableName(table.name()).item(item))).mapEmpty();
  }

  /**
   * Every answer stored so far about the attribute of this hash in this report, for this inspector, as
   * one inspection result: the findings and new attributes of all answers, oldest answer first. Beyond
   * what one inspector may answer ({@link PluginCodec#MAX_FINDINGS} findings and
   * {@link PluginCodec#MAX_NEW_ATTRIBUTES} attributes) the latest answers are left out, and said so in
   * the log.
   */
  public Future<InspectionResult> read(String reportId, String attributeHash) {
    QueryRequest request = QueryRequest.builder().tableName(table.name())
        // Consistent: an answer another instance stored a moment ago must be seen.
        .consistentRead(true)
        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :inspector)")
        .expressionAttributeNames(Map.of("#pk", DynamoDbTable.PK, "#sk", DynamoDbTable.SK))
        .expressionAttributeValues(Map.of(":pk", s(partition(reportId, attributeHash)),
            ":inspector", s(inspector + "#")))
        .build();
    return table.queryAll(request).map(items -> compile(reportId, items));
  }

  private InspectionResult compile(String reportId, List<Map<String, AttributeValue>> items) {
    items.sort(Comparator.<Map<String, AttributeValue>>comparingLong(item -> number(item, "received_at", 0))
        .thenComparing(item -> string(item, DynamoDbTable.SK)));
    JsonArray findings = new JsonArray();
    JsonArray attributes = new JsonArray();
    int leftOut = 0;
    for (Map<String, AttributeValue> item : items) {
      // Each answer was checked before it was stored, so it reads back as it was written.
      JsonObject answer = new JsonObject(string(item, "answer"));
      for (Object finding : answer.getJsonArray("findings", new JsonArray())) {
        if (findings.size() < PluginCodec.MAX_FINDINGS) {
          findings.add(finding);
        } else {
          leftOut++;
        }
      }
      for (Object attribute : answer.getJsonArray("attributes", new JsonArray())) {
        if (attributes.size() < PluginCodec.MAX_NEW_ATTRIBUTES) {
          attributes.add(attribute);
        } else {
          leftOut++;
        }
      }
    }
    if (leftOut > 0) {
      int count = leftOut;
      LOG.log(Level.WARNING, () -> "inspector " + inspector + ": " + count + " findings and attributes of deepalert "
          + "answers for report " + reportId + " left out, beyond the " + PluginCodec.MAX_FINDINGS
          + " findings and " + PluginCodec.MAX_NEW_ATTRIBUTES + " attributes one inspection may bring");
    }
    return PluginCodec.decodeResult(new JsonObject().put("findings", findings).put("attributes", attributes));
  }
}
