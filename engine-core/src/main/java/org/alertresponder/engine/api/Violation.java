package org.alertresponder.engine.api;

/**
 * One broken rule of one field of an input.
 *
 * @param path    where, e.g. {@code attributes[2].value} ({@code $} for the whole input)
 * @param rule    which rule, one of the constants here
 * @param limit   the limit the rule enforces (a length, a count, a size in bytes), or null
 * @param message what is wrong and what is expected, in a sentence
 */
public record Violation(String path, String rule, Long limit, String message) {
  public static final String REQUIRED = "required";
  public static final String NOT_BLANK = "not_blank";
  public static final String TYPE = "type";
  public static final String MAX_LENGTH = "max_length";
  public static final String MAX_ITEMS = "max_items";
  public static final String MAX_BYTES = "max_bytes";
  public static final String PATTERN = "pattern";
  public static final String FORMAT = "format";

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
