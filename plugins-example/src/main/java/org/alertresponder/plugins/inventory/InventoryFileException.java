package org.alertresponder.plugins.inventory;

/**
 * An inventory file that cannot be used as it is. Says where (a line, or an item of a JSON array), what
 * was expected and what was found, but never quotes the file's text: a directory export may hold data
 * that has no place in logs.
 */
final class InventoryFileException extends RuntimeException {
  private final String where;
  private final String expected;
  private final String found;
  private final String option;

  InventoryFileException(int line, String expected, String found) {
    this("line " + line, expected, found, null);
  }

  /**
   * @param where    "line 3", "item 4", or null for the whole file
   * @param option   the option to blame, relative to the plugin's options (such as {@code asset-fields.ip}),
   *                 or null to blame the option naming the file
   */
  InventoryFileException(String where, String expected, String found, String option) {
    super((where == null ? "" : where + ": ") + "expected " + expected + ", found " + found, null, false, false);
    this.where = where;
    this.expected = expected;
    this.found = found;
    this.option = option;
  }

  String where() {
    return where;
  }

  String expected() {
    return expected;
  }

  String found() {
    return found;
  }

  String option() {
    return option;
  }
}
