package org.alertresponder.engine.api;

import org.alertresponder.engine.internal.Hashing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * Something an alert or an inspector names: an IP address, a domain, a user, a file hash, a URL.
 *
 * <p>Wire names: {@code type}, {@code key} (what the value is, in the detector's words, e.g.
 * "source address"), {@code value}, {@code context} (e.g. {@code remote}, {@code client}) and an
 * optional {@code timestamp}.
 *
 * @param type      {@link #IPADDR}, {@link #DOMAIN}, {@link #USERNAME}, {@link #FILEHASH}, {@link #URL},
 *                  {@link #JSON} or a custom lower-case type
 * @param key       a label for the value; may be empty
 * @param value     the value itself
 * @param context   lower-case words that place the value ({@code remote}, {@code local}, ...)
 * @param timestamp when the value was observed, or null
 */
public record Attribute(String type, String key, String value, List<String> context, Instant timestamp) {
  public static final String IPADDR = "ipaddr";
  public static final String DOMAIN = "domain";
  public static final String USERNAME = "username";
  public static final String FILEHASH = "filehash";
  /** deepalert's spelling of {@link #FILEHASH}; accepted on input and stored as {@code filehash}. */
  public static final String FILEHASH_DEEPALERT = "filehashvalue";
  public static final String URL = "url";
  public static final String JSON = "json";

  public static final String REMOTE = "remote";
  public static final String LOCAL = "local";
  public static final String SUBJECT = "subject";
  public static final String OBJECT = "object";
  public static final String CLIENT = "client";
  public static final String SERVER = "server";
  public static final String FILE = "file";
  public static final String ADDITIONAL = "additional";

  /** The one-word contexts of the known words, shared by every attribute that has one of them alone. */
  private static final List<List<String>> KNOWN_CONTEXTS = Stream.of(REMOTE, LOCAL, SUBJECT, OBJECT, CLIENT, SERVER,
      FILE, ADDITIONAL).map(List::of).toList();

  public Attribute {
    key = key == null ? "" : key;
    context = context == null ? List.of() : immutableContext(context);
  }

  /** Whether the list holds a null; an immutable list's own {@code contains(null)} throws instead. */
  static boolean hasNull(List<?> list) {
    for (Object item : list) {
      if (item == null) {
        return true;
      }
    }
    return false;
  }

  /**
   * An immutable copy of the context: a shared list for a known word alone (most attributes have one word, and
   * an alert storm keeps many attributes), a compact copy otherwise. A decoded attribute may hold nulls (words
   * that were not strings) for the validator to report, which {@code List.copyOf} refuses.
   */
  private static List<String> immutableContext(List<String> context) {
    if (context.size() == 1 && context.get(0) != null) {
      String word = context.get(0);
      for (List<String> known : KNOWN_CONTEXTS) {
        if (known.get(0).equals(word)) {
          return known;
        }
      }
    }
    return hasNull(context) ? Collections.unmodifiableList(new ArrayList<>(context)) : List.copyOf(context);
  }

  public static Attribute of(String type, String key, String value, String... context) {
    return new Attribute(type, key, value, List.of(context), null);
  }

  /**
   * SHA-256 over the length-prefixed type, key, value and the sorted context words (a count, then
   * each word). The timestamp is not part of it, so the same value seen twice is inspected once per
   * report.
   */
  public String hash() {
    List<String> sorted = new ArrayList<>(context);
    sorted.sort(null);
    Hashing hashing = Hashing.start().field(type).field(key).field(value).count(sorted.size());
    for (String word : sorted) {
      hashing.field(word);
    }
    return hashing.hex();
  }

  /** True when the attribute carries the given context word. */
  public boolean hasContext(String word) {
    return context.contains(word);
  }

  public Attribute withTimestamp(Instant newTimestamp) {
    return new Attribute(type, key, value, context, newTimestamp);
  }
}
