package org.alertresponder.plugins.inventory;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvRecordsTest {
  @Test
  void quotedFieldsHoldCommasQuotesAndLineBreaks() {
    List<CsvRecords.CsvRecord> records = CsvRecords.read(
        "\uFEFFa,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\n1,,\"\"\n");

    assertThat(records).containsExactly(
        new CsvRecords.CsvRecord(1, List.of("a", "b", "c")),
        new CsvRecords.CsvRecord(2, List.of("x, y", "say \"hi\"", "two\nlines")),
        new CsvRecords.CsvRecord(5, List.of("1", "", "")));
  }

  @Test
  void theLastRecordNeedsNoLineBreak() {
    assertThat(CsvRecords.read("a\n1")).extracting(CsvRecords.CsvRecord::fields)
        .containsExactly(List.of("a"), List.of("1"));
  }

  @Test
  void strayQuotesAreRefusedWithTheirLine() {
    assertThatThrownBy(() -> CsvRecords.read("a,b\n1,x\"y\n")).isInstanceOf(InventoryFileException.class)
        .hasMessageStartingWith("line 2:");
    assertThatThrownBy(() -> CsvRecords.read("a,b\n\"1\"x,y\n")).isInstanceOf(InventoryFileException.class)
        .hasMessageStartingWith("line 2:");
    assertThatThrownBy(() -> CsvRecords.read("a,b\n1,\"open\n\n")).isInstanceOf(InventoryFileException.class)
        .hasMessageStartingWith("line 2:");
  }
}
