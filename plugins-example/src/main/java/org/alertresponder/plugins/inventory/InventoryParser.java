package org.alertresponder.plugins.inventory;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.AlertValidator;
import org.alertresponder.engine.api.Attribute;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the text of one inventory file into assets or users. Pure and blocking: the loader runs it off
 * the event loop. Values are checked here, once, so that a lookup never meets an address that does not
 * parse or a host name the engine would refuse as a new attribute.
 */
final class InventoryParser {
  private static final Pattern LIST_SEPARATOR = Pattern.compile("[;\\s]+");

  private InventoryParser() {
  }

  /** One record before its values are checked: where it is, and the values found per field. */
  private record Row(String where, Map<String, List<String>> values) {
  }

  /**
   * @throws InventoryFileException naming the line (or JSON item) and what is wrong with it
   */
  static ParsedFile parse(InventoryFile file, String text) {
    FieldMapping mapping = file.mapping();
    List<Row> rows = switch (file.format()) {
      case CSV -> csvRows(text, mapping);
      case JSON -> jsonRows(text, mapping);
      case JSONL -> jsonLinesRows(text, mapping);
    };
    if (file.format() != InventoryFile.Format.CSV) {
      requireExplicitFieldsSeen(rows, mapping);
    }
    return file.kind() == InventoryFile.Kind.ASSETS ? new ParsedFile(assets(rows, mapping), List.of())
        : new ParsedFile(List.of(), users(rows, mapping));
  }

  private static List<Row> csvRows(String text, FieldMapping mapping) {
    List<CsvRecords.CsvRecord> records = CsvRecords.read(text);
    if (records.isEmpty()) {
      throw new InventoryFileException(1, "a header row naming the columns", "an empty file");
    }
    CsvRecords.CsvRecord header = records.get(0);
    Map<String, Integer> indexByName = new HashMap<>();
    for (int i = 0; i < header.fields().size(); i++) {
      indexByName.putIfAbsent(header.fields().get(i).trim().toLowerCase(Locale.ROOT), i);
    }
    Map<String, Integer> indexByField = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : mapping.columns().entrySet()) {
      Integer index = indexByName.get(entry.getValue());
      if (index != null) {
        indexByField.put(entry.getKey(), index);
      } else if (mapping.explicit().contains(entry.getKey())) {
        throw new InventoryFileException("line " + header.line(), "a column named \"" + entry.getValue()
            + "\" in the header row", missingColumn(header.fields()), mapping.option() + "." + entry.getKey());
      }
    }
    if (mapping.keys().stream().noneMatch(indexByField::containsKey)) {
      String blamed = mapping.keys().stream().filter(mapping.explicit()::contains).findFirst()
          .map(field -> mapping.option() + "." + field).orElse(null);
      throw new InventoryFileException("line " + header.line(), "a column named " + mapping.describeKeys()
          + " in the header row (set " + mapping.option() + "." + mapping.keys().get(0)
          + " to use another column)", missingColumn(header.fields()), blamed);
    }
    List<Row> rows = new ArrayList<>(records.size() - 1);
    for (int r = 1; r < records.size(); r++) {
      CsvRecords.CsvRecord record = records.get(r);
      if (record.fields().size() != header.fields().size()) {
        throw new InventoryFileException(record.line(), header.fields().size() + " fields, as in the header row",
            record.fields().size() + " (a comma in a value needs the value in double quotes)");
      }
      Map<String, List<String>> values = new LinkedHashMap<>();
      for (Map.Entry<String, Integer> entry : indexByField.entrySet()) {
        addText(values, mapping, entry.getKey(), record.fields().get(entry.getValue()));
      }
      if (!values.isEmpty() || !allBlank(record.fields())) {
        rows.add(new Row("line " + record.line(), values));
      }
    }
    return rows;
  }

  private static List<Row> jsonRows(String text, FieldMapping mapping) {
    Object decoded = decodeJson(text, null);
    if (!(decoded instanceof JsonArray array)) {
      throw new InventoryFileException(null, "a JSON array of objects", kindOf(decoded), null);
    }
    List<Row> rows = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String where = "item " + (i + 1);
      Object item = array.getValue(i);
      if (!(item instanceof JsonObject object)) {
        throw new InventoryFileException(where, "a JSON object", kindOf(item), null);
      }
      rows.add(new Row(where, jsonValues(object, mapping, where)));
    }
    return rows;
  }

  private static List<Row> jsonLinesRows(String text, FieldMapping mapping) {
    List<Row> rows = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = i == 0 && lines[0].startsWith("\uFEFF") ? lines[0].substring(1) : lines[i];
      if (line.isBlank()) {
        continue;
      }
      String where = "line " + (i + 1);
      Object decoded = decodeJson(line, where);
      if (!(decoded instanceof JsonObject object)) {
        throw new InventoryFileException(where, "a JSON object", kindOf(decoded), null);
      }
      rows.add(new Row(where, jsonValues(object, mapping, where)));
    }
    return rows;
  }

  private static Map<String, List<String>> jsonValues(JsonObject object, FieldMapping mapping, String where) {
    Map<String, Object> byName = new HashMap<>();
    for (Map.Entry<String, Object> entry : object) {
      byName.putIfAbsent(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue());
    }
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : mapping.columns().entrySet()) {
      String field = entry.getKey();
      Object value = byName.get(entry.getValue());
      if (value == null) {
        continue;
      }
      if (value instanceof JsonArray list) {
        for (int i = 0; i < list.size(); i++) {
          Object item = list.getValue(i);
          if (!isScalar(item)) {
            throw new InventoryFileException(where, "strings in the list \"" + entry.getValue() + "\"",
                kindOf(item), null);
          }
          addText(values, mapping, field, String.valueOf(item));
        }
      } else if (isScalar(value)) {
        addText(values, mapping, field, String.valueOf(value));
      } else {
        throw new InventoryFileException(where, "a string, a number or a list of strings for \"" + entry.getValue()
            + "\"", kindOf(value), null);
      }
    }
    return values;
  }

  /** A field the options named must appear somewhere: otherwise its name is most likely misspelt. */
  private static void requireExplicitFieldsSeen(List<Row> rows, FieldMapping mapping) {
    if (rows.isEmpty()) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (Row row : rows) {
      seen.addAll(row.values().keySet());
    }
    for (String field : mapping.explicit()) {
      if (!seen.contains(field)) {
        throw new InventoryFileException(null, "at least one record with the field \"" + mapping.column(field)
            + "\"", "none", mapping.option() + "." + field);
      }
    }
  }

  private static void addText(Map<String, List<String>> values, FieldMapping mapping, String field, String text) {
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      return;
    }
    List<String> list = values.computeIfAbsent(field, f -> new ArrayList<>(1));
    if (mapping.lists().contains(field)) {
      for (String part : LIST_SEPARATOR.split(trimmed)) {
        if (!part.isEmpty()) {
          list.add(part);
        }
      }
    } else {
      list.add(trimmed);
    }
  }

  private static List<Asset> assets(List<Row> rows, FieldMapping mapping) {
    List<Asset> assets = new ArrayList<>(rows.size());
    for (Row row : rows) {
      Map<String, List<String>> fields = new LinkedHashMap<>(row.values());
      List<String> ips = checked(fields.get(FieldMapping.IP), Attribute.IPADDR, row.where(),
          "an IPv4 or IPv6 address in \"" + mapping.column(FieldMapping.IP) + "\"");
      List<String> hostnames = checked(fields.get(FieldMapping.HOSTNAME), Attribute.DOMAIN, row.where(),
          "a host name (letters, digits, '-', '_' and dots) in \""
              + mapping.column(FieldMapping.HOSTNAME) + "\"");
      if (ips.isEmpty() && hostnames.isEmpty()) {
        throw new InventoryFileException(row.where(), "an address or a host name for the asset", "neither", null);
      }
      putIfAny(fields, FieldMapping.IP, ips);
      putIfAny(fields, FieldMapping.HOSTNAME, hostnames);
      assets.add(new Asset(fields));
    }
    return assets;
  }

  /** Values of an attribute type in the engine's canonical form (what an alert's attribute becomes). */
  private static List<String> checked(List<String> values, String type, String where, String expected) {
    if (values == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>(values.size());
    for (String value : values) {
      Attribute attribute = Attribute.of(type, "", value);
      if (!AlertValidator.violations("value", attribute).isEmpty()) {
        throw new InventoryFileException(where, expected, "a value that is not one", null);
      }
      String canonical = AlertValidator.normalize(attribute).value();
      if (!out.contains(canonical)) {
        out.add(canonical);
      }
    }
    return out;
  }

  private static void putIfAny(Map<String, List<String>> fields, String field, List<String> values) {
    if (values.isEmpty()) {
      fields.remove(field);
    } else {
      fields.put(field, values);
    }
  }

  private static List<DirectoryUser> users(List<Row> rows, FieldMapping mapping) {
    List<DirectoryUser> users = new ArrayList<>(rows.size());
    for (Row row : rows) {
      List<String> names = row.values().get(FieldMapping.USERNAME);
      if (names == null) {
        throw new InventoryFileException(row.where(), "a user name in \"" + mapping.column(FieldMapping.USERNAME)
            + "\"", "none", null);
      }
      if (names.size() > 1) {
        throw new InventoryFileException(row.where(), "one user name in \"" + mapping.column(FieldMapping.USERNAME)
            + "\"", names.size() + " of them", null);
      }
      Map<String, String> fields = new LinkedHashMap<>();
      row.values().forEach((field, values) -> fields.put(field, String.join(", ", values)));
      users.add(new DirectoryUser(fields));
    }
    return users;
  }

  private static Object decodeJson(String text, String where) {
    try {
      return Json.decodeValue(text);
    } catch (DecodeException e) {
      // Jackson's own message quotes the offending text; only its position is repeated here.
      String position = where;
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof JsonProcessingException parsing && parsing.getLocation() != null) {
          JsonLocation location = parsing.getLocation();
          position = where == null ? "line " + location.getLineNr() + ", column " + location.getColumnNr()
              : where + ", column " + location.getColumnNr();
          break;
        }
      }
      throw new InventoryFileException(position, "valid JSON", "text that does not parse", null);
    }
  }

  private static boolean isScalar(Object value) {
    return value instanceof String || value instanceof Number || value instanceof Boolean;
  }

  private static boolean allBlank(List<String> fields) {
    return fields.stream().allMatch(String::isBlank);
  }

  /**
   * Counts the header's columns without naming them: a file that lacks its header row has data in the
   * first row, and data does not belong in messages.
   */
  private static String missingColumn(List<String> header) {
    return "none among the " + header.size() + " columns of the header row";
  }

  private static String kindOf(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof JsonObject) {
      return "a JSON object";
    }
    if (value instanceof JsonArray) {
      return "a JSON array";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Number) {
      return "a number";
    }
    return "a " + value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }
}
