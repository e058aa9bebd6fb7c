package org.alertresponder.engine.timer;

import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.spi.TimerEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InspectAlertTimerTest {
  private static final Instant DUE = Instant.parse("2026-11-27T10:05:00Z");
  private static final List<Attribute> ATTRIBUTES = List.of(
      Attribute.of(Attribute.IPADDR, "source address", "198.51.100.7", Attribute.REMOTE),
      Attribute.of(Attribute.DOMAIN, "scanner", "scanner.example"));

  @Test
  void aStoredTimerReadsBackWithItsAttributesAndWhetherTheReportAdmittedThem() {
    for (boolean admitted : List.of(true, false)) {
      InspectAlertTimer timer = new InspectAlertTimer("report-1", "alert-1", ATTRIBUTES, admitted, 0);
      TimerEntry stored = timer.entry(DUE);
      TimerEntry claimed = new TimerEntry(stored.id(), stored.kind(), stored.dueAt(), stored.payload(), 2);

      assertThat(InspectAlertTimer.from(claimed))
          .isEqualTo(new InspectAlertTimer("report-1", "alert-1", ATTRIBUTES, admitted, 2));
      assertThat(stored.id()).isEqualTo(InspectAlertTimer.idOf("report-1", "alert-1"));
    }
  }

  @Test
  void aTimerStoredBeforeReportsAdmittedAttributesOnCreationLeavesThemToAdmission() {
    JsonObject payload = new InspectAlertTimer("report-1", "alert-1", ATTRIBUTES, false, 0).entry(DUE).payload();
    assertThat(payload.containsKey("admitted")).isFalse();

    InspectAlertTimer read = InspectAlertTimer.from(TimerEntry.of("inspect:report-1:alert-1",
        TimerKinds.INSPECT_ALERT, DUE, payload.copy()));

    assertThat(read.admitted()).isFalse();
    assertThat(read.attributes()).isEqualTo(ATTRIBUTES);
  }
}
