package org.alertresponder.plugins.inventory;

import io.vertx.core.json.JsonObject;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One person (or service account) of the user directory.
 *
 * @param fields the values per field name ({@code username}, {@code name}, {@code email}, {@code team},
 *               {@code title}, {@code manager}), with only the fields that have a value
 */
record DirectoryUser(Map<String, String> fields) {
  DirectoryUser {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  String username() {
    return fields.get(FieldMapping.USERNAME);
  }

  /** The content of a {@code user} finding: the directory's fields under their own names. */
  JsonObject toUserContent() {
    JsonObject content = new JsonObject();
    for (String field : FieldMapping.USER_FIELDS) {
      String value = fields.get(field);
      if (value != null) {
        content.put(field, value);
      }
    }
    return content;
  }
}
