package org.alertresponder.engine.internal;

import org.alertresponder.engine.api.Violation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Orders an alert's violations as its fields appear in the wire model (detector, rule_id, ...,
 * attributes[0].type, attributes[0].value, ..., body), whichever check found them, so an error lists
 * problems in the order a reader of the alert meets them. The sort is stable: violations of one field
 * keep their order.
 */
public final class ViolationOrder {
  private static final List<String> ALERT_FIELDS = List.of("$", "detector", "rule_id", "rule_name", "alert_key",
      "description", "timestamp", "attributes", "body");
  private static final List<String> ATTRIBUTE_FIELDS = List.of("type", "key", "value", "context", "timestamp");

  private ViolationOrder() {
  }

  /** A comparator for violations whose paths all start with {@code prefix} (e.g. "[3]." in a batch). */
  public static Comparator<Violation> forPrefix(String prefix) {
    return (a, b) -> compare(tokens(strip(a.path(), prefix)), tokens(strip(b.path(), prefix)));
  }

  private static String strip(String path, String prefix) {
    return !prefix.isEmpty() && path.startsWith(prefix) ? path.substring(prefix.length()) : path;
  }

  /** "attributes[2].context[1]" becomes ["attributes", 2, "context", 1]. */
  private static List<Object> tokens(String path) {
    List<Object> out = new ArrayList<>(4);
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '.' || c == '[') {
        if (name.length() > 0) {
          out.add(name.toString());
          name.setLength(0);
        }
        if (c == '[') {
          int end = path.indexOf(']', i);
          out.add(Integer.parseInt(path.substring(i + 1, end)));
          i = end;
        }
      } else {
        name.append(c);
      }
    }
    if (name.length() > 0) {
      out.add(name.toString());
    }
    return out;
  }

  private static int compare(List<Object> a, List<Object> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int byToken = compareToken(a.get(i), b.get(i), i == 0 ? ALERT_FIELDS : ATTRIBUTE_FIELDS);
      if (byToken != 0) {
        return byToken;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static int compareToken(Object a, Object b, List<String> fieldOrder) {
    if (a instanceof Integer x && b instanceof Integer y) {
      return Integer.compare(x, y);
    }
    return Integer.compare(rank(a, fieldOrder), rank(b, fieldOrder));
  }

  private static int rank(Object token, List<String> fieldOrder) {
    int index = token instanceof String name ? fieldOrder.indexOf(name) : -1;
    return index < 0 ? fieldOrder.size() : index;
  }
}
