package org.alertresponder.engine.internal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrozenJsonTest {
  private static JsonObject sample() {
    return new JsonObject().put("name", "whois").put("count", 3)
        .put("nested", new JsonObject().put("list", new JsonArray().add(1).add(new JsonObject().put("x", "y"))))
        .put("map", Map.of("k", "v"));
  }

  @Test
  void aFrozenCopyReadsAndEncodesLikeTheOriginalAndDoesNotFollowItsChanges() {
    JsonObject original = sample();
    JsonObject frozen = FrozenJson.freezeObject(original);
    assertThat(frozen).isEqualTo(original);
    assertThat(frozen.encode()).isEqualTo(original.encode());
    assertThat(frozen.getJsonObject("nested").getJsonArray("list").getJsonObject(1).getString("x")).isEqualTo("y");
    assertThat(frozen.getJsonObject("map").getString("k")).isEqualTo("v");

    original.put("name", "changed");
    original.getJsonObject("nested").getJsonArray("list").add(2);
    assertThat(frozen.getString("name")).isEqualTo("whois");
    assertThat(frozen.getJsonObject("nested").getJsonArray("list")).hasSize(2);
  }

  @Test
  void nothingInAFrozenValueCanBeChanged() {
    JsonObject frozen = FrozenJson.freezeObject(sample());
    JsonArray list = frozen.getJsonObject("nested").getJsonArray("list");
    assertThatThrownBy(() -> frozen.put("name", "x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> frozen.remove("name")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(frozen::clear).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> frozen.getMap().entrySet().iterator().next().setValue("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> frozen.getJsonObject("nested").put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> list.add(3)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> list.set(0, 3)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> list.remove(0)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> list.getJsonObject(1).put("x", "z")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> frozen.getJsonObject("map").put("k", "w"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void freezingAFrozenValueAgainReturnsItWithoutACopy() {
    JsonObject frozen = FrozenJson.freezeObject(sample());
    assertThat(FrozenJson.freezeObject(frozen)).isSameAs(frozen);
    JsonArray array = frozen.getJsonObject("nested").getJsonArray("list");
    assertThat(FrozenJson.freezeArray(array)).isSameAs(array);
  }

  @Test
  void aValueThatOnlyLooksReadOnlyIsStillCopied() {
    JsonObject mutableInside = new JsonObject().put("inner", new JsonObject().put("a", 1));
    JsonObject wrapped = new JsonObject(java.util.Collections.unmodifiableMap(mutableInside.getMap()));
    JsonObject frozen = FrozenJson.freezeObject(wrapped);
    assertThat(frozen).isNotSameAs(wrapped);
    mutableInside.getJsonObject("inner").put("a", 2);
    assertThat(frozen.getJsonObject("inner").getInteger("a")).isEqualTo(1);
  }

  @Test
  void adoptedJsonIsFrozenThroughoutReadsLikeTheOriginalAndFreezingItAgainCostsNoCopy() {
    JsonObject expected = sample();
    JsonObject adopted = FrozenJson.adopt(sample());

    assertThat(adopted).isEqualTo(expected);
    assertThat(adopted.encode()).isEqualTo(expected.encode());
    JsonArray list = adopted.getJsonObject("nested").getJsonArray("list");
    assertThatThrownBy(() -> adopted.put("name", "x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> list.add(2)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> list.getJsonObject(1).put("x", "z")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> adopted.getJsonObject("map").put("k", "w"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(FrozenJson.freezeObject(adopted)).isSameAs(adopted);
  }

  @Test
  void objectsOfFewAndOfManyFieldsKeepTheirOrderNullsAndLookupsAndRefuseChanges() {
    for (int fields : new int[] {0, 1, 8, 9, 40}) {
      JsonObject original = new JsonObject();
      for (int i = fields - 1; i >= 0; i--) {
        original.put("field-" + i, i % 3 == 0 ? null : "value-" + i);
      }
      for (JsonObject frozen : java.util.List.of(FrozenJson.freezeObject(original.copy()),
          FrozenJson.adopt(original.copy()))) {
        assertThat(frozen.encode()).as("%d fields", fields).isEqualTo(original.encode());
        assertThat(frozen.fieldNames()).containsExactlyElementsOf(original.fieldNames());
        assertThat(frozen).isEqualTo(original);
        assertThat(original).isEqualTo(frozen);
        assertThat(frozen.hashCode()).isEqualTo(original.hashCode());
        assertThat(frozen.size()).isEqualTo(fields);
        for (int i = 0; i < fields; i++) {
          assertThat(frozen.containsKey("field-" + i)).isTrue();
          assertThat(frozen.getValue("field-" + i)).isEqualTo(original.getValue("field-" + i));
        }
        assertThat(frozen.containsKey("absent")).isFalse();
        assertThat(frozen.getValue("absent")).isNull();
        assertThatThrownBy(() -> frozen.put("field-0", "changed")).isInstanceOf(UnsupportedOperationException.class);
        if (fields > 0) {
          assertThatThrownBy(() -> frozen.getMap().entrySet().clear())
              .as("%d fields", fields).isInstanceOfAny(UnsupportedOperationException.class, IllegalStateException.class);
          assertThatThrownBy(() -> frozen.getMap().entrySet().iterator().next().setValue("changed"))
              .isInstanceOf(UnsupportedOperationException.class);
          assertThatThrownBy(() -> frozen.remove("field-0")).isInstanceOf(UnsupportedOperationException.class);
        }
        assertThat(frozen.encode()).isEqualTo(original.encode());
      }
    }
  }
}
