package org.alertresponder.tck.pipeline;

import io.vertx.core.Future;
import org.alertresponder.engine.api.Alert;
import org.alertresponder.engine.api.InvalidAlertException;
import org.alertresponder.engine.api.Receipt;
import org.alertresponder.engine.api.ReportHeader;
import org.alertresponder.engine.api.ReportStatus;
import org.alertresponder.engine.api.Violation;
import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.tck.Scenario;
import org.alertresponder.tck.fixtures.Alerts;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** DESIGN §3, aggregation: joining a report within its window, one report per key under concurrency. */
public abstract class AggregationScenarios extends PipelineContract {

  @Test
  void anAlertJoinsTheReportOfItsKeyWithinTheWindowAndStartsANewOneAfterIt() {
    Scenario s = start(scenario().config(c -> c.aggregationWindow(Duration.ofHours(3))));
    Receipt first = s.submit(Alerts.sshBruteForce("i-0abc12", "198.51.100.7").build());
    assertThat(first.created()).isTrue();

    s.advance(Duration.ofHours(3).minusSeconds(1));
    Receipt joined = s.submit(Alerts.sshBruteForce("i-0abc12", "198.51.100.8").build());
    assertThat(joined.reportId()).isEqualTo(first.reportId());
    assertThat(joined.created()).isFalse();

    s.advance(Duration.ofSeconds(1));
    Receipt after = s.submit(Alerts.sshBruteForce("i-0abc12", "198.51.100.9").build());
    assertThat(after.reportId()).isNotEqualTo(first.reportId());
    assertThat(after.created()).isTrue();

    assertThat(s.report(first.reportId()).alerts()).hasSize(2);
    assertThat(s.report(after.reportId()).alerts()).hasSize(1);
  }

  @Test
  void anAlertJoinsTheOpenReportAnotherInstanceCreatedAndStartsANewOneAfterItsWindow() {
    Adapter adapter = newAdapter();
    Scenario first = start(scenario(adapter).config(c -> c.aggregationWindow(Duration.ofHours(3))));
    Receipt created = first.submit(Alerts.sshBruteForce("i-0abc12", "198.51.100.7").build());
    Instant stoppedAt = first.now();
    first.close();

    // A second instance (here: the next run) knows nothing of the group and must find its open report.
    Scenario.Builder next = scenario(adapter).config(c -> c.aggregationWindow(Duration.ofHours(3)));
    next.clock().set(stoppedAt.plus(Duration.ofHours(1)));
    Scenario second = start(next);
    Receipt joined = second.submit(Alerts.sshBruteForce("i-0abc12", "198.51.100.8").build());
    assertThat(joined.reportId()).isEqualTo(created.reportId());
    assertThat(joined.created()).isFalse();
    assertThat(second.reports()).extracting(ReportHeader::id).containsExactly(created.reportId());
    assertThat(second.report(created.reportId()).alerts()).hasSize(2);

    second.advance(Duration.ofHours(2));
    Receipt after = second.submit(Alerts.sshBruteForce("i-0abc12", "198.51.100.9").build());
    assertThat(after.created()).isTrue();
    assertThat(after.reportId()).isNotEqualTo(created.reportId());
    assertThat(second.reports()).extracting(ReportHeader::id).containsExactly(after.reportId(), created.reportId());
  }

  @Test
  void alertsOfOtherKeysRulesOrDetectorsDoNotJoin() {
    Scenario s = start(scenario());
    Receipt base = s.submit(Alerts.of("guardduty", "rule-a", "host-1").build());
    Receipt otherKey = s.submit(Alerts.of("guardduty", "rule-a", "host-2").build());
    Receipt otherRule = s.submit(Alerts.of("guardduty", "rule-b", "host-1").build());
    Receipt otherDetector = s.submit(Alerts.of("suricata", "rule-a", "host-1").build());
    Set<String> ids = Set.of(base.reportId(), otherKey.reportId(), otherRule.reportId(), otherDetector.reportId());
    assertThat(ids).hasSize(4);
  }

  @Test
  void fiftyConcurrentSubmissionsOfOneKeyMakeExactlyOneReport() {
    Scenario s = start(scenario().config(c -> c.aggregationInstances(2)));
    List<Future<Receipt>> receipts = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      receipts.add(s.engine().submit(Alerts.sshBruteForce("i-storm", "203.0.113." + i).build()));
    }
    Set<String> reportIds = new HashSet<>();
    int created = 0;
    for (Future<Receipt> receipt : receipts) {
      Receipt r = Scenario.await(receipt);
      reportIds.add(r.reportId());
      created += r.created() ? 1 : 0;
    }
    s.settle();
    assertThat(reportIds).hasSize(1);
    assertThat(created).isEqualTo(1);
    assertThat(s.reports()).hasSize(1);
    assertThat(s.report(reportIds.iterator().next()).alerts()).hasSize(50);
  }

  @Test
  void theSameAlertSentTwiceIsStoredOnce() {
    Scenario s = start(scenario());
    Alert alert = Alerts.sshBruteForce("i-1", "198.51.100.7").timestamp(Instant.parse("2026-11-27T09:59:00Z")).build();
    Receipt first = s.submit(alert);
    Receipt again = s.submit(alert);
    assertThat(again.alertId()).isEqualTo(first.alertId());
    assertThat(s.report(first.reportId()).alerts()).hasSize(1);
    assertThat(s.reports().get(0).alertCount()).isEqualTo(1);
  }

  @Test
  void anAlertWithoutTimestampIsStampedWithTheTimeItWasAccepted() {
    Scenario s = start(scenario());
    s.advance(Duration.ofMinutes(7));
    Receipt receipt = s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    var stored = s.report(receipt.reportId()).alerts().get(0);
    assertThat(stored.alert().timestamp()).isEqualTo(s.now());
    assertThat(stored.receivedAt()).isEqualTo(s.now());
  }

  @Test
  void anInvalidAlertIsRefusedWithEveryBrokenRuleAndNothingIsStored() {
    Scenario s = start(scenario());
    Alert bad = Alert.builder("", null).attribute("ipaddr", "source", "999.1.1.1").build();
    Throwable refused = s.submitRefused(bad);
    assertThat(refused).isInstanceOf(InvalidAlertException.class);
    assertThat(((InvalidAlertException) refused).violations()).extracting(Violation::path, Violation::rule)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("detector", Violation.NOT_BLANK),
            org.assertj.core.groups.Tuple.tuple("rule_id", Violation.REQUIRED),
            org.assertj.core.groups.Tuple.tuple("attributes[0].value", Violation.FORMAT));
    assertThat(s.reports()).isEmpty();
  }

  @Test
  void aSecondEngineOnTheSameVertxInstanceIsRefused() {
    start(scenario());
    Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> start(scenario()));
    assertThat(refused).hasMessageContaining("another AlertResponder engine already runs on this Vert.x instance");
  }

  @Test
  void alertsAreRefusedWhileTheBacklogIsFullAndAcceptedAgainOnceItDrains() {
    org.alertresponder.tck.fixtures.HeldInspector held = new org.alertresponder.tck.fixtures.HeldInspector();
    Scenario s = start(scenario().config(c -> c.inspectionDelay(Duration.ZERO).maxBacklog(3))
        .holding("inspector:held", held)
        .plugins(p -> p.inspector(org.alertresponder.engine.spi.InspectorSpec.of("held", "ipaddr").withConcurrency(1),
            held)));
    s.submit(Alerts.of("ids", "scan", "net-1", Alerts.ip("198.51.100.1"), Alerts.ip("198.51.100.2"),
        Alerts.ip("198.51.100.3"), Alerts.ip("198.51.100.4")).build());
    s.settle();
    assertThat(s.engine().backlog()).isEqualTo(4);

    Throwable refused = s.submitRefused(Alerts.of("ids", "scan", "net-2").build());
    assertThat(refused).isInstanceOf(org.alertresponder.engine.api.BacklogFullException.class)
        .hasMessage("the engine's backlog is full (4 alerts and inspections waiting, bound 3); try again in 1s");
    assertThat(s.reports()).hasSize(1);

    for (int i = 0; i < 4; i++) {
      held.releaseAll(org.alertresponder.engine.spi.InspectionResult.empty());
      s.settle();
    }
    assertThat(s.engine().backlog()).isZero();
    assertThat(s.submit(Alerts.of("ids", "scan", "net-2").build()).created()).isTrue();
  }

  @Test
  void aBatchIsStoredWholeOrNotAtAllWhenOneAlertIsInvalid() {
    Scenario s = start(scenario());
    Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> Scenario.await(s.engine().submitAll(
        List.of(Alerts.of("ids", "scan", "net-1").build(), Alert.builder("ids", "").build()))));
    assertThat(refused).isInstanceOf(InvalidAlertException.class);
    assertThat(((InvalidAlertException) refused).violations()).extracting(Violation::path)
        .containsExactly("[1].rule_id");
    assertThat(s.reports()).isEmpty();

    List<Receipt> receipts = Scenario.await(s.engine().submitAll(
        List.of(Alerts.of("ids", "scan", "net-1").build(), Alerts.of("ids", "scan", "net-2").build())));
    assertThat(receipts).extracting(Receipt::created).containsExactly(true, true);
  }

  @Test
  void aBatchWhoseSecondAlertCannotBeStoredSaysWhichAlertsWere() {
    var faulty = new org.alertresponder.tck.fixtures.FaultInjectingAdapter(newAdapter());
    Scenario s = start(scenario(faulty));
    faulty.failNextSchedule(entry -> entry.payload().encode().contains("203.0.113.9"));

    Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> Scenario.await(s.engine().submitAll(
        List.of(Alerts.sshBruteForce("i-1", "198.51.100.7").build(),
            Alerts.sshBruteForce("i-2", "203.0.113.9").build()))));

    assertThat(failure).isInstanceOf(org.alertresponder.engine.api.BatchSubmissionException.class)
        .hasMessageContaining("1 of 2 alerts were stored before a failure: injected fault");
    List<Receipt> receipts = ((org.alertresponder.engine.api.BatchSubmissionException) failure).receipts();
    assertThat(receipts.get(0)).isNotNull();
    assertThat(receipts.get(1)).isNull();
    assertThat(s.report(receipts.get(0).reportId()).alerts()).hasSize(1);
  }

  @Test
  void alertsValidatedAtTheEdgeAreStoredAsTheyWouldBeBySubmittingThem() {
    Scenario s = start(scenario());
    Alert mixedCase = Alert.builder("ids", "scan").alertKey("net-1")
        .attribute(org.alertresponder.engine.api.Attribute.DOMAIN, "peer", "Scanner.Example.NET.").build();

    List<Receipt> receipts = Scenario.await(s.engine().submitValid(List.of(
        org.alertresponder.engine.api.ValidAlert.of(mixedCase),
        org.alertresponder.engine.api.AlertCodec.decodeValid(org.alertresponder.engine.api.AlertCodec.encode(mixedCase),
            ""))));

    // The alerts of a batch are accepted side by side: either may be the one that creates the group's report.
    assertThat(receipts).extracting(Receipt::created).containsExactlyInAnyOrder(true, false);
    assertThat(s.reports()).singleElement().extracting(ReportHeader::alertCount).isEqualTo(2);
    assertThat(s.report(receipts.get(0).reportId()).alerts())
        .extracting(received -> received.alert().attributes().get(0).value())
        .containsExactly("scanner.example.net", "scanner.example.net");
  }

  @Test
  void reportsAreListedNewestFirstWithTheirCounts() {
    Scenario s = start(scenario());
    Receipt older = s.submit(Alerts.of("edr", "malware", "host-1").build());
    s.advance(Duration.ofSeconds(1));
    Receipt newer = s.submit(Alerts.of("edr", "malware", "host-2").build());
    s.submit(Alerts.of("edr", "malware", "host-2").build());
    List<ReportHeader> headers = s.reports();
    assertThat(headers).extracting(ReportHeader::id).containsExactly(newer.reportId(), older.reportId());
    assertThat(headers).extracting(ReportHeader::alertCount).containsExactly(2, 1);
    assertThat(headers).extracting(ReportHeader::status).containsOnly(ReportStatus.OPEN);
  }
}
