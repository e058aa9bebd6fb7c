package org.alertresponder.adapter.aws;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.alertresponder.adapter.aws.internal.AwsFutures;
import org.alertresponder.engine.api.CutAttribute;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.api.Page;
import org.alertresponder.engine.api.PublishedVerdict;
import org.alertresponder.engine.api.ReceivedAlert;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportAttribute;
import org.alertresponder.engine.api.ReportCodec;
import org.alertresponder.engine.api.ReportHeader;
import org.alertresponder.engine.api.ReportQuery;
import org.alertresponder.engine.spi.Admission;
import org.alertresponder.engine.spi.AttributeBounds;
import org.alertresponder.engine.spi.InspectionOutcome;
import org.alertresponder.engine.spi.ReportRepository;
import org.alertresponder.engine.spi.StoredReport;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.alertresponder.adapter.aws.DynamoDbTable.LIST_PK;
import static org.alertresponder.adapter.aws.DynamoDbTable.LIST_SK;
import static org.alertresponder.adapter.aws.DynamoDbTable.PK;
import static org.alertresponder.adapter.aws.DynamoDbTable.SK;
import static org.alertresponder.adapter.aws.DynamoDbTable.TTL;
import static org.alertresponder.adapter.aws.internal.Items.b;
import static org.alertresponder.adapter.aws.internal.Items.bytes;
import static org.alertresponder.adapter.aws.internal.Items.fromNanos;
import static org.alertresponder.adapter.aws.internal.Items.instant;
import static org.alertresponder.adapter.aws.internal.Items.n;
import static org.alertresponder.adapter.aws.internal.Items.number;
import static org.alertresponder.adapter.aws.internal.Items.s;
import static org.alertresponder.adapter.aws.internal.Items.string;

/**
 * Reports in the shared DynamoDB table, without transactions.
 *
 * <p>Every report lives in one partition ({@code report#<id>}): its header, alerts, attributes, cut
 * attributes, inspection outcomes and verdicts, so that a whole report loads with one Query. Published
 * snapshots live in a partition of their own, because they are large and only emitters read them.
 *
 * <p>Each multi-item change is ordered so that a crash between its writes leaves nothing a reader
 * mistakes for the finished change: an alert counts once its header was incremented and it carries its
 * sequence number; a publication counts once the header, the commit point, names its attempt. See
 * adapter-aws/README.md for every item and the reasoning per operation.
 */
public final class DynamoDbReportRepository implements ReportRepository {
  /** A snapshot part stays well under DynamoDB's 400 KB item limit. */
  private static final int SNAPSHOT_PART_BYTES = 300_000;
  /**
   * A first publication at most this large (compressed) is stored in the header by the very update that
   * commits it (see {@link #publish}). The header then stays that much larger for the rest of the
   * report's life, and every later header write is billed for it, hence a small limit.
   */
  static final int INLINE_SNAPSHOT_BYTES = 1_024;
  /** Reads of a header a pointer names and that is not there yet, 20 ms apart and doubling (about 2.5 s). */
  private static final int HEADER_WAIT_ROUNDS = 7;
  /**
   * How old a pointer naming a missing header must be (by its report's creation time, against the time
   * of the report meant to replace it) before it is taken for one whose creator died: younger, its
   * creator may still be writing the header.
   */
  static final Duration DANGLING_AFTER = Duration.ofMinutes(1);
  /** The header's attribute holding an inline first publication. */
  private static final String INLINE_SNAPSHOT = "first_publication";
  /** What {@code publications} names instead of an attempt id when the publication is inline. */
  private static final String INLINE = "inline";
  private static final int BATCH_GET_KEYS = 100;
  private static final String HEADER = "header";

  private final DynamoDbTable table;
  private final DynamoDbAsyncClient client;
  private final Duration keepFor;

  /**
   * @param keepFor how long after its creation a report's items are kept: DynamoDB's time to live deletes
   *                them afterwards (it should cover the aggregation window, the delays and the retention)
   */
  public DynamoDbReportRepository(DynamoDbTable table, Duration keepFor) {
    this.table = table;
    this.client = table.client();
    this.keepFor = keepFor;
  }

  // ---------------------------------------------------------------- keys

  private static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of(PK, s(pk), SK, s(sk));
  }

  private static String reportPk(String reportId) {
    return "report#" + reportId;
  }

  private static Map<String, AttributeValue> headerKey(String reportId) {
    return key(reportPk(reportId), HEADER);
  }

  private static Map<String, AttributeValue> groupKey(String groupKey) {
    return key("group#" + groupKey, "group");
  }

  private static String versionKey(int version) {
    return String.format("%010d", version);
  }

  private static String listShard(String reportId) {
    return "reports#" + Math.floorMod(reportId.hashCode(), DynamoDbTable.LIST_SHARDS);
  }

  /** When the items of a report expire: its id is a UUIDv7, which carries its creation time. */
  private Map<String, AttributeValue> withTtl(String reportId, Map<String, AttributeValue> item) {
    try {
      UUID uuid = UUID.fromString(reportId);
      if (uuid.version() == 7) {
        long createdMillis = uuid.getMostSignificantBits() >>> 16;
        item.put(TTL, n(Instant.ofEpochMilli(createdMillis).plus(keepFor).getEpochSecond()));
      }
    } catch (IllegalArgumentException notAUuid) {
      // Such a report is kept until it is deleted by hand.
    }
    return item;
  }

  // ---------------------------------------------------------------- headers

  @Override
  public Future<Optional<ReportHeader>> current(String groupKey) {
    return readPointer(groupKey).compose(pointer -> {
      String reportId = string(pointer, "report_id");
      return reportId == null ? Future.succeededFuture(Optional.empty()) : headerOfPointer(reportId, 0);
    });
  }

  /** The group's pointer, read consistently; an empty item when the group has none. */
  private Future<Map<String, AttributeValue>> readPointer(String groupKey) {
    return AwsFutures.call(() -> client.getItem(b -> b.tableName(table.name()).key(groupKey(groupKey))
            .consistentRead(true)))
        .map(found -> found.hasItem() ? found.item() : Map.of());
  }

  /**
   * The header a group's pointer names. {@link #createUnlessOpen} writes the pointer first, so a header
   * may be missing for the moment its creator takes to write it: it is read again a few times, about
   * 2.5 s in all, before the pointer is taken for one whose creator died (see {@link #pointerSettled}).
   */
  private Future<Optional<ReportHeader>> headerOfPointer(String reportId, int round) {
    return header(reportId).compose(found -> found.isPresent() || round >= HEADER_WAIT_ROUNDS
        ? Future.succeededFuture(found)
        : AwsFutures.after(Duration.ofMillis(20L << round)).compose(v -> headerOfPointer(reportId, round + 1)));
  }

  @Override
  public Future<Optional<ReportHeader>> header(String reportId) {
    return AwsFutures.call(() -> client.getItem(b -> b.tableName(table.name()).key(headerKey(reportId))
            .consistentRead(true)))
        .map(found -> found.hasItem() && !found.item().isEmpty() ? Optional.of(decodeHeader(found.item()))
            : Optional.empty());
  }

  @Override
  public Future<Boolean> create(ReportHeader header, String expectedCurrentId) {
    return createHeader(header.withRevision(0), expectedCurrentId);
  }

  /**
   * The alert (counted: its sequence number is 1), the first attributes (admitted: see
   * {@link #originOf}) and the header counting both are put without a condition, together in one
   * BatchWriteItem: the report id is new, so nothing else writes under it, and a retried put writes the
   * same items. Then the group pointer, as {@link #create} does. Should the report lose its group to
   * another, its header is deleted again and the rest expires unseen with it.
   */
  @Override
  public Future<Optional<AppendResult>> createWithAlert(ReportHeader header, String expectedCurrentId,
                                                        ReceivedAlert first, List<ReportAttribute> firstAttributes) {
    ReportHeader stored = header.withRevision(0).withAlertAdded(first.receivedAt());
    return putNewReport(stored, first, firstAttributes)
        .compose(v -> pointTo(stored, expectedCurrentId))
        .map(created -> created ? Optional.of(new AppendResult(stored, true, !firstAttributes.isEmpty()))
            : Optional.empty());
  }

  /**
   * As {@link #createWithAlert}, without reading the group first, and pointer first: the pointer is put on
   * condition that the group has none, or that the report it names was created by {@code closedIfCreatedBy}
   * (each pointer carries its report's creation time for this); only the winner writes the report, in one
   * BatchWriteItem. Two requests for a new group's first alert, and one failed put, nothing else written,
   * for a group whose report is open. Until the report is written, readers of the group wait for its header
   * (see {@link #headerOfPointer}); should writing it fail, the pointer is taken back.
   */
  @Override
  public Future<Optional<AppendResult>> createUnlessOpen(ReportHeader header, Instant closedIfCreatedBy,
                                                         ReceivedAlert first, List<ReportAttribute> firstAttributes) {
    ReportHeader stored = header.withRevision(0).withAlertAdded(first.receivedAt());
    return claimGroup(stored, closedIfCreatedBy).compose(claimed -> !claimed
        ? Future.succeededFuture(Optional.empty())
        : putNewReport(stored, first, firstAttributes)
            .map(v -> Optional.of(new AppendResult(stored, true, !firstAttributes.isEmpty())))
            .recover(failure -> releaseGroup(stored).transform(ignored -> Future.failedFuture(failure))));
  }

  /** Points the group at a new report unless its current report is open; true when it now points there. */
  private Future<Boolean> claimGroup(ReportHeader stored, Instant closedIfCreatedBy) {
    Map<String, AttributeValue> item = withTtl(stored.id(), pointer(stored));
    return conditional(AwsFutures.call(() -> client.putItem(b -> b.tableName(table.name()).item(item)
            .conditionExpression("attribute_not_exists(pk) OR created_at <= :closed")
            .expressionAttributeValues(Map.of(":closed", instant(closedIfCreatedBy))))))
        // A failed condition may be this very put, applied but its answer lost, met by the SDK's retry.
        .compose(ok -> ok ? Future.succeededFuture(true) : pointsTo(stored));
  }

  /**
   * Undoes a claimed group whose report could not be written: the pointer, if it still names the report,
   * and whatever part of the report's header was written. The group then has no report, and the next
   * alert creates one.
   */
  private Future<Void> releaseGroup(ReportHeader stored) {
    Future<Boolean> pointer = conditional(AwsFutures.call(() -> client.deleteItem(b -> b.tableName(table.name())
        .key(groupKey(stored.groupKey()))
        .conditionExpression("report_id = :ours")
        .expressionAttributeValues(Map.of(":ours", s(stored.id()))))));
    return pointer.transform(ignored -> deleteHeader(stored));
  }

  /** Whether the group's pointer names this report. */
  private Future<Boolean> pointsTo(ReportHeader stored) {
    return readPointer(stored.groupKey()).map(pointer -> stored.id().equals(string(pointer, "report_id")));
  }

  /** The alert, the first attributes and the header of a new report, in one BatchWriteItem. */
  private Future<Void> putNewReport(ReportHeader stored, ReceivedAlert first, List<ReportAttribute> firstAttributes) {
    List<Future<Void>> puts = new ArrayList<>();
    Map<String, AttributeValue> alert = alertItem(stored.id(), first);
    alert.put("seq", n(1));
    puts.add(table.putBatched(alert));
    String token = token(originOf(firstAttributes), "created");
    for (int i = 0; i < firstAttributes.size(); i++) {
      puts.add(table.putBatched(attributeItem(stored.id(), firstAttributes.get(i), i + 1, token)));
    }
    puts.add(table.putBatched(headerItem(stored, firstAttributes.size())));
    return Future.all(puts).mapEmpty();
  }

  private Future<Void> deleteHeader(ReportHeader stored) {
    return AwsFutures.call(() -> client.deleteItem(b -> b.tableName(table.name()).key(headerKey(stored.id()))))
        .mapEmpty();
  }

  /** A new header's item: its columns, counters and index keys. */
  private Map<String, AttributeValue> headerItem(ReportHeader stored, int attributeCount) {
    Map<String, AttributeValue> item = new HashMap<>(headerKey(stored.id()));
    putHeaderColumns(item, stored);
    item.put("attribute_count", n(attributeCount));
    item.put("cut_count", n(0));
    item.put("cut_records", n(0));
    item.put("publications", AttributeValue.fromM(Map.of()));
    item.put("verdicts", AttributeValue.fromM(Map.of()));
    item.put(LIST_PK, s(listShard(stored.id())));
    item.put(LIST_SK, s(stored.id()));
    return withTtl(stored.id(), item);
  }

  /** Writes a new header and points its group at it (see {@link #create}). */
  private Future<Boolean> createHeader(ReportHeader stored, String expectedCurrentId) {
    Map<String, AttributeValue> item = headerItem(stored, 0);
    // The header first: if the group pointer then moves elsewhere, the header is deleted again. A crash
    // in between leaves a header no group points to, which expires with its time to live.
    return conditional(AwsFutures.call(() -> client.putItem(b -> b.tableName(table.name()).item(item)
        .conditionExpression("attribute_not_exists(pk)"))))
        .compose(created -> created ? pointTo(stored, expectedCurrentId) : Future.succeededFuture(false));
  }

  /**
   * Points the group at a stored header, if its current report is still {@code expectedCurrentId}; deletes
   * the header again when another report became current first.
   */
  private Future<Boolean> pointTo(ReportHeader stored, String expectedCurrentId) {
    Future<Boolean> pointed = expectedCurrentId == null
        ? conditional(AwsFutures.call(() -> client.putItem(b -> b.tableName(table.name())
            .item(withTtl(stored.id(), pointer(stored)))
            .conditionExpression("attribute_not_exists(pk)"))))
        : movePointer(stored, expectedCurrentId);
    return pointed
        .compose(ok -> ok ? Future.succeededFuture(true) : pointerSettled(stored, expectedCurrentId))
        .compose(ok -> ok ? Future.succeededFuture(true) : deleteHeader(stored).map(false));
  }

  /**
   * The pointer's conditional write failed. That is a lost race, unless (1) the pointer already names
   * this report: the write was applied but its answer lost, and the SDK's retry failed the condition; or
   * (2) the engine saw no current report because the pointer names a header that no longer exists (a
   * create that died between its two writes, then deleted its header): then the pointer is moved on.
   */
  private Future<Boolean> pointerSettled(ReportHeader stored, String expectedCurrentId) {
    return readPointer(stored.groupKey())
        .compose(pointer -> {
          String current = string(pointer, "report_id");
          if (stored.id().equals(current)) {
            return Future.succeededFuture(true);
          }
          if (expectedCurrentId != null || current == null) {
            return Future.succeededFuture(false);
          }
          AttributeValue createdAt = pointer.get("created_at");
          if (createdAt != null && fromNanos(Long.parseLong(createdAt.n())).plus(DANGLING_AFTER)
              .isAfter(stored.createdAt())) {
            // A young pointer: its creator may still be writing the header it names.
            return Future.succeededFuture(false);
          }
          return exists(current).compose(exists -> exists ? Future.succeededFuture(false)
              : movePointer(stored, current));
        });
  }

  private Future<Boolean> movePointer(ReportHeader stored, String expectedCurrentId) {
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":new", s(stored.id()), ":expected",
        s(expectedCurrentId)));
    AttributeValue expires = withTtl(stored.id(), new HashMap<>()).get(TTL);
    values.put(":created", instant(stored.createdAt()));
    String expression = "SET report_id = :new, created_at = :created";
    if (expires != null) {
      expression += ", " + TTL + " = :expires";
      values.put(":expires", expires);
    }
    String update = expression;
    return conditional(AwsFutures.call(() -> client.updateItem(b -> b.tableName(table.name())
        .key(groupKey(stored.groupKey()))
        .updateExpression(update)
        .conditionExpression("report_id = :expected")
        .expressionAttributeValues(values))));
  }

  /** The group's pointer at a report, with the report's creation time (see {@link #createUnlessOpen}). */
  private static Map<String, AttributeValue> pointer(ReportHeader header) {
    Map<String, AttributeValue> item = new HashMap<>(groupKey(header.groupKey()));
    item.put("report_id", s(header.id()));
    item.put("created_at", instant(header.createdAt()));
    return item;
  }

  @Override
  public Future<Boolean> update(ReportHeader header, long expectedRevision) {
    return writeHeader(header.withRevision(expectedRevision + 1), expectedRevision, null, null, null, null);
  }

  /**
   * Replaces the header's JSON and columns if the revision matches, optionally naming a publication: its
   * attempt (or {@link #INLINE}, with the compressed snapshot {@code inline}) and its verdict.
   */
  private Future<Boolean> writeHeader(ReportHeader stored, long expectedRevision, Integer version, String attempt,
                                      String verdict, byte[] inline) {
    Map<String, AttributeValue> values = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    StringBuilder set = new StringBuilder("SET #header = :header, revision = :revision, alert_count = :alerts, "
        + "updated_at = :updated, version = :version, #status = :status");
    names.put("#header", HEADER);
    names.put("#status", "status");
    values.put(":header", s(ReportCodec.encode(stored).encode()));
    values.put(":revision", n(stored.revision()));
    values.put(":alerts", n(stored.alertCount()));
    values.put(":updated", instant(stored.updatedAt()));
    values.put(":version", n(stored.version()));
    values.put(":status", s(stored.status().wireName()));
    values.put(":expected", n(expectedRevision));
    String remove = "";
    if (stored.result() != null) {
      set.append(", severity = :severity");
      values.put(":severity", s(stored.result().severity().wireName()));
    } else {
      remove = " REMOVE severity";
    }
    String condition = "revision = :expected";
    if (version != null) {
      set.append(", publications.#v = :attempt, verdicts.#v = :verdict");
      names.put("#v", versionKey(version));
      values.put(":attempt", s(attempt));
      values.put(":verdict", s(verdict));
      values.put(":published", n(version));
      condition += " AND version < :published";
      if (inline != null) {
        set.append(", " + INLINE_SNAPSHOT + " = :snapshot");
        values.put(":snapshot", b(inline));
      }
    }
    String expression = set + remove;
    String finalCondition = condition;
    return conditional(AwsFutures.call(() -> client.updateItem(b -> b.tableName(table.name())
        .key(headerKey(stored.id()))
        .updateExpression(expression)
        .conditionExpression(finalCondition)
        .expressionAttributeNames(names)
        .expressionAttributeValues(values))));
  }

  private static void putHeaderColumns(Map<String, AttributeValue> item, ReportHeader header) {
    item.put(HEADER, s(ReportCodec.encode(header).encode()));
    item.put("revision", n(header.revision()));
    item.put("alert_count", n(header.alertCount()));
    item.put("updated_at", instant(header.updatedAt()));
    item.put("created_at", instant(header.createdAt()));
    item.put("version", n(header.version()));
    item.put("status", s(header.status().wireName()));
    item.put("detector", s(header.detector()));
    if (header.result() != null) {
      item.put("severity", s(header.result().severity().wireName()));
    }
  }

  /**
   * The header as stored: its JSON, with the columns that change without rewriting it (the alert count,
   * the update time and the revision) read from their own attributes.
   */
  private ReportHeader decodeHeader(Map<String, AttributeValue> item) {
    ReportHeader json = decodedHeaders.apply(string(item, HEADER));
    return new ReportHeader(json.id(), json.groupKey(), json.detector(), json.ruleId(), json.ruleName(),
        json.alertKey(), json.status(), json.version(), json.createdAt(),
        fromNanos(number(item, "updated_at", 0)),
        (int) number(item, "alert_count", 0), json.publishedAlertCount(), json.reviewDueAt(), json.result(),
        number(item, "revision", 0));
  }

  /** Decoded header JSON by its text: a busy report's text stays the same across many reads. */
  private final Function<String, ReportHeader> decodedHeaders = new Function<>() {
    private static final int SIZE = 4096;
    private final Map<String, ReportHeader> cache = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public ReportHeader apply(String json) {
      ReportHeader header = cache.get(json);
      if (header == null) {
        header = ReportCodec.decodeHeader(new JsonObject(json));
        if (cache.size() >= SIZE) {
          cache.clear();
        }
        cache.put(json, header);
      }
      return header;
    }
  };

  // ---------------------------------------------------------------- alerts

  private Map<String, AttributeValue> alertItem(String reportId, ReceivedAlert alert) {
    Map<String, AttributeValue> item = new HashMap<>(key(reportPk(reportId), "alert#" + alert.id()));
    item.put("alert", s(ReportCodec.encode(alert).encode()));
    item.put("received_at", instant(alert.receivedAt()));
    return withTtl(reportId, item);
  }

  @Override
  public Future<AppendResult> appendAlert(String reportId, ReceivedAlert alert) {
    Map<String, AttributeValue> item = alertItem(reportId, alert);
    return conditional(AwsFutures.call(() -> client.putItem(b -> b.tableName(table.name()).item(item)
        .conditionExpression("attribute_not_exists(pk)"))))
        .compose(stored -> stored ? count(reportId, alert, true) : afterDuplicate(reportId, alert));
  }

  /**
   * The alert item exists: either it was counted (a true duplicate), or an earlier call died between
   * storing and counting it, and this call finishes that work.
   */
  private Future<AppendResult> afterDuplicate(String reportId, ReceivedAlert alert) {
    Map<String, AttributeValue> alertKey = key(reportPk(reportId), "alert#" + alert.id());
    return batchGet(List.of(headerKey(reportId), alertKey))
        .compose(items -> {
          Map<String, AttributeValue> header = null;
          Map<String, AttributeValue> stored = null;
          for (Map<String, AttributeValue> found : items) {
            if (HEADER.equals(string(found, SK))) {
              header = found;
            } else {
              stored = found;
            }
          }
          if (header == null) {
            return Future.failedFuture(new NoSuchElementException("no report " + reportId));
          }
          if (stored != null && stored.containsKey("seq")) {
            return Future.succeededFuture(new AppendResult(decodeHeader(header), false));
          }
          return count(reportId, alert, false);
        });
  }

  /** Counts a stored alert in its header, then gives the alert its sequence number. */
  private Future<AppendResult> count(String reportId, ReceivedAlert alert, boolean removeIfNoReport) {
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", n(1), ":received", instant(alert.receivedAt())));
    return conditional(AwsFutures.call(() -> client.updateItem(b -> b.tableName(table.name()).key(headerKey(reportId))
            .updateExpression("ADD alert_count :one, revision :one SET updated_at = :received")
            .conditionExpression("attribute_exists(pk) AND updated_at < :received")
            .expressionAttributeValues(values)
            .returnValues(ReturnValue.ALL_NEW))), r -> r.attributes())
        .compose(moved -> moved != null ? Future.succeededFuture(moved)
            // An alert older than the last update counts without moving the update time back.
            : conditional(AwsFutures.call(() -> client.updateItem(b -> b.tableName(table.name())
                .key(headerKey(reportId))
                .updateExpression("ADD alert_count :one, revision :one")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":one", n(1)))
                .returnValues(ReturnValue.ALL_NEW))), r -> r.attributes()))
        .compose(header -> {
          if (header == null) {
            Future<Void> cleanup = removeIfNoReport
                ? AwsFutures.call(() -> client.deleteItem(b -> b.tableName(table.name())
                    .key(key(reportPk(reportId), "alert#" + alert.id())))).mapEmpty()
                : Future.succeededFuture();
            return cleanup.transform(ar -> Future.failedFuture(new NoSuchElementException("no report " + reportId)));
          }
          long seq = number(header, "alert_count", 0);
          return AwsFutures.call(() -> client.updateItem(b -> b.tableName(table.name())
                  .key(key(reportPk(reportId), "alert#" + alert.id()))
                  .updateExpression("SET seq = :seq")
                  .expressionAttributeValues(Map.of(":seq", n(seq)))))
              .map(v -> new AppendResult(decodeHeader(header), true));
        });
  }

  // ---------------------------------------------------------------- attributes

  @Override
  public Future<Admission> admit(String reportId, List<ReportAttribute> candidates, AttributeBounds bounds) {
    if (candidates.isEmpty()) {
      return header(reportId).map(found -> {
        if (found.isEmpty()) {
          throw new NoSuchElementException("no report " + reportId);
        }
        return new Admission(List.of(), List.of(), List.of());
      });
    }
    // One consistent read gives the header's counters (and proves the report exists) and the stored copies.
    return storedCopies(reportId, candidates).compose(stored -> {
      Map<String, AttributeValue> header = stored.remove(HEADER);
      if (header == null) {
        return Future.failedFuture(new NoSuchElementException("no report " + reportId));
      }
      return admit(reportId, candidates, bounds, header, stored);
    });
  }

  /** The header and the stored attribute and cut items of the candidates' hashes, by sort key. */
  private Future<Map<String, Map<String, AttributeValue>>> storedCopies(String reportId,
                                                                         List<ReportAttribute> candidates) {
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    keys.add(headerKey(reportId));
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (ReportAttribute candidate : candidates) {
      if (seen.add(candidate.hash())) {
        keys.add(key(reportPk(reportId), "attr#" + candidate.hash()));
        keys.add(key(reportPk(reportId), "cut#" + candidate.hash()));
      }
    }
    return batchGet(keys).map(items -> {
      Map<String, Map<String, AttributeValue>> bySortKey = new HashMap<>();
      for (Map<String, AttributeValue> item : items) {
        bySortKey.put(string(item, SK), item);
      }
      return bySortKey;
    });
  }

  private Future<Admission> admit(String reportId, List<ReportAttribute> candidates, AttributeBounds bounds,
                                  Map<String, AttributeValue> header, Map<String, Map<String, AttributeValue>> stored) {
    long count = number(header, "attribute_count", 0);
    // Sequence numbers only order attributes (and cuts) by admission; two admissions racing may number
    // theirs alike, and the order between those is then by hash. This call's token tells its own writes
    // from another admission's.
    long firstSeq = count + number(header, "cut_count", 0);
    String origin = originOf(candidates);
    String token = token(origin, UUID.randomUUID().toString());
    long recordedCuts = number(header, "cut_records", 0);
    Map<String, ReportAttribute> present = new HashMap<>();
    // The hashes this call's origin admitted before (a redelivered inspection, or the report's creation):
    // each is answered admitted once more, for the first candidate of that hash.
    java.util.Set<String> ownedBefore = new java.util.HashSet<>();
    Map<String, Boolean> cutPresent = new HashMap<>();
    for (Map.Entry<String, Map<String, AttributeValue>> entry : stored.entrySet()) {
      if (entry.getKey().startsWith("attr#")) {
        present.put(entry.getKey().substring(5), decodeAttribute(entry.getValue()));
        String storedToken = string(entry.getValue(), "token");
        if (origin != null && storedToken != null && storedToken.startsWith(origin)) {
          ownedBefore.add(entry.getKey().substring(5));
        }
      } else {
        cutPresent.put(entry.getKey().substring(4), entry.getValue().containsKey("record"));
      }
    }
    // Decide in order, as one writer would; the conditional writes below settle races with others.
    List<Decision> decisions = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      ReportAttribute candidate = candidates.get(i);
      long seq = firstSeq + i + 1;
      ReportAttribute existing = present.get(candidate.hash());
      if (existing != null && ownedBefore.remove(candidate.hash())) {
        decisions.add(Decision.admittedBefore(existing));
        continue;
      }
      if (existing != null) {
        decisions.add(Decision.duplicate(candidate, existing));
        continue;
      }
      String reason = candidate.depth() > bounds.maxDepth() ? CutAttribute.MAX_DEPTH
          : count >= bounds.maxAttributes() ? CutAttribute.MAX_ATTRIBUTES : null;
      if (reason == null) {
        Boolean wasCut = cutPresent.remove(candidate.hash());
        if (wasCut != null && wasCut) {
          recordedCuts--;
        }
        present.put(candidate.hash(), candidate);
        count++;
        decisions.add(Decision.admit(candidate, seq, wasCut));
        continue;
      }
      CutAttribute cut = new CutAttribute(candidate, reason);
      if (cutPresent.containsKey(candidate.hash())) {
        decisions.add(Decision.cutAgain(cut));
      } else {
        boolean record = recordedCuts < bounds.maxCutRecords();
        if (record) {
          recordedCuts++;
        }
        cutPresent.put(candidate.hash(), record);
        decisions.add(Decision.cut(cut, seq, record));
      }
    }
    List<Future<Decision>> writes = new ArrayList<>();
    for (Decision decision : decisions) {
      writes.add(write(reportId, decision, token));
    }
    return Future.all(writes).compose(all -> {
      long admitted = 0;
      long cutCount = 0;
      long cutRecords = 0;
      List<ReportAttribute> admittedList = new ArrayList<>();
      List<ReportAttribute> duplicates = new ArrayList<>();
      List<CutAttribute> cuts = new ArrayList<>();
      for (int i = 0; i < decisions.size(); i++) {
        Decision done = all.resultAt(i);
        switch (done.kind) {
          case ADMITTED -> {
            admittedList.add(done.attribute);
            admitted++;
            if (done.wasCut != null) {
              cutCount--;
              if (done.wasCut) {
                cutRecords--;
              }
            }
          }
          case ADMITTED_BEFORE -> admittedList.add(done.attribute);
          case DUPLICATE -> duplicates.add(done.attribute);
          case CUT -> {
            cuts.add(done.cut);
            cutCount++;
            if (done.record) {
              cutRecords++;
            }
          }
          case CUT_AGAIN -> cuts.add(done.cut);
          default -> throw new IllegalStateException(done.kind.name());
        }
      }
      Admission admission = new Admission(admittedList, duplicates, cuts);
      if (admitted == 0 && cutCount == 0 && cutRecords == 0) {
        return Future.succeededFuture(admission);
      }
      Map<String, AttributeValue> values = Map.of(":a", n(admitted), ":c", n(cutCount), ":r", n(cutRecords));
      return AwsFutures.call(() -> client.updateItem(b -> b.tableName(table.name()).key(headerKey(reportId))
              .updateExpression("ADD attribute_count :a, cut_count :c, cut_records :r")
              .expressionAttributeValues(values)))
          .map(admission);
    });
  }

  /** ADMITTED_BEFORE: admitted by an earlier call of the same origin, so neither written nor counted again. */
  private enum Kind { ADMITTED, ADMITTED_BEFORE, DUPLICATE, CUT, CUT_AGAIN }

  /** What admission decided for one candidate, and (after the write) what became of it. */
  private record Decision(Kind kind, ReportAttribute attribute, CutAttribute cut, long seq, boolean record,
                          Boolean wasCut) {
    static Decision admit(ReportAttribute attribute, long seq, Boolean wasCut) {
      return new Decision(Kind.ADMITTED, attribute, null, seq, false, wasCut);
    }

    static Decision admittedBefore(ReportAttribute stored) {
      return new Decision(Kind.ADMITTED_BEFORE, stored, null, 0, false, null);
    }

    static Decision duplicate(ReportAttribute candidate, ReportAttribute stored) {
      return new Decision(Kind.DUPLICATE, stored, null, 0, false, null);
    }

    static Decision cut(CutAttribute cut, long seq, boolean record) {
      return new Decision(Kind.CUT, cut.attribute(), cut, seq, record, null);
    }

    static Decision cutAgain(CutAttribute cut) {
      return new Decision(Kind.CUT_AGAIN, cut.attribute(), cut, 0, false, null);
    }
  }

  /** @param token this admission's token, which the attribute items it writes carry */
  private Future<Decision> write(String reportId, Decision decision, String token) {
    String pk = reportPk(reportId);
    switch (decision.kind) {
      case ADMITTED -> {
        ReportAttribute attribute = decision.attribute;
        Map<String, AttributeValue> item = attributeItem(reportId, attribute, decision.seq, token);
        Future<Boolean> put = conditional(AwsFutures.call(() -> client.putItem(b -> b.tableName(table.name())
            .item(item).conditionExpression("attribute_not_exists(pk)"))));
        return put.compose(ok -> {
          if (!ok) {
            // Another admission stored this hash first: what it stored is the report's copy. Unless the
            // copy carries this call's token: then this call's write was applied, its answer lost, and
            // the SDK's retry failed the condition.
            return AwsFutures.call(() -> client.getItem(b -> b.tableName(table.name())
                    .key(key(pk, "attr#" + attribute.hash())).consistentRead(true)))
                .map(found -> token.equals(string(found.item(), "token")) ? decision
                    : Decision.duplicate(attribute, decodeAttribute(found.item())));
          }
          if (decision.wasCut == null) {
            return Future.succeededFuture(decision);
          }
          return AwsFutures.call(() -> client.deleteItem(b -> b.tableName(table.name())
              .key(key(pk, "cut#" + attribute.hash())))).map(decision);
        });
      }
      case CUT -> {
        ReportAttribute attribute = decision.attribute;
        Map<String, AttributeValue> item = withTtl(reportId, new HashMap<>(key(pk, "cut#" + attribute.hash())));
        item.put("seq", n(decision.seq));
        if (decision.record) {
          item.put("record", s(ReportCodec.encode(attribute).put("reason", decision.cut.reason()).encode()));
        }
        return conditional(AwsFutures.call(() -> client.putItem(b -> b.tableName(table.name()).item(item)
                .conditionExpression("attribute_not_exists(pk)"))))
            .map(ok -> ok ? decision : Decision.cutAgain(decision.cut));
      }
      default -> {
        return Future.succeededFuture(decision);
      }
    }
  }

  /**
   * An admitted attribute's item. Its token names the admission that wrote it, so that a call can tell its
   * own earlier write (applied, but its answer lost) from another admission's.
   */
  private Map<String, AttributeValue> attributeItem(String reportId, ReportAttribute attribute, long seq,
                                                    String token) {
    Map<String, AttributeValue> item = withTtl(reportId, new HashMap<>(key(reportPk(reportId),
        "attr#" + attribute.hash())));
    item.put("attribute", s(ReportCodec.encode(attribute).encode()));
    item.put("seq", n(seq));
    item.put("token", s(token));
    return item;
  }

  /** An admission's token: its origin part (see {@link #originOf}), if any, and what tells this call from others. */
  private static String token(String origin, String call) {
    return (origin == null ? "" : origin) + call;
  }

  /**
   * The origin part of an admission's token: the alert's id when every candidate came with one alert, so
   * that a call recognises what an earlier admission of the same alert stored (its report's creation, or
   * a redelivered inspection that got further than this one) and answers it admitted again; null for
   * anything else, which therefore never recognises an earlier call's attributes as its own.
   */
  private static String originOf(List<ReportAttribute> candidates) {
    String alertId = candidates.isEmpty() ? null : candidates.get(0).origin().alertId();
    for (ReportAttribute candidate : candidates) {
      if (alertId == null || !alertId.equals(candidate.origin().alertId())) {
        return null;
      }
    }
    return "alert:" + alertId + ":";
  }

  private static ReportAttribute decodeAttribute(Map<String, AttributeValue> item) {
    return ReportCodec.decodeReportAttribute(new JsonObject(string(item, "attribute")));
  }

  // ---------------------------------------------------------------- inspections

  @Override
  public Future<Void> recordInspection(String reportId, InspectionOutcome outcome) {
    io.vertx.core.json.JsonArray findings = new io.vertx.core.json.JsonArray();
    for (Finding finding : outcome.findings()) {
      findings.add(ReportCodec.encode(finding));
    }
    String json = new JsonObject().put("record", ReportCodec.encode(outcome.record())).put("findings", findings)
        .encode();
    Map<String, AttributeValue> item = withTtl(reportId, new HashMap<>(key(reportPk(reportId),
        "inspection#" + outcome.record().attributeHash() + "#" + outcome.record().inspector())));
    item.put("outcome", s(json));
    // No existence check (it would cost a read per outcome): an outcome written for a report that was
    // purged meanwhile carries that report's time to live, which has passed, so DynamoDB deletes it.
    // Being unconditional, the outcomes of one turn leave together in one BatchWriteItem.
    return table.putBatched(item);
  }

  /** Whether the report exists, read consistently: a stale "no" would let a create move a live pointer. */
  private Future<Boolean> exists(String reportId) {
    return AwsFutures.call(() -> client.getItem(b -> b.tableName(table.name()).key(headerKey(reportId))
            .projectionExpression(PK).consistentRead(true)))
        .map(found -> found.hasItem() && !found.item().isEmpty());
  }

  // ---------------------------------------------------------------- load

  @Override
  public Future<Optional<StoredReport>> load(String reportId) {
    return table.queryAll(QueryRequest.builder().tableName(table.name()).consistentRead(true)
        .keyConditionExpression("pk = :pk")
        .expressionAttributeValues(Map.of(":pk", s(reportPk(reportId)))).build())
        .map(items -> assemble(items));
  }

  private Optional<StoredReport> assemble(List<Map<String, AttributeValue>> items) {
    Map<String, AttributeValue> headerItem = null;
    List<Map<String, AttributeValue>> alerts = new ArrayList<>();
    List<Map<String, AttributeValue>> attributes = new ArrayList<>();
    List<Map<String, AttributeValue>> cuts = new ArrayList<>();
    List<InspectionOutcome> inspections = new ArrayList<>();
    for (Map<String, AttributeValue> item : items) {
      String sk = string(item, SK);
      if (sk.equals(HEADER)) {
        headerItem = item;
      } else if (sk.startsWith("alert#")) {
        alerts.add(item);
      } else if (sk.startsWith("attr#")) {
        attributes.add(item);
      } else if (sk.startsWith("cut#")) {
        cuts.add(item);
      } else if (sk.startsWith("inspection#")) {
        JsonObject outcome = new JsonObject(string(item, "outcome"));
        List<Finding> findings = new ArrayList<>();
        for (Object finding : outcome.getJsonArray("findings")) {
          findings.add(ReportCodec.decodeFinding((JsonObject) finding));
        }
        inspections.add(new InspectionOutcome(ReportCodec.decodeInspection(outcome.getJsonObject("record")),
            findings));
      }
    }
    if (headerItem == null) {
      return Optional.empty();
    }
    // An alert whose counting was interrupted has no sequence number yet; it sorts after the counted ones.
    alerts.sort(Comparator.<Map<String, AttributeValue>>comparingLong(item -> number(item, "seq", Long.MAX_VALUE))
        .thenComparingLong(item -> number(item, "received_at", 0)));
    Comparator<Map<String, AttributeValue>> admissionOrder = Comparator.<Map<String, AttributeValue>>comparingLong(
        item -> number(item, "seq", 0)).thenComparing(item -> string(item, SK));
    attributes.sort(admissionOrder);
    cuts.sort(admissionOrder);
    List<ReceivedAlert> receivedAlerts = new ArrayList<>();
    for (Map<String, AttributeValue> item : alerts) {
      receivedAlerts.add(ReportCodec.decodeReceivedAlert(new JsonObject(string(item, "alert"))));
    }
    List<ReportAttribute> reportAttributes = new ArrayList<>();
    for (Map<String, AttributeValue> item : attributes) {
      reportAttributes.add(decodeAttribute(item));
    }
    List<CutAttribute> recorded = new ArrayList<>();
    for (Map<String, AttributeValue> item : cuts) {
      String record = string(item, "record");
      if (record != null) {
        JsonObject json = new JsonObject(record);
        recorded.add(new CutAttribute(ReportCodec.decodeReportAttribute(json), json.getString("reason")));
      }
    }
    // Only committed verdicts are in the header: each was written by the update that published it.
    Map<String, AttributeValue> committed = headerItem.containsKey("verdicts")
        ? headerItem.get("verdicts").m() : Map.of();
    List<PublishedVerdict> verdicts = new ArrayList<>();
    for (AttributeValue value : committed.values()) {
      JsonObject verdict = new JsonObject(value.s());
      verdicts.add(new PublishedVerdict(verdict.getInteger("version"), ReportCodec.decodeVerdict(verdict),
          Instant.parse(verdict.getString("published_at"))));
    }
    verdicts.sort(Comparator.comparingInt(PublishedVerdict::version));
    return Optional.of(new StoredReport(decodeHeader(headerItem), receivedAlerts, reportAttributes, recorded,
        (int) number(headerItem, "cut_count", 0), inspections, verdicts));
  }

  // ---------------------------------------------------------------- publications

  /**
   * The snapshot is either written first, under a fresh attempt id, and the header update that names the
   * attempt and carries the verdict is the commit; or, for a first publication small enough, it travels
   * inside that update (one request, and the snapshot and its commit are one atomic write).
   */
  @Override
  public Future<Boolean> publish(ReportHeader header, long expectedRevision, Report snapshot) {
    if (snapshot.verdicts().isEmpty()) {
      return Future.failedFuture(new IllegalArgumentException("a published snapshot carries its verdict history"));
    }
    ReportHeader stored = header.withRevision(expectedRevision + 1);
    PublishedVerdict last = snapshot.verdicts().get(snapshot.verdicts().size() - 1);
    String version = versionKey(snapshot.version());
    String verdict = ReportCodec.encode(last.verdict()).put("version", last.version())
        .put("published_at", last.publishedAt().toString()).encode();
    byte[] compressed = gzip(ReportCodec.encode(snapshot).encode().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    // Only the first publication may be inline, so that the header holds at most one.
    if (snapshot.version() == 1 && compressed.length <= INLINE_SNAPSHOT_BYTES) {
      return writeHeader(stored, expectedRevision, snapshot.version(), INLINE, verdict, compressed);
    }
    String attempt = UUID.randomUUID().toString();
    List<Future<?>> writes = new ArrayList<>();
    int parts = Math.max(1, (compressed.length + SNAPSHOT_PART_BYTES - 1) / SNAPSHOT_PART_BYTES);
    for (int part = 0; part < parts; part++) {
      Map<String, AttributeValue> item = withTtl(header.id(), new HashMap<>(key("publication#" + header.id(),
          version + "#" + attempt + "#" + String.format("%04d", part))));
      item.put("data", b(Arrays.copyOfRange(compressed, part * SNAPSHOT_PART_BYTES,
          Math.min(compressed.length, (part + 1) * SNAPSHOT_PART_BYTES))));
      item.put("parts", n(parts));
      writes.add(AwsFutures.call(() -> client.putItem(b -> b.tableName(table.name()).item(item))));
    }
    // A failed or interrupted attempt leaves parts nobody reads, which expire.
    return Future.all(writes).compose(v -> writeHeader(stored, expectedRevision, snapshot.version(), attempt,
        verdict, null));
  }

  @Override
  public Future<Optional<Report>> publication(String reportId, int version) {
    return AwsFutures.call(() -> client.getItem(b -> b.tableName(table.name()).key(headerKey(reportId))
            .projectionExpression("publications, " + INLINE_SNAPSHOT).consistentRead(true)))
        .compose(found -> {
          AttributeValue publications = found.hasItem() ? found.item().get("publications") : null;
          AttributeValue attempt = publications == null ? null : publications.m().get(versionKey(version));
          if (attempt == null) {
            return Future.succeededFuture(Optional.empty());
          }
          if (INLINE.equals(attempt.s())) {
            return Future.succeededFuture(Optional.of(decodeSnapshot(bytes(found.item(), INLINE_SNAPSHOT))));
          }
          return table.queryAll(QueryRequest.builder().tableName(table.name()).consistentRead(true)
              .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
              .expressionAttributeValues(Map.of(":pk", s("publication#" + reportId),
                  ":prefix", s(versionKey(version) + "#" + attempt.s() + "#"))).build())
              .map(items -> {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                for (Map<String, AttributeValue> item : items) {
                  all.writeBytes(bytes(item, "data"));
                }
                return Optional.of(decodeSnapshot(all.toByteArray()));
              });
        });
  }

  private static Report decodeSnapshot(byte[] compressed) {
    String json = new String(gunzip(compressed), java.nio.charset.StandardCharsets.UTF_8);
    return ReportCodec.decodeReport(new JsonObject(json));
  }

  // ---------------------------------------------------------------- query

  @Override
  public Future<Page<ReportHeader>> query(ReportQuery query) {
    List<Future<List<String>>> shards = new ArrayList<>();
    for (int shard = 0; shard < DynamoDbTable.LIST_SHARDS; shard++) {
      shards.add(queryShard("reports#" + shard, query, null, new ArrayList<>()));
    }
    return Future.all(shards).compose(all -> {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < shards.size(); i++) {
        ids.addAll(all.resultAt(i));
      }
      ids.sort(Comparator.reverseOrder());
      boolean more = ids.size() > query.limit();
      List<String> page = more ? ids.subList(0, query.limit()) : ids;
      List<Map<String, AttributeValue>> keys = new ArrayList<>();
      for (String id : page) {
        keys.add(headerKey(id));
      }
      return batchGet(keys).map(items -> {
        Map<String, ReportHeader> byId = new HashMap<>();
        for (Map<String, AttributeValue> item : items) {
          ReportHeader header = decodeHeader(item);
          byId.put(header.id(), header);
        }
        List<ReportHeader> headers = new ArrayList<>();
        for (String id : page) {
          ReportHeader header = byId.get(id);
          if (header != null) {
            headers.add(header);
          }
        }
        return new Page<>(headers, more ? page.get(page.size() - 1) : null);
      });
    });
  }

  /** Up to {@code limit + 1} matching ids of one shard, newest first. */
  private Future<List<String>> queryShard(String shard, ReportQuery query, Map<String, AttributeValue> start,
                                          List<String> found) {
    Map<String, AttributeValue> values = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    values.put(":shard", s(shard));
    String keyCondition = "list_pk = :shard";
    if (query.cursor() != null) {
      keyCondition += " AND list_sk < :cursor";
      values.put(":cursor", s(query.cursor()));
    }
    List<String> filters = new ArrayList<>();
    if (query.status() != null) {
      filters.add("#status = :status");
      names.put("#status", "status");
      values.put(":status", s(query.status().wireName()));
    }
    if (query.severity() != null) {
      filters.add("severity = :severity");
      values.put(":severity", s(query.severity().wireName()));
    }
    if (query.detector() != null) {
      filters.add("detector = :detector");
      values.put(":detector", s(query.detector()));
    }
    if (query.since() != null) {
      filters.add("created_at >= :since");
      values.put(":since", instant(query.since()));
    }
    if (query.until() != null) {
      filters.add("created_at < :until");
      values.put(":until", instant(query.until()));
    }
    QueryRequest.Builder request = QueryRequest.builder().tableName(table.name()).indexName(DynamoDbTable.LIST_INDEX)
        .keyConditionExpression(keyCondition).scanIndexForward(false)
        .expressionAttributeValues(values).projectionExpression(LIST_SK)
        .limit(Math.max(100, query.limit() + 1));
    if (!filters.isEmpty()) {
      request.filterExpression(String.join(" AND ", filters));
    }
    if (!names.isEmpty()) {
      request.expressionAttributeNames(names);
    }
    if (start != null) {
      request.exclusiveStartKey(start);
    }
    QueryRequest built = request.build();
    return AwsFutures.call(() -> client.query(built)).compose(response -> {
      for (Map<String, AttributeValue> item : response.items()) {
        found.add(string(item, LIST_SK));
      }
      if (found.size() > query.limit() || !response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
        return Future.succeededFuture(found.size() > query.limit() + 1 ? found.subList(0, query.limit() + 1) : found);
      }
      return queryShard(shard, query, response.lastEvaluatedKey(), found);
    });
  }

  // ---------------------------------------------------------------- helpers

  /** Reads items by key, consistently, in batches of 100, retrying the keys DynamoDB left unprocessed. */
  private Future<List<Map<String, AttributeValue>>> batchGet(List<Map<String, AttributeValue>> keys) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    List<Future<Void>> batches = new ArrayList<>();
    for (int from = 0; from < keys.size(); from += BATCH_GET_KEYS) {
      batches.add(batchGetOnce(keys.subList(from, Math.min(keys.size(), from + BATCH_GET_KEYS)), items, 0));
    }
    return Future.all(batches).map(items);
  }

  private Future<Void> batchGetOnce(List<Map<String, AttributeValue>> keys, List<Map<String, AttributeValue>> items,
                                    int round) {
    if (keys.isEmpty()) {
      return Future.succeededFuture();
    }
    return AwsFutures.call(() -> client.batchGetItem(b -> b.requestItems(Map.of(table.name(),
            KeysAndAttributes.builder().keys(keys).consistentRead(true).build()))))
        .compose(response -> {
          synchronized (items) {
            items.addAll(response.responses().getOrDefault(table.name(), List.of()));
          }
          KeysAndAttributes left = response.unprocessedKeys().get(table.name());
          if (left == null || !left.hasKeys() || left.keys().isEmpty()) {
            return Future.succeededFuture();
          }
          if (round >= 10) {
            return Future.failedFuture(new IllegalStateException("DynamoDB left keys unprocessed 10 times in a row"));
          }
          // Unprocessed keys mean throttling: wait a little longer each round before asking again.
          return AwsFutures.after(Duration.ofMillis(25L << round)).compose(v -> batchGetOnce(left.keys(), items, round + 1));
        });
  }

  /** True when the conditional write happened, false when its condition failed. */
  private static Future<Boolean> conditional(Future<?> write) {
    return write.map(true).recover(failure -> failure instanceof ConditionalCheckFailedException
        ? Future.succeededFuture(false) : Future.failedFuture(failure));
  }

  /** The mapped response when the conditional write happened, null when its condition failed. */
  private static <R, T> Future<T> conditional(Future<R> write, Function<R, T> result) {
    return write.map(result).recover(failure -> failure instanceof ConditionalCheckFailedException
        ? Future.succeededFuture(null) : Future.failedFuture(failure));
  }

  private static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] gunzip(byte[] data) {
    try (GZIPInputStream zip = new GZIPInputStream(new ByteArrayInputStream(data))) {
      return zip.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
