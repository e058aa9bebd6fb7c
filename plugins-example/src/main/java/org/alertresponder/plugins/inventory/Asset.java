package org.alertresponder.plugins.inventory;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;

/**
 * One host of the asset inventory: its addresses (in canonical form), its host names (lower case, without
 * a final dot) and whatever else the inventory says about it, each field a list as in deepalert's host
 * content.
 *
 * @param fields the values per field name ({@code ip}, {@code hostname}, {@code owner}, {@code os},
 *               {@code team}), in that order, with only the fields that have a value
 */
record Asset(Map<String, List<String>> fields) {
  Asset {
    fields = Map.copyOf(fields);
  }

  List<String> ips() {
    return fields.getOrDefault(FieldMapping.IP, List.of());
  }

  List<String> hostnames() {
    return fields.getOrDefault(FieldMapping.HOSTNAME, List.of());
  }

  /**
   * deepalert's host content: {@code ipaddr}, {@code hostname}, {@code owner}, {@code os}, plus
   * {@code team}, which deepalert does not have; fields without a value are left out.
   */
  JsonObject toHostContent() {
    JsonObject content = new JsonObject();
    for (String field : FieldMapping.ASSET_FIELDS) {
      List<String> values = fields.get(field);
      if (values != null && !values.isEmpty()) {
        content.put(field.equals(FieldMapping.IP) ? "ipaddr" : field, new JsonArray(List.copyOf(values)));
      }
    }
    return content;
  }
}
