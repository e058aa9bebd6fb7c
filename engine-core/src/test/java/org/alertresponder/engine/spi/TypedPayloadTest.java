package org.alertresponder.engine.spi;

import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.timer.InspectAlertTimer;
import org.alertresponder.engine.timer.ReviewTimer;
import org.alertresponder.engine.timer.TimerKinds;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Timers and work items that carry the engine's typed messages: read as they were made where the entry still
 * holds them, and as the same JSON a store keeps of them.
 */
class TypedPayloadTest {
  private static final Instant DUE = Instant.parse("2026-12-02T10:00:00Z");
  private static final List<Attribute> ATTRIBUTES = List.of(
      Attribute.of(Attribute.IPADDR, "source address", "198.51.100.7", Attribute.REMOTE));

  @Test
  void aTypedTimerReadsAsTheRecordItWasScheduledWithWithoutDecodingItsAttributesAgain() {
    InspectAlertTimer timer = new InspectAlertTimer("report-1", "alert-1", ATTRIBUTES, true, 0);
    TimerEntry claimed = timer.entry(DUE).withDeliveries(3);

    InspectAlertTimer read = InspectAlertTimer.from(claimed);

    assertThat(read).isEqualTo(new InspectAlertTimer("report-1", "alert-1", ATTRIBUTES, true, 3));
    assertThat(read.attributes()).isSameAs(timer.attributes());
    assertThat(claimed.message(ReviewTimer.class)).isNull();
  }

  @Test
  void aTypedTimerHasTheJsonOfItsMessageMadeOnceFrozenAndEqualToTheSameTimerReadFromAStore() {
    ReviewTimer review = new ReviewTimer("report-1", 2);
    TimerEntry typed = review.entry(DUE);

    JsonObject payload = typed.payload();

    assertThat(payload).isEqualTo(new JsonObject().put("report_id", "report-1").put("version", 2));
    assertThat(typed.payload()).isSameAs(payload);
    assertThatThrownBy(() -> payload.put("version", 3)).isInstanceOf(UnsupportedOperationException.class);
    TimerEntry stored = new TimerEntry(typed.id(), TimerKinds.REVIEW, DUE, payload.copy(), 0);
    assertThat(stored).isEqualTo(typed).hasSameHashCodeAs(typed);
    assertThat(stored.message(ReviewTimer.class)).isNull();
    assertThat(ReviewTimer.from(stored)).isEqualTo(ReviewTimer.from(typed)).isEqualTo(review);
    assertThat(typed.withDeliveries(2).message(ReviewTimer.class)).isSameAs(review);
  }

  @Test
  void aTypedWorkItemKeepsItsMessageThroughClaimsAndHasItsJsonForAStore() {
    Payload message = () -> new JsonObject().put("report_id", "report-1");
    WorkItem item = WorkItem.carrying("report-1:hash", message);

    assertThat(item.withDeliveries(2).message(Payload.class)).isSameAs(message);
    assertThat(item.withDeliveries(2).deliveries()).isEqualTo(2);
    assertThat(item.payload()).isEqualTo(new JsonObject().put("report_id", "report-1"));
    assertThat(new WorkItem("report-1:hash", new JsonObject().put("report_id", "report-1"), 0)).isEqualTo(item);
  }
}
