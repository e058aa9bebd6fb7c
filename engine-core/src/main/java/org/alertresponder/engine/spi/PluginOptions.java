package org.alertresponder.engine.spi;

import org.alertresponder.engine.api.Durations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A plugin's own options, read strictly: each getter names the option's full path in its error, and
 * {@link #requireAllRead()} (called by the launcher after the plugin is created) refuses any option the
 * plugin did not read, so a typo stops start-up instead of being ignored.
 */
public final class PluginOptions {
  private static final java.util.regex.Pattern SIZE =
      java.util.regex.Pattern.compile("(\\d+)\\s*(B|KB|MB|GB|KiB|MiB|GiB)?", java.util.regex.Pattern.CASE_INSENSITIVE);
  private final String path;
  private final Map<String, Object> values;
  private final Set<String> read = new LinkedHashSet<>();

  /**
   * @param path   where these options sit in the configuration, e.g. {@code emitters[1].options}
   * @param values the options as parsed (strings, numbers, booleans, lists, maps)
   */
  public PluginOptions(String path, Map<String, Object> values) {
    this.path = path;
    this.values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public static PluginOptions empty(String path) {
    return new PluginOptions(path, Map.of());
  }

  public String path() {
    return path;
  }

  public String pathOf(String key) {
    return path + "." + key;
  }

  public boolean has(String key) {
    read.add(key);
    return values.containsKey(key) && values.get(key) != null;
  }

  public String string(String key, String fallback) {
    Object value = take(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    throw new ConfigurationException(pathOf(key), "a string", describe(value));
  }

  public String requiredString(String key) {
    String value = string(key, null);
    if (value == null || value.isBlank()) {
      throw new ConfigurationException(pathOf(key), "a non-empty string", value == null ? "nothing" : "\"\"");
    }
    return value;
  }

  public int integer(String key, int fallback, int min, int max) {
    Object value = take(key);
    if (value == null) {
      return fallback;
    }
    long number;
    if (value instanceof Integer || value instanceof Long) {
      number = ((Number) value).longValue();
    } else if (value instanceof String text && text.matches("-?\\d{1,18}")) {
      number = Long.parseLong(text);
    } else {
      throw new ConfigurationException(pathOf(key), "a whole number from " + min + " to " + max, describe(value));
    }
    if (number < min || number > max) {
      throw new ConfigurationException(pathOf(key), "a whole number from " + min + " to " + max, String.valueOf(number));
    }
    return (int) number;
  }

  public boolean bool(String key, boolean fallback) {
    Object value = take(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if ("true".equals(value) || "false".equals(value)) {
      return Boolean.parseBoolean((String) value);
    }
    throw new ConfigurationException(pathOf(key), "true or false", describe(value));
  }

  public Duration duration(String key, Duration fallback) {
    Object value = take(key);
    if (value == null) {
      return fallback;
    }
    try {
      return Durations.parse(String.valueOf(value));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(pathOf(key), e.getMessage(), describe(value));
    }
  }

  /**
   * A size: a number of bytes, or a number with a unit: {@code KiB}, {@code MiB}, {@code GiB} (powers of
   * 1024), {@code KB}, {@code MB}, {@code GB} (powers of 1000) or {@code B}, as {@code 100MiB}.
   */
  public long size(String key, long fallback, long min, long max) {
    Object value = take(key);
    if (value == null) {
      return fallback;
    }
    String expected = "a size from " + min + " to " + max + " bytes, such as 100MiB, 512KiB or 1GiB";
    long bytes = -1;
    if (value instanceof Integer || value instanceof Long) {
      bytes = ((Number) value).longValue();
    } else if (value instanceof String text) {
      java.util.regex.Matcher matcher = SIZE.matcher(text.strip());
      if (matcher.matches() && matcher.group(1).length() <= 15) {
        long unit = switch (matcher.group(2) == null ? "b" : matcher.group(2).toLowerCase(java.util.Locale.ROOT)) {
          case "kb" -> 1000L;
          case "mb" -> 1000L * 1000;
          case "gb" -> 1000L * 1000 * 1000;
          case "kib" -> 1024L;
          case "mib" -> 1024L * 1024;
          case "gib" -> 1024L * 1024 * 1024;
          default -> 1L;
        };
        long number = Long.parseLong(matcher.group(1));
        bytes = number > Long.MAX_VALUE / unit ? Long.MAX_VALUE : number * unit;
      }
    }
    if (bytes < min || bytes > max) {
      throw new ConfigurationException(pathOf(key), expected, describe(value));
    }
    return bytes;
  }

  public List<String> strings(String key, List<String> fallback) {
    Object value = take(key);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof List<?> list)) {
      throw new ConfigurationException(pathOf(key), "a list of strings", describe(value));
    }
    List<String> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      Object item = list.get(i);
      if (!(item instanceof String s)) {
        throw new ConfigurationException(pathOf(key) + "[" + i + "]", "a string", describe(item));
      }
      out.add(s);
    }
    return out;
  }

  /** A map of strings (such as HTTP headers). */
  public Map<String, String> stringMap(String key) {
    Object value = take(key);
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new ConfigurationException(pathOf(key), "a map of strings", describe(value));
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      Object item = entry.getValue();
      if (!(item instanceof String || item instanceof Number || item instanceof Boolean)) {
        throw new ConfigurationException(pathOf(key) + "." + entry.getKey(), "a string", describe(item));
      }
      out.put(String.valueOf(entry.getKey()), String.valueOf(item));
    }
    return out;
  }

  /** The raw value (a map, list or scalar), for options with their own structure. */
  public Object raw(String key) {
    return take(key);
  }

  /**
   * @throws ConfigurationException naming the first option that no getter read
   */
  public void requireAllRead() {
    for (String key : values.keySet()) {
      if (!read.contains(key)) {
        Set<String> known = new TreeSet<>(read);
        throw new ConfigurationException(pathOf(key), known.isEmpty() ? "no options for this plugin"
            : "one of the options " + String.join(", ", known), "the unknown option \"" + key + "\"");
      }
    }
  }

  private Object take(String key) {
    read.add(key);
    return values.get(key);
  }

  /** How a found value reads in an error message. */
  public static String describe(Object value) {
    if (value == null) {
      return "nothing";
    }
    if (value instanceof String s) {
      return "\"" + (s.length() > 64 ? s.substring(0, 61) + "..." : s) + "\"";
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    if (value instanceof Map<?, ?>) {
      return "a map";
    }
    return value.toString();
  }
}
