package org.alertresponder.plugins.blocklist;

import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.PluginOptions;
import org.alertresponder.plugins.support.IpAddresses;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One feed file of a blocklist and how to read it.
 *
 * <ul>
 *   <li>{@code lines} (the default): one entry a line; {@code #} and {@code ;} start a comment (as in Spamhaus
 *       DROP), blank lines are skipped, and hosts-file lines ({@code 0.0.0.0 bad.example}) give their name.</li>
 *   <li>{@code csv}: one entry per row in a chosen column, by 1-based number or by header name; lines starting
 *       with {@code #} are comments (as in abuse.ch's exports); fields may be quoted.</li>
 * </ul>
 *
 * @param name      names the feed in findings
 * @param path      the file
 * @param optionPath where the feed sits in the configuration, for errors
 * @param csv       whether the file is CSV
 * @param column    the CSV column's 1-based number, or 0 when {@code columnName} names it
 * @param columnName the CSV column's header, or null
 * @param header    whether the CSV file's first row (after comments) is a header
 * @param delimiter the CSV delimiter
 * @param kind      what the entries are: {@code auto}, {@code ip}, {@code domain} or {@code hash}
 */
record Feed(String name, Path path, String optionPath, boolean csv, int column, String columnName, boolean header,
            char delimiter, String kind) {
  private static final Set<String> FEED_KEYS = Set.of("name", "path", "format", "column", "header", "delimiter", "kind");
  private static final Set<String> KINDS = Set.of("auto", "ip", "domain", "hash");
  private static final Set<String> SINKHOLES = Set.of("0.0.0.0", "127.0.0.1", "::", "::1");
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
  private static final Pattern NAME_PATTERN = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,62})(\\.[a-z0-9_]([a-z0-9_-]{0,62}))*");

  /** What reading a feed found. */
  record Counts(int entries, int unrecognised, int firstUnrecognisedLine, String firstUnrecognised) {
  }

  /** The feed at {@code optionPath} in the options ({@code feeds[i]}). */
  static Feed fromOptions(String optionPath, Object value, PluginOptions options, java.util.function.Function<String, Path> resolve) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new ConfigurationException(optionPath, "a feed {name, path, format, column, ...}", PluginOptions.describe(value));
    }
    for (Object key : map.keySet()) {
      if (!FEED_KEYS.contains(String.valueOf(key))) {
        throw new ConfigurationException(optionPath + "." + key, "one of the keys "
            + String.join(", ", FEED_KEYS.stream().sorted().toList()), "the unknown key \"" + key + "\"");
      }
    }
    PluginOptions feed = new PluginOptions(optionPath, castMap(map));
    String file = feed.requiredString("path");
    Path path = resolve.apply(file);
    String fileName = path.getFileName().toString();
    String name = feed.string("name", fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName);
    String format = feed.string("format", fileName.toLowerCase(Locale.ROOT).endsWith(".csv") ? "csv" : "lines");
    if (!format.equals("lines") && !format.equals("csv")) {
      throw new ConfigurationException(feed.pathOf("format"), "lines or csv", PluginOptions.describe(format));
    }
    String kind = feed.string("kind", "auto");
    if (!KINDS.contains(kind)) {
      throw new ConfigurationException(feed.pathOf("kind"), "auto, ip, domain or hash", PluginOptions.describe(kind));
    }
    boolean csv = format.equals("csv");
    int column = 0;
    String columnName = null;
    boolean header = false;
    char delimiter = ',';
    if (csv) {
      Object columnValue = feed.raw("column");
      if (columnValue == null) {
        throw new ConfigurationException(feed.pathOf("column"), "the CSV column of the entries: a number from 1 or a "
            + "header name", "nothing");
      }
      if (columnValue instanceof Number || String.valueOf(columnValue).matches("\\d{1,4}")) {
        column = Integer.parseInt(String.valueOf(columnValue));
        if (column < 1) {
          throw new ConfigurationException(feed.pathOf("column"), "a column number from 1", String.valueOf(column));
        }
      } else {
        columnName = String.valueOf(columnValue);
      }
      header = feed.bool("header", columnName != null);
      if (columnName != null && !header) {
        throw new ConfigurationException(feed.pathOf("header"), "true when the column is given by name", "false");
      }
      String delimiterText = feed.string("delimiter", ",");
      delimiter = delimiterText.equals("tab") ? '\t' : delimiterText.length() == 1 ? delimiterText.charAt(0) : 0;
      if (delimiter == 0) {
        throw new ConfigurationException(feed.pathOf("delimiter"), "one character, or tab", PluginOptions.describe(delimiterText));
      }
    } else {
      for (String key : List.of("column", "header", "delimiter")) {
        if (feed.has(key)) {
          throw new ConfigurationException(feed.pathOf(key), "no " + key + " for a feed of format lines (set format: csv)",
              "one");
        }
      }
    }
    feed.requireAllRead();
    return new Feed(name, path, optionPath, csv, column, columnName, header, delimiter, kind);
  }

  /**
   * Reads the file into {@code builder} under feed index {@code index}. Blocking: call it off the event loop.
   *
   * @throws IOException when the file cannot be read
   * @throws ConfigurationException when a CSV header lacks the column
   */
  Counts read(Blocklist.Builder builder, int index) throws IOException {
    int entries = 0;
    int unrecognised = 0;
    int firstLine = 0;
    String first = null;
    int columnIndex = column - 1;
    boolean headerPending = csv && header;
    try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#") || (!csv && trimmed.startsWith(";"))) {
          continue;
        }
        String value;
        if (csv) {
          List<String> fields = csvFields(trimmed, delimiter);
          if (headerPending) {
            headerPending = false;
            if (columnName != null) {
              columnIndex = fields.indexOf(columnName);
              if (columnIndex < 0) {
                throw new ConfigurationException(optionPath + ".column", "a column of the header of " + path
                    + " (" + String.join(", ", fields) + ")", "\"" + columnName + "\"", "line " + number);
              }
            }
            continue;
          }
          value = columnIndex < fields.size() ? fields.get(columnIndex).strip() : "";
        } else {
          value = entryOfLine(trimmed);
        }
        if (add(builder, index, value)) {
          entries++;
        } else {
          unrecognised++;
          if (first == null) {
            firstLine = number;
            first = line.length() > 80 ? line.substring(0, 77) + "..." : line;
          }
        }
      }
    }
    return new Counts(entries, unrecognised, firstLine, first);
  }

  /** The entry of a line: without its comment, the name of a hosts-file line. */
  private static String entryOfLine(String line) {
    int comment = line.length();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if ((c == '#' || c == ';') && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        comment = i;
        break;
      }
    }
    String[] tokens = line.substring(0, comment).strip().split("\\s+");
    if (tokens.length == 2 && SINKHOLES.contains(tokens[0])) {
      return tokens[1];
    }
    // Anything else of several words is prose, not an entry: better counted as unrecognised than guessed at.
    return tokens.length == 1 ? tokens[0] : "";
  }

  private boolean add(Blocklist.Builder builder, int index, String value) {
    if (value.isEmpty()) {
      return false;
    }
    if (kind.equals("auto") || kind.equals("ip")) {
      IpAddresses.Block block = IpAddresses.block(value);
      if (block != null) {
        builder.network(index, canonical(block));
        return true;
      }
      if (kind.equals("ip")) {
        return false;
      }
    }
    if ((kind.equals("auto") || kind.equals("hash")) && isFileHash(value)) {
      builder.fileHash(index, value.toLowerCase(Locale.ROOT));
      return true;
    }
    if (kind.equals("auto") || kind.equals("domain")) {
      String name = value.startsWith("*.") ? value.substring(2) : value.startsWith(".") ? value.substring(1) : value;
      name = name.toLowerCase(Locale.ROOT);
      name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
      // Guessing, a single word is more likely prose than a top-level domain; kind: domain takes it.
      boolean named = kind.equals("domain") || name.indexOf('.') > 0;
      if (named && name.length() <= 253 && NAME_PATTERN.matcher(name).matches()) {
        builder.domain(index, name);
        return true;
      }
    }
    return false;
  }

  /** A block with the host bits cleared (10.1.2.3/8 is 10.0.0.0/8), as lookups mask addresses the same way. */
  private static IpAddresses.Block canonical(IpAddresses.Block block) {
    byte[] network = block.network().clone();
    for (int bit = block.prefix(); bit < network.length * 8; bit++) {
      network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return new IpAddresses.Block(network, block.prefix());
  }

  static boolean isFileHash(String value) {
    int length = value.length();
    return (length == 32 || length == 40 || length == 64 || length == 128) && HEX.matcher(value).matches();
  }

  /** The fields of one CSV line (RFC 4180 quoting within the line). */
  static List<String> csvFields(String line, char delimiter) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.isEmpty()) {
        quoted = true;
      } else if (c == delimiter) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }
}
