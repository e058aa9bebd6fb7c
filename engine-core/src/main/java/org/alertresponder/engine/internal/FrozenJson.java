package org.alertresponder.engine.internal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.UnaryOperator;

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
    Map<String, Object> source = object.getMap();
    if (source.size() <= SmallFrozenMap.MAX_SIZE) {
      return new JsonObject(SmallFrozenMap.of(source, FrozenJson::freeze));
    }
    Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, source.size() * 2));
    for (Map.Entry<String, Object> entry : source.entrySet()) {
      copy.put(entry.getKey(), freeze(entry.getValue()));
    }
    return new JsonObject(new WrappedFrozenMap(copy));
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
    if (map.size() <= SmallFrozenMap.MAX_SIZE) {
      return new JsonObject(SmallFrozenMap.of(map, FrozenJson::adoptValue));
    }
    for (Map.Entry<String, Object> entry : map.entrySet()) {
      entry.setValue(adoptValue(entry.getValue()));
    }
    return new JsonObject(new WrappedFrozenMap(map));
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
  private abstract static class FrozenMap extends AbstractMap<String, Object> {
  }

  /**
   * A frozen object of a few fields, as two arrays in field order, read by scanning. Most frozen objects
   * are small (a finding's content, a timer's payload) and a report keeps them while it is open: a linked
   * hash map of two fields weighs about 230 bytes with its wrappers, this about 100.
   */
  private static final class SmallFrozenMap extends FrozenMap {
    static final int MAX_SIZE = 8;

    private final String[] keys;
    private final Object[] values;

    private SmallFrozenMap(String[] keys, Object[] values) {
      this.keys = keys;
      this.values = values;
    }

    static SmallFrozenMap of(Map<String, Object> source, UnaryOperator<Object> frozen) {
      String[] keys = new String[source.size()];
      Object[] values = new Object[keys.length];
      int i = 0;
      for (Map.Entry<String, Object> entry : source.entrySet()) {
        keys[i] = entry.getKey();
        values[i] = frozen.apply(entry.getValue());
        i++;
      }
      return new SmallFrozenMap(keys, values);
    }

    private int indexOf(Object key) {
      for (int i = 0; i < keys.length; i++) {
        if (keys[i].equals(key)) {
          return i;
        }
      }
      return -1;
    }

    @Override
    public Object get(Object key) {
      int at = indexOf(key);
      return at < 0 ? null : values[at];
    }

    @Override
    public boolean containsKey(Object key) {
      return indexOf(key) >= 0;
    }

    @Override
    public int size() {
      return keys.length;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, Object>> iterator() {
          return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
              return next < keys.length;
            }

            @Override
            public Entry<String, Object> next() {
              if (next >= keys.length) {
                throw new NoSuchElementException();
              }
              int at = next++;
              return new SimpleImmutableEntry<>(keys[at], values[at]);
            }
          };
        }

        @Override
        public int size() {
          return keys.length;
        }
      };
    }
  }

  /** A frozen object of many fields: an unmodifiable view of a linked hash map nobody else holds. */
  private static final class WrappedFrozenMap extends FrozenMap {
    private final Map<String, Object> map;

    WrappedFrozenMap(Map<String, Object> map) {
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
