package org.alertresponder.engine.internal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;

/**
 * Deep, unmodifiable copies of JSON values.
 *
 * <p>Model records hold free-form JSON (an alert's {@code body}, a finding's {@code content}). Vert.x's
 * {@link JsonObject} is mutable, so the records keep a frozen copy: a {@code JsonObject} over an
 * unmodifiable map whose nested values are frozen too. Reading works as usual; any attempt to modify
 * throws {@link UnsupportedOperationException}, so a message passed between verticles cannot change
 * under another reader's feet.
 */
public final class FrozenJson {
  private FrozenJson() {
  }

  /** A frozen copy of {@code value}: null, String, Boolean, Number, JsonObject, JsonArray, Map or List. */
  public static Object freeze(Object value) {
    if (value instanceof JsonObject object) {
      return freezeObject(object);
    }
    if (value instanceof JsonArray array) {
      return freezeArray(array);
    }
    if (value instanceof Map<?, ?> map) {
      return freezeObject(new JsonObject(castMap(map)));
    }
    if (value instanceof List<?> list) {
      return freezeArray(new JsonArray(new ArrayList<>(list)));
    }
    return value;
  }

  /** A frozen copy of the object, or the object itself when it is frozen already. */
  public static JsonObject freezeObject(JsonObject object) {
    if (object == null || object.getMap() instanceof FrozenMap) {
      return object;
    }
    Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, object.size() * 2));
    for (Map.Entry<String, Object> entry : object.getMap().entrySet()) {
      copy.put(entry.getKey(), freeze(entry.getValue()));
    }
    return new JsonObject(new FrozenMap(copy));
  }

  /**
   * Freezes JSON that the caller has just built and hands over: its maps and lists are wrapped where they
   * are instead of copied, which saves the copy on every timer and work item the engine writes. The caller
   * must not keep {@code object}, nor any JSON value inside it, since changes through them would show
   * through the frozen result.
   */
  public static JsonObject adopt(JsonObject object) {
    if (object == null || object.getMap() instanceof FrozenMap) {
      return object;
    }
    Map<String, Object> map = object.getMap();
    for (Map.Entry<String, Object> entry : map.entrySet()) {
      entry.setValue(adoptValue(entry.getValue()));
    }
    return new JsonObject(new FrozenMap(map));
  }

  private static Object adoptValue(Object value) {
    if (value instanceof JsonObject object) {
      return adopt(object);
    }
    if (value instanceof JsonArray array) {
      if (array.getList() instanceof FrozenList) {
        return array;
      }
      List<Object> list = array.getList();
      for (int i = 0; i < list.size(); i++) {
        list.set(i, adoptValue(list.get(i)));
      }
      return new JsonArray(new FrozenList(list));
    }
    // Maps and lists that are not JSON values yet are rare in what the engine builds: copy those.
    return freeze(value);
  }

  /** A frozen copy of the array, or the array itself when it is frozen already. */
  public static JsonArray freezeArray(JsonArray array) {
    if (array == null || array.getList() instanceof FrozenList) {
      return array;
    }
    List<Object> copy = new ArrayList<>(array.size());
    for (Object item : array.getList()) {
      copy.add(freeze(item));
    }
    return new JsonArray(new FrozenList(copy));
  }

  /**
   * The map of a frozen object. Its type marks that everything in it is frozen too, so freezing it again
   * (a record built from another record's payload) costs nothing instead of a deep copy.
   */
  private static final class FrozenMap extends AbstractMap<String, Object> {
    private final Map<String, Object> map;

    FrozenMap(Map<String, Object> map) {
      this.map = Collections.unmodifiableMap(map);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return map.entrySet();
    }

    @Override
    public Object get(Object key) {
      return map.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return map.containsKey(key);
    }

    @Override
    public int size() {
      return map.size();
    }
  }

  /** The list of a frozen array; see {@link FrozenMap}. */
  private static final class FrozenList extends AbstractList<Object> implements RandomAccess {
    private final List<Object> list;

    FrozenList(List<Object> list) {
      this.list = list;
    }

    @Override
    public Object get(int index) {
      return list.get(index);
    }

    @Override
    public int size() {
      return list.size();
    }
  }

  /**
   * True when the value holds a number JSON cannot write back (infinite or not a number, as a parser
   * makes of {@code 1e400}); such a value would make every later encoding invalid JSON.
   */
  public static boolean hasNonFiniteNumber(Object value) {
    if (value instanceof Double d) {
      return !Double.isFinite(d);
    }
    if (value instanceof Float f) {
      return !Float.isFinite(f);
    }
    if (value instanceof JsonObject object) {
      for (Object item : object.getMap().values()) {
        if (hasNonFiniteNumber(item)) {
          return true;
        }
      }
    } else if (value instanceof JsonArray array) {
      for (Object item : array.getList()) {
        if (hasNonFiniteNumber(item)) {
          return true;
        }
      }
    } else if (value instanceof Map<?, ?> map) {
      for (Object item : map.values()) {
        if (hasNonFiniteNumber(item)) {
          return true;
        }
      }
    } else if (value instanceof List<?> list) {
      for (Object item : list) {
        if (hasNonFiniteNumber(item)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The number of UTF-8 bytes of the value's compact JSON encoding. */
  public static int encodedSize(Object value) {
    return encode(value).getBytes(StandardCharsets.UTF_8).length;
  }

  /** Compact JSON text of any JSON value. */
  public static String encode(Object value) {
    if (value instanceof JsonObject object) {
      return object.encode();
    }
    if (value instanceof JsonArray array) {
      return array.encode();
    }
    return io.vertx.core.json.Json.encode(value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }
}
