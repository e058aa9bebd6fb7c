package org.alertresponder.launcher.console;

import org.alertresponder.engine.api.InspectionStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleEventsTest {
  private final ConsoleEvents events = new ConsoleEvents();

  @Test
  void changesToTheSameReportAreToldOnceUntilTheNextDrain() {
    events.reportChanged("r-1");
    events.reportChanged("r-2");
    events.reportChanged("r-1");
    assertThat(events.drain()).singleElement().satisfies(frame -> assertThat(frame)
        .startsWith("event: reports\ndata: {\"ids\":[").contains("\"r-1\"", "\"r-2\"").endsWith("]}\n\n"));
    assertThat(events.drain()).isEmpty();
  }

  @Test
  void beyondTheBoundTheConsoleIsToldToReloadEverything() {
    for (int i = 0; i <= ConsoleEvents.MAX_IDS; i++) {
      events.reportChanged("r-" + i);
    }
    assertThat(events.drain()).containsExactly("event: reports\ndata: {\"all\":true}\n\n");
    events.reportChanged("r-x");
    assertThat(events.drain()).containsExactly("event: reports\ndata: {\"ids\":[\"r-x\"]}\n\n");
  }

  @Test
  void aDeadLetterAndPluginFailuresAreToldToTheirViews() {
    events.inspectionFinished("whois", InspectionStatus.DONE, Duration.ofMillis(3), false);
    events.deliveryAttempted("soar", true);
    assertThat(events.drain()).isEmpty();

    events.inspectionFinished("whois", InspectionStatus.TIMED_OUT, Duration.ofSeconds(30), false);
    assertThat(events.drain()).containsExactly("event: health\ndata: {}\n\n");
    events.deadLettered("soar");
    assertThat(events.drain()).containsExactly("event: dead-letters\ndata: {}\n\n", "event: health\ndata: {}\n\n");
  }
}
