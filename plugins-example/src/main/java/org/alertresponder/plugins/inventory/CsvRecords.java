package org.alertresponder.plugins.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records as RFC 4180 describes them: fields separated by commas, optionally in
 * double quotes, a doubled quote inside quotes standing for one, and quoted fields free to hold commas and
 * line breaks. Lines may end with CRLF or LF. Blank lines are skipped, since spreadsheets often leave one
 * at the end.
 */
final class CsvRecords {
  /** One record and the line of the file it starts on (a quoted line break makes a record span lines). */
  record CsvRecord(int line, List<String> fields) {
  }

  private CsvRecords() {
  }

  /**
   * @throws InventoryFileException for a quote that is never closed or text glued to a quoted field,
   *                                naming the line but never quoting the text
   */
  static List<CsvRecord> read(String text) {
    List<CsvRecord> records = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean inQuotes = false;
    boolean fieldWasQuoted = false;
    int line = 1;
    int recordLine = 1;
    int quoteLine = 1;
    int start = text.startsWith("\uFEFF") ? 1 : 0;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inQuotes) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            inQuotes = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append(c);
        }
        continue;
      }
      switch (c) {
        case '"' -> {
          if (field.length() > 0 || fieldWasQuoted) {
            throw new InventoryFileException(line, "a field whose quotes start at its first character",
                "a double quote inside an unquoted field (quote the whole field and double the quote)");
          }
          inQuotes = true;
          fieldWasQuoted = true;
          quoteLine = line;
        }
        case ',' -> {
          fields.add(field.toString());
          field.setLength(0);
          fieldWasQuoted = false;
        }
        case '\r', '\n' -> {
          if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
            i++;
          }
          fields.add(field.toString());
          field.setLength(0);
          fieldWasQuoted = false;
          addUnlessBlank(records, recordLine, fields);
          fields = new ArrayList<>();
          line++;
          recordLine = line;
        }
        default -> {
          if (fieldWasQuoted) {
            throw new InventoryFileException(line, "a comma or the end of the line after a closing quote",
                "more text after the closing quote of a field");
          }
          field.append(c);
        }
      }
    }
    if (inQuotes) {
      throw new InventoryFileException(quoteLine, "a closing double quote for the field opened on this line",
          "the end of the file");
    }
    if (field.length() > 0 || fieldWasQuoted || !fields.isEmpty()) {
      fields.add(field.toString());
      addUnlessBlank(records, recordLine, fields);
    }
    return records;
  }

  private static void addUnlessBlank(List<CsvRecord> records, int line, List<String> fields) {
    if (fields.size() == 1 && fields.get(0).isBlank()) {
      return;
    }
    records.add(new CsvRecord(line, List.copyOf(fields)));
  }
}
