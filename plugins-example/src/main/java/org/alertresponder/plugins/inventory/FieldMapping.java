package org.alertresponder.plugins.inventory;

import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.PluginOptions;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which CSV column or JSON field holds each value of an asset or a user. By default a value sits under
 * its own name ({@code ip}, {@code hostname}, ...); an option such as
 * {@code asset-fields: {ip: address}} renames it. Names match case-insensitively, since spreadsheet
 * exports capitalise headers at will.
 *
 * @param option   the option that renames columns, such as {@code asset-fields}
 * @param columns  each field's column name, lower-cased, in the order findings list them
 * @param explicit the fields the option named: their column must exist, while a default one may be absent
 * @param keys     the fields a record is found by; each record needs a value for at least one of them
 * @param lists    the fields that may hold several values, separated by ';' or white space in CSV
 */
record FieldMapping(String option, Map<String, String> columns, Set<String> explicit, List<String> keys,
                    Set<String> lists) {
  static final String IP = "ip";
  static final String HOSTNAME = "hostname";
  static final String USERNAME = "username";

  /** The fields of an asset, in the order of deepalert's host content. */
  static final List<String> ASSET_FIELDS = List.of(IP, HOSTNAME, "owner", "os", "team");
  /** The fields of a user in the directory. */
  static final List<String> USER_FIELDS = List.of(USERNAME, "name", "email", "team", "title", "manager");

  FieldMapping {
    columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    explicit = Set.copyOf(explicit);
    keys = List.copyOf(keys);
    lists = Set.copyOf(lists);
  }

  static FieldMapping assets(PluginOptions options) {
    return read(options, "asset-fields", ASSET_FIELDS, List.of(IP, HOSTNAME), Set.of(IP, HOSTNAME));
  }

  static FieldMapping users(PluginOptions options) {
    return read(options, "user-fields", USER_FIELDS, List.of(USERNAME), Set.of());
  }

  private static FieldMapping read(PluginOptions options, String option, List<String> fields, List<String> keys,
                                   Set<String> lists) {
    Map<String, String> renamed = options.stringMap(option);
    Map<String, String> columns = new LinkedHashMap<>();
    Set<String> explicit = new LinkedHashSet<>();
    for (String field : fields) {
      columns.put(field, field);
    }
    for (Map.Entry<String, String> entry : renamed.entrySet()) {
      String path = options.pathOf(option) + "." + entry.getKey();
      if (!columns.containsKey(entry.getKey())) {
        throw new ConfigurationException(path, "one of the fields " + String.join(", ", fields),
            PluginOptions.describe(entry.getKey()));
      }
      String column = entry.getValue().trim();
      if (column.isEmpty()) {
        throw new ConfigurationException(path, "the name of a CSV column or JSON field", "\"\"");
      }
      columns.put(entry.getKey(), column.toLowerCase(java.util.Locale.ROOT));
      explicit.add(entry.getKey());
    }
    return new FieldMapping(option, columns, explicit, keys, lists);
  }

  String column(String field) {
    return columns.get(field);
  }

  /** How the key fields read in a message: {@code "ip" or "hostname"}. */
  String describeKeys() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < keys.size(); i++) {
      if (i > 0) {
        out.append(i == keys.size() - 1 ? " or " : ", ");
      }
      out.append('"').append(column(keys.get(i))).append('"');
    }
    return out.toString();
  }
}
