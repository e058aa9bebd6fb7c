package org.alertresponder.launcher.config;

import org.alertresponder.engine.api.Durations;
import org.alertresponder.engine.spi.ConfigurationException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One value of a configuration file — a mapping, a list or a scalar (always text after environment
 * substitution; null for an empty value) — with its path and position, read strictly: every getter
 * names the path, what it expected and what it found, and {@link #requireAllRead()} refuses keys nobody
 * read, suggesting the closest known one.
 */
public final class ConfigNode {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|MB|GB|KiB|MiB|GiB)?");

  private final String path;
  private final int line;
  private final int column;
  private final Map<String, ConfigNode> entries;
  private final List<ConfigNode> items;
  private final String text;
  private final boolean fromEnvironment;
  private final Set<String> read = new LinkedHashSet<>();

  private ConfigNode(String path, int line, int column, Map<String, ConfigNode> entries, List<ConfigNode> items,
                     String text, boolean fromEnvironment) {
    this.fromEnvironment = fromEnvironment;
    this.path = path;
    this.line = line;
    this.column = column;
    this.entries = entries;
    this.items = items;
    this.text = text;
  }

  static ConfigNode mapping(String path, int line, int column, Map<String, ConfigNode> entries) {
    return new ConfigNode(path, line, column, Collections.unmodifiableMap(entries), null, null, false);
  }

  static ConfigNode list(String path, int line, int column, List<ConfigNode> items) {
    return new ConfigNode(path, line, column, null, List.copyOf(items), null, false);
  }

  static ConfigNode scalar(String path, int line, int column, String text) {
    return new ConfigNode(path, line, column, null, null, text, false);
  }

  /** A scalar whose text came (in part) from the environment: never echoed in errors, it may be a secret. */
  static ConfigNode substitutedScalar(String path, int line, int column, String text) {
    return new ConfigNode(path, line, column, null, null, text, true);
  }

  /** An empty mapping standing for an absent section. */
  public static ConfigNode absent(String path) {
    return new ConfigNode(path, 0, 0, Map.of(), null, null, false);
  }

  public String path() {
    return path;
  }

  public String location() {
    return line == 0 ? null : "line " + line + ", column " + column;
  }

  public boolean isMapping() {
    return entries != null;
  }

  public boolean isList() {
    return items != null;
  }

  public boolean isNull() {
    return entries == null && items == null && text == null;
  }

  /** The scalar's text; fails for a mapping or a list. */
  public String text(String expected) {
    if (entries != null || items != null) {
      throw error(expected, describe());
    }
    return text;
  }

  public ConfigurationException error(String expected, String found) {
    return new ConfigurationException(path, expected, found, location());
  }

  /** How this value reads in an error message. */
  public String describe() {
    if (entries != null) {
      return "a mapping";
    }
    if (items != null) {
      return "a list";
    }
    if (text == null) {
      return "nothing";
    }
    if (fromEnvironment) {
      return "a value taken from the environment (not shown)";
    }
    return "\"" + (text.length() > 64 ? text.substring(0, 61) + "..." : text) + "\"";
  }

  // ---- mappings -------------------------------------------------------------------------------

  public boolean has(String key) {
    requireMapping();
    read.add(key);
    ConfigNode node = entries.get(key);
    return node != null && !node.isNull();
  }

  /** True when the key is written, even with an empty value ({@code emitters:} means none). */
  public boolean present(String key) {
    requireMapping();
    read.add(key);
    return entries.containsKey(key);
  }

  /** The child, or an absent (null) node at its path when the key is missing. */
  public ConfigNode get(String key) {
    requireMapping();
    read.add(key);
    ConfigNode node = entries.get(key);
    return node != null ? node : scalar(childPath(key), 0, 0, null);
  }

  /** A sub-mapping; an absent or empty key reads as an empty mapping. */
  public ConfigNode section(String key) {
    ConfigNode node = get(key);
    if (node.isNull()) {
      return absent(node.path);
    }
    if (!node.isMapping()) {
      throw node.error("a mapping of settings", node.describe());
    }
    return node;
  }

  public String string(String key, String fallback) {
    ConfigNode node = get(key);
    String value = node.text("a string");
    return value == null ? fallback : value;
  }

  public String requiredString(String key) {
    ConfigNode node = get(key);
    String value = node.text("a non-empty string");
    if (value == null || value.isBlank()) {
      throw node.error("a non-empty string", node.describe());
    }
    return value;
  }

  public int integer(String key, int fallback, int min, int max) {
    return (int) number(key, fallback, min, max);
  }

  public long number(String key, long fallback, long min, long max) {
    ConfigNode node = get(key);
    String value = node.text("a whole number from " + min + " to " + max);
    if (value == null) {
      return fallback;
    }
    String digits = value.replace("_", "");
    if (!digits.matches("-?\\d{1,18}")) {
      throw node.error("a whole number from " + min + " to " + max, node.describe());
    }
    long number = Long.parseLong(digits);
    if (number < min || number > max) {
      throw node.error("a whole number from " + min + " to " + max, node.fromEnvironment ? node.describe() : value);
    }
    return number;
  }

  public boolean bool(String key, boolean fallback) {
    ConfigNode node = get(key);
    String value = node.text("true or false");
    if (value == null) {
      return fallback;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw node.error("true or false", node.describe());
    };
  }

  /** The longest duration any setting accepts: ten years (beyond, instants overflow). */
  public static final Duration MAX_DURATION = Duration.ofDays(3650);

  public Duration duration(String key, Duration fallback) {
    ConfigNode node = get(key);
    String value = node.text("a duration like 250ms, 30s, 5m, 3h or 7d");
    if (value == null) {
      return fallback;
    }
    Duration parsed;
    try {
      parsed = Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw node.error(e.getMessage(), node.describe());
    }
    if (parsed.compareTo(MAX_DURATION) > 0) {
      throw node.error("a duration of at most 3650d", node.describe());
    }
    return parsed;
  }

  /** A size in bytes: a number, optionally with B, KB, MB, GB (powers of 1000) or KiB, MiB, GiB. */
  public long size(String key, long fallback, long min, long max) {
    ConfigNode node = get(key);
    String expected = "a size like 1048576, 512KiB or 1MiB, from " + min + " to " + max + " bytes";
    String value = node.text(expected);
    if (value == null) {
      return fallback;
    }
    Matcher matcher = SIZE.matcher(value.trim());
    if (!matcher.matches() || matcher.group(1).length() > 15) {
      throw node.error(expected, node.describe());
    }
    long unit = switch (matcher.group(2) == null ? "B" : matcher.group(2)) {
      case "KB" -> 1000L;
      case "MB" -> 1000L * 1000;
      case "GB" -> 1000L * 1000 * 1000;
      case "KiB" -> 1024L;
      case "MiB" -> 1024L * 1024;
      case "GiB" -> 1024L * 1024 * 1024;
      default -> 1L;
    };
    long bytes;
    try {
      bytes = Math.multiplyExact(Long.parseLong(matcher.group(1)), unit);
    } catch (ArithmeticException e) {
      throw node.error(expected, node.describe());
    }
    if (bytes < min || bytes > max) {
      throw node.error(expected, value);
    }
    return bytes;
  }

  /** One of the given words. */
  public String oneOf(String key, String fallback, List<String> choices) {
    ConfigNode node = get(key);
    String expected = "one of " + String.join(", ", choices);
    String value = node.text(expected);
    if (value == null) {
      return fallback;
    }
    if (!choices.contains(value)) {
      throw node.error(expected, node.describe() + suggestion(value, choices));
    }
    return value;
  }

  /** A list; an absent key reads as an empty list. */
  public List<ConfigNode> list(String key) {
    ConfigNode node = get(key);
    if (node.isNull()) {
      return List.of();
    }
    if (!node.isList()) {
      throw node.error("a list", node.describe());
    }
    return node.items;
  }

  public List<String> strings(String key) {
    List<String> out = new ArrayList<>();
    for (ConfigNode item : list(key)) {
      String value = item.text("a string");
      if (value == null || value.isBlank()) {
        throw item.error("a non-empty string", item.describe());
      }
      out.add(value);
    }
    return out;
  }

  /**
   * @throws ConfigurationException for the first key nobody read, naming the keys that are known here
   *     and the closest one
   */
  public void requireAllRead() {
    if (entries == null) {
      return;
    }
    for (Map.Entry<String, ConfigNode> entry : entries.entrySet()) {
      if (!read.contains(entry.getKey())) {
        List<String> known = new ArrayList<>(read);
        throw entry.getValue().error(known.isEmpty() ? "no settings here" : "one of the keys " + String.join(", ", known),
            "the unknown key \"" + entry.getKey() + "\"" + suggestion(entry.getKey(), known));
      }
    }
  }

  /** The value as plain Java data (strings, lists, maps), for a plugin's own options. */
  public Object toPlain() {
    if (entries != null) {
      Map<String, Object> out = new LinkedHashMap<>();
      entries.forEach((key, value) -> out.put(key, value.toPlain()));
      return out;
    }
    if (items != null) {
      List<Object> out = new ArrayList<>(items.size());
      items.forEach(item -> out.add(item.toPlain()));
      return out;
    }
    return text;
  }

  private void requireMapping() {
    if (entries == null) {
      throw error("a mapping of settings", describe());
    }
  }

  String childPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** " (did you mean \"port\"?)" when a known word is within two edits, else "". */
  static String suggestion(String word, List<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String candidate : known) {
      int distance = distance(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best == null ? "" : " (did you mean \"" + best + "\"?)";
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
