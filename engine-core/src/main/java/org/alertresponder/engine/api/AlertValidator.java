package org.alertresponder.engine.api;

import org.alertresponder.engine.internal.AttributeFormats;
import org.alertresponder.engine.internal.FrozenJson;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules every alert must meet (DESIGN §2), each broken rule reported once with the field's path,
 * the rule and its limit, and the normalisation applied to accepted alerts.
 */
public final class AlertValidator {
  public static final int MAX_TEXT = 1024;
  public static final int MAX_DESCRIPTION = 4096;
  public static final int MAX_ATTRIBUTES = 100;
  public static final int MAX_CONTEXT_WORDS = 16;
  public static final int MAX_BODY_BYTES = 64 * 1024;
  /** Lower-case custom attribute types; the known ones match it too. */
  public static final Pattern TYPE_PATTERN = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");
  /** Lower-case context words. */
  public static final Pattern CONTEXT_PATTERN = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

  private AlertValidator() {
  }

  /** Every rule the alert breaks, in field order; empty when it is valid. */
  public static List<Violation> violations(Alert alert) {
    List<Violation> out = new ArrayList<>();
    requiredText(out, "detector", alert.detector(), MAX_TEXT);
    requiredText(out, "rule_id", alert.ruleId(), MAX_TEXT);
    optionalText(out, "rule_name", alert.ruleName(), MAX_TEXT);
    optionalText(out, "alert_key", alert.alertKey(), MAX_TEXT);
    optionalText(out, "description", alert.description(), MAX_DESCRIPTION);
    List<Attribute> attributes = alert.attributes();
    if (attributes.size() > MAX_ATTRIBUTES) {
      out.add(new Violation("attributes", Violation.MAX_ITEMS, (long) MAX_ATTRIBUTES,
          "must have at most " + MAX_ATTRIBUTES + " attributes, has " + attributes.size()));
    } else {
      for (int i = 0; i < attributes.size(); i++) {
        attribute(out, "attributes[" + i + "]", attributes.get(i));
      }
    }
    if (FrozenJson.hasNonFiniteNumber(alert.body())) {
      out.add(new Violation("body", Violation.FORMAT, null,
          "must not hold a number beyond the range of a double (such as 1e400)"));
    } else if (alert.body() != null) {
      int size = FrozenJson.encodedSize(alert.body());
      if (size > MAX_BODY_BYTES) {
        out.add(new Violation("body", Violation.MAX_BYTES, (long) MAX_BODY_BYTES,
            "must be at most " + MAX_BODY_BYTES + " bytes of JSON, is " + size));
      }
    }
    return out;
  }

  /** Every rule the attribute breaks, with paths under {@code path}. */
  public static List<Violation> violations(String path, Attribute attribute) {
    List<Violation> out = new ArrayList<>();
    attribute(out, path, attribute);
    return out;
  }

  /**
   * The alert in canonical form: deepalert's {@code filehashvalue} becomes {@code filehash}; domains
   * are lower-cased without a final dot; IPv6 addresses take their RFC 5952 form; file hashes are
   * lower-cased. Equal things then hash alike, so they are inspected once.
   */
  public static Alert normalize(Alert alert) {
    List<Attribute> normalized = new ArrayList<>(alert.attributes().size());
    boolean changed = false;
    for (Attribute attribute : alert.attributes()) {
      Attribute n = normalize(attribute);
      changed |= n != attribute;
      normalized.add(n);
    }
    return changed ? alert.withAttributes(normalized) : alert;
  }

  public static Attribute normalize(Attribute attribute) {
    String type = attribute.type();
    String value = attribute.value();
    if (Attribute.FILEHASH_DEEPALERT.equals(type)) {
      type = Attribute.FILEHASH;
    }
    switch (type) {
      case Attribute.DOMAIN -> {
        value = value.toLowerCase(Locale.ROOT);
        if (value.endsWith(".")) {
          value = value.substring(0, value.length() - 1);
        }
      }
      case Attribute.IPADDR -> {
        String canonical = AttributeFormats.canonicalIpv6(value);
        value = canonical != null ? canonical : value;
      }
      case Attribute.FILEHASH -> value = value.toLowerCase(Locale.ROOT);
      default -> {
      }
    }
    if (type.equals(attribute.type()) && value.equals(attribute.value())) {
      return attribute;
    }
    return new Attribute(type, attribute.key(), value, attribute.context(), attribute.timestamp());
  }

  private static void attribute(List<Violation> out, String path, Attribute attribute) {
    if (attribute == null) {
      out.add(new Violation(path, Violation.REQUIRED, null, "must be an attribute object, was null"));
      return;
    }
    String type = attribute.type();
    if (type == null) {
      out.add(new Violation(path + ".type", Violation.REQUIRED, null, "is required"));
    } else if (!TYPE_PATTERN.matcher(type).matches()) {
      out.add(new Violation(path + ".type", Violation.PATTERN, 64L,
          "must be a known type (ipaddr, domain, username, filehash, url, json) or a lower-case word of at most 64 "
              + "characters matching [a-z][a-z0-9_.-]*, was \"" + clip(type) + "\""));
    }
    optionalText(out, path + ".key", attribute.key(), MAX_TEXT);
    String value = attribute.value();
    if (value == null) {
      out.add(new Violation(path + ".value", Violation.REQUIRED, null, "is required"));
    } else if (value.isBlank()) {
      out.add(new Violation(path + ".value", Violation.NOT_BLANK, null, "must not be blank"));
    } else if (value.codePointCount(0, value.length()) > MAX_TEXT) {
      out.add(tooLong(path + ".value", value, MAX_TEXT));
    } else if (type != null) {
      String problem = formatProblem(type, value);
      if (problem != null) {
        out.add(new Violation(path + ".value", Violation.FORMAT, null, problem + ", was \"" + clip(value) + "\""));
      }
    }
    List<String> context = attribute.context();
    if (context.size() > MAX_CONTEXT_WORDS) {
      out.add(new Violation(path + ".context", Violation.MAX_ITEMS, (long) MAX_CONTEXT_WORDS,
          "must have at most " + MAX_CONTEXT_WORDS + " words, has " + context.size()));
      return;
    }
    for (int i = 0; i < context.size(); i++) {
      String word = context.get(i);
      String wordPath = path + ".context[" + i + "]";
      if (word == null) {
        out.add(new Violation(wordPath, Violation.REQUIRED, null, "must be a word, was null"));
      } else if (!CONTEXT_PATTERN.matcher(word).matches()) {
        out.add(new Violation(wordPath, Violation.PATTERN, 64L,
            "must be a lower-case word of at most 64 characters (remote, local, subject, object, client, server, "
                + "file, additional or your own), was \"" + clip(word) + "\""));
      }
    }
  }

  /** Why the value is not valid for its type, or null when it is (or the type is custom). */
  private static String formatProblem(String type, String value) {
    return switch (type) {
      case Attribute.IPADDR -> AttributeFormats.isIpAddress(value) ? null : "must be an IPv4 or IPv6 address";
      case Attribute.DOMAIN -> AttributeFormats.isDomain(value) ? null
          : "must be a host name (labels of letters, digits, '-' or '_', at most 63 characters each, "
              + "253 in all; internationalised names in punycode)";
      case Attribute.FILEHASH, Attribute.FILEHASH_DEEPALERT -> AttributeFormats.isFileHash(value) ? null
          : "must be an MD5, SHA-1 or SHA-256 hash: 32, 40 or 64 hex digits";
      case Attribute.URL -> AttributeFormats.isUrl(value) ? null
          : "must be an absolute URL with a scheme (and a host for http, https, ftp, ws and wss)";
      case Attribute.JSON -> AttributeFormats.isJson(value) ? null : "must be a JSON document";
      default -> null;
    };
  }

  private static void requiredText(List<Violation> out, String path, String value, int max) {
    if (value == null) {
      out.add(new Violation(path, Violation.REQUIRED, null, "is required"));
    } else if (value.isBlank()) {
      out.add(new Violation(path, Violation.NOT_BLANK, null, "must not be blank"));
    } else if (value.codePointCount(0, value.length()) > max) {
      out.add(tooLong(path, value, max));
    }
  }

  private static void optionalText(List<Violation> out, String path, String value, int max) {
    if (value != null && value.codePointCount(0, value.length()) > max) {
      out.add(tooLong(path, value, max));
    }
  }

  private static Violation tooLong(String path, String value, int max) {
    return new Violation(path, Violation.MAX_LENGTH, (long) max,
        "must be at most " + max + " characters, has " + value.codePointCount(0, value.length()));
  }

  /** Quotes at most 64 characters of a rejected value, so an error never echoes a huge input. */
  private static String clip(String value) {
    return value.length() <= 64 ? value : value.substring(0, 61) + "...";
  }
}
