package org.alertresponder.engine.internal;

import java.time.Instant;

/**
 * Parses RFC 3339 date-times ("2026-11-27T10:00:00Z", "2026-11-27T11:00:00.5+01:00") without the
 * general-purpose {@code java.time} formatter machinery. Every stored report, timer and delivery carries
 * several timestamps, and decoding them with {@code Instant.parse} was a tenth of the server's CPU at full
 * intake; this reads the fixed layout directly and allocates nothing but the result.
 *
 * <p>It accepts exactly what {@code OffsetDateTime.parse(text, ISO_OFFSET_DATE_TIME)} accepts for RFC 3339
 * text: a four-digit year, seconds required, one to nine fraction digits, and an offset of Z or ±hh:mm up to
 * ±18:00 (T and Z may be lower case). Anything else, including impossible dates like February 30 and leap
 * seconds, is refused with null.
 */
public final class Rfc3339 {
  private static final long MAX_OFFSET_SECONDS = 18 * 3600;

  private Rfc3339() {
  }

  /** The instant the text names, or null when it is not an RFC 3339 date-time with an offset. */
  public static Instant parse(String text) {
    int length = text.length();
    if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || !isT(text.charAt(10))
        || text.charAt(13) != ':' || text.charAt(16) != ':') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month) || hour < 0
        || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    int position = 19;
    int nanos = 0;
    if (text.charAt(position) == '.') {
      int start = ++position;
      while (position < length && position - start < 10 && isDigit(text.charAt(position))) {
        nanos = nanos * 10 + (text.charAt(position) - '0');
        position++;
      }
      int count = position - start;
      if (count < 1 || count > 9) {
        return null;
      }
      for (int i = count; i < 9; i++) {
        nanos *= 10;
      }
    }
    long offsetSeconds;
    if (position == length - 1 && (text.charAt(position) == 'Z' || text.charAt(position) == 'z')) {
      offsetSeconds = 0;
    } else if (position == length - 6 && (text.charAt(position) == '+' || text.charAt(position) == '-')
        && text.charAt(position + 3) == ':') {
      int offsetHours = digits(text, position + 1, 2);
      int offsetMinutes = digits(text, position + 4, 2);
      if (offsetHours < 0 || offsetMinutes < 0 || offsetMinutes > 59) {
        return null;
      }
      offsetSeconds = offsetHours * 3600L + offsetMinutes * 60L;
      if (offsetSeconds > MAX_OFFSET_SECONDS) {
        return null;
      }
      if (text.charAt(position) == '-') {
        offsetSeconds = -offsetSeconds;
      }
    } else {
      return null;
    }
    long epochSecond = epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    return Instant.ofEpochSecond(epochSecond, nanos);
  }

  private static boolean isT(char c) {
    return c == 'T' || c == 't';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The value of {@code count} ASCII digits at {@code from}, or -1 when any of them is not a digit. */
  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static int lengthOfMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days inverse by H. Hinnant). */
  private static long epochDay(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }
}
