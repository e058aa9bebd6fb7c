package org.alertresponder.adapter.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyedValuesTest {
  /** Words found by their first letter. */
  private static final class ByInitial extends KeyedValues<Character, String> {
    ByInitial() {
      super(1);
    }

    @Override
    Character keyOf(String value) {
      return value.charAt(0);
    }

    @Override
    boolean hasKey(String value, Character key) {
      return value.charAt(0) == key;
    }
  }

  @Test
  void valuesAreFoundByKeyInTheirFirstOrderWhetherScannedOrIndexed() {
    ByInitial values = new ByInitial();
    String letters = "abcdefghijklmnop";
    for (int i = 0; i < letters.length(); i++) {
      char letter = letters.charAt(i);
      assertThat(values.add(letter, letter + "-first")).isTrue();
      assertThat(values.add(letter, letter + "-again")).as("a second value of the same key").isFalse();
      for (int j = 0; j <= i; j++) {
        assertThat(values.get(letters.charAt(j))).as("%d values", i + 1).isEqualTo(letters.charAt(j) + "-first");
      }
      assertThat(values.containsKey('z')).isFalse();
      assertThat(values.size()).isEqualTo(i + 1);
    }
    values.put('c', "c-replaced");
    values.put('q', "q-new");

    assertThat(values.copy()).hasSize(17).startsWith("a-first", "b-first", "c-replaced").endsWith("p-first", "q-new");
    assertThat(values.get('c')).isEqualTo("c-replaced");
    assertThat(values.value(16)).isEqualTo("q-new");
  }

  @Test
  void aFewValuesReplaceEachOtherInPlace() {
    ByInitial values = new ByInitial();
    values.put('a', "a1");
    values.put('b', "b1");
    values.put('a', "a2");

    assertThat(values.copy()).containsExactly("a2", "b1");
  }
}
