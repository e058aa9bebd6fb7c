package org.alertresponder.engine.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class Rfc3339Test {
  private static final Pattern REFERENCE_SHAPE = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

  @ParameterizedTest
  @ValueSource(strings = {"2026-11-27T10:00:00Z", "2026-11-27t10:00:00z", "2026-11-27T11:00:00.5+01:00",
      "2026-11-27T10:00:00.123456789Z", "2024-02-29T23:59:59-18:00", "0000-01-01T00:00:00+18:00",
      "9999-12-31T23:59:59.999999999Z", "1969-12-31T23:59:59.000000001Z", "2000-02-29T00:00:00Z",
      "2026-11-27T05:30:00-04:30"})
  void agreesWithJavaTimeOnValidText(String text) {
    assertThat(Rfc3339.parse(text)).isEqualTo(reference(text)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2026-11-27", "2026-11-27T10:00Z", "2026-11-27T10:00:00", "2026-11-27 10:00:00Z",
      "2026-11-27T10:00:00.Z", "2026-11-27T10:00:00.1234567890Z", "2026-02-29T00:00:00Z", "1900-02-29T00:00:00Z",
      "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z", "2026-11-00T00:00:00Z",
      "2026-11-27T24:00:00Z", "2026-11-27T10:60:00Z", "2026-11-27T10:00:60Z", "2026-11-27T10:00:00+18:01",
      "2026-11-27T10:00:00+01:60", "2026-11-27T10:00:00+0100", "2026-11-27T10:00:00+01", "2026-11-27T10:00:00ZZ",
      "+2026-11-27T10:00:00Z", "2026-1a-27T10:00:00Z", "2026-11-27T10:00:00.5", "2026-11-27T10:00:00-00:0x",
      "\u0662026-11-27T10:00:00Z"})
  void refusesWhatIsNotRfc3339(String text) {
    assertThat(Rfc3339.parse(text)).isNull();
    assertThat(reference(text)).isNull();
  }

  @Test
  void agreesWithJavaTimeOnRandomInstantsAndOffsets() {
    SplittableRandom random = new SplittableRandom(20261127);
    for (int i = 0; i < 100_000; i++) {
      long second = random.nextLong(-62_167_219_200L + 86_400, 253_402_300_799L - 86_400);
      int nanos = random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000);
      int offsetMinutes = random.nextInt(-18 * 60, 18 * 60 + 1);
      String text = OffsetDateTime.ofInstant(Instant.ofEpochSecond(second, nanos),
          java.time.ZoneOffset.ofTotalSeconds(offsetMinutes * 60)).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      assertThat(Rfc3339.parse(text)).as(text).isEqualTo(Instant.ofEpochSecond(second, nanos));
    }
  }

  /** What the parser replaced: a shape check, then the java.time formatter. */
  private static Instant reference(String text) {
    if (!REFERENCE_SHAPE.matcher(text).matches()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
