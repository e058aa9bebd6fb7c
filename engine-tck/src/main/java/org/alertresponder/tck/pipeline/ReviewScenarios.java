package org.alertresponder.tck.pipeline;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.api.InspectionStatus;
import org.alertresponder.engine.api.PublishedVerdict;
import org.alertresponder.engine.api.Receipt;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportHeader;
import org.alertresponder.engine.api.ReportStatus;
import org.alertresponder.engine.api.Severity;
import org.alertresponder.engine.api.Verdict;
import org.alertresponder.engine.bus.Addresses;
import org.alertresponder.engine.spi.Backoff;
import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.engine.spi.EmitterSpec;
import org.alertresponder.engine.spi.InspectionResult;
import org.alertresponder.engine.spi.InspectorSpec;
import org.alertresponder.engine.spi.PluginException;
import org.alertresponder.tck.Scenario;
import org.alertresponder.tck.fixtures.Alerts;
import org.alertresponder.tck.fixtures.HeldReviewer;
import org.alertresponder.tck.fixtures.RecordingEmitter;
import org.alertresponder.tck.fixtures.ScriptedInspector;
import org.alertresponder.tck.fixtures.ScriptedReviewer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN §3, review and late alerts: the review delay, the failure rule, early review, re-opening and
 * re-review with a new version.
 */
public abstract class ReviewScenarios extends PipelineContract {

  @Test
  void theReviewFiresAtTheReviewDelayAfterTheReportIsCreated() {
    Scenario.Builder builder = scenario().config(c -> c.inspectionDelay(Duration.ofMinutes(5))
        .reviewDelay(Duration.ofMinutes(10)));
    ScriptedReviewer reviewer = ScriptedReviewer.always(builder.clock(), Verdict.urgent("known bad source"));
    Scenario s = start(builder.plugins(p -> p.reviewer(reviewer)));
    Instant created = s.now();
    Receipt receipt = s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    s.advance(Duration.ofMinutes(3));
    s.submit(Alerts.sshBruteForce("i-1", "198.51.100.8").build());

    s.advance(Duration.ofMinutes(7).minusMillis(1));
    assertThat(reviewer.calls()).isEmpty();
    assertThat(s.report(receipt.reportId()).status()).isEqualTo(ReportStatus.OPEN);

    s.advance(Duration.ofMillis(1));
    assertThat(reviewer.calls()).singleElement().satisfies(call -> {
      assertThat(call.at()).isEqualTo(created.plus(Duration.ofMinutes(10)));
      assertThat(call.report().alerts()).hasSize(2);
      assertThat(call.report().status()).isEqualTo(ReportStatus.REVIEWING);
      assertThat(call.report().version()).isEqualTo(1);
    });
    Report report = s.report(receipt.reportId());
    assertThat(report.status()).isEqualTo(ReportStatus.PUBLISHED);
    assertThat(report.version()).isEqualTo(1);
    assertThat(report.result()).isEqualTo(Verdict.urgent("known bad source"));
    assertThat(report.verdicts()).extracting(PublishedVerdict::version, PublishedVerdict::verdict)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, Verdict.urgent("known bad source")));
  }

  @Test
  void theReviewerSeesTheCompiledReportWithFindingsAndInspectionStatuses() {
    Scenario.Builder builder = scenario().config(c -> c.inspectionDelay(Duration.ZERO)
        .reviewDelay(Duration.ofMinutes(10)));
    ScriptedInspector whois = ScriptedInspector.answering(builder.clock(), InspectionResult.of(
        Finding.of(Finding.HOST, new JsonObject().put("owner", "ExampleNet"))));
    ScriptedReviewer reviewer = new ScriptedReviewer(builder.clock(), report -> Future.succeededFuture(
        report.sections().isEmpty() ? Verdict.safe("nothing known") : Verdict.urgent("owner "
            + report.sections().get(0).findings().get(0).content().getString("owner"))));
    Scenario s = start(builder.plugins(p -> p.inspector(InspectorSpec.of("whois", Attribute.IPADDR), whois)
        .reviewer(reviewer)));
    Receipt receipt = s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    s.advance(Duration.ofMinutes(10));

    Report seen = reviewer.calls().get(0).report();
    assertThat(seen.inspections()).singleElement()
        .satisfies(record -> assertThat(record.status()).isEqualTo(InspectionStatus.DONE));
    assertThat(s.report(receipt.reportId()).result()).isEqualTo(Verdict.urgent("owner ExampleNet"));
  }

  @Test
  void anObserverHearsEveryChangeAReaderOfTheReportWouldSee() {
    Scenario.Builder builder = scenario().config(c -> c.inspectionDelay(Duration.ofMinutes(1))
        .reviewDelay(Duration.ofMinutes(10)));
    ScriptedInspector whois = ScriptedInspector.answering(builder.clock(), InspectionResult.of(
        Finding.of(Finding.HOST, new JsonObject().put("owner", "ExampleNet"))));
    ScriptedReviewer reviewer = ScriptedReviewer.always(builder.clock(), Verdict.urgent("known bad source"));
    java.util.List<String> changed = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    org.alertresponder.engine.spi.EngineObserver observer = new org.alertresponder.engine.spi.EngineObserver() {
      @Override
      public void reportChanged(String reportId) {
        changed.add(reportId);
      }
    };
    Scenario s = start(builder.plugins(p -> p.inspector(InspectorSpec.of("whois", Attribute.IPADDR), whois)
        .reviewer(reviewer).observer(observer)));
    Receipt receipt = s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    assertThat(changed).as("the alert stored").containsExactly(receipt.reportId());

    s.advance(Duration.ofMinutes(1));
    assertThat(changed).as("the inspection recorded").hasSize(2).containsOnly(receipt.reportId());

    s.advance(Duration.ofMinutes(9));
    // Published (a reviewer this quick never has the report marked reviewing).
    assertThat(changed).as("the version published").hasSize(3).containsOnly(receipt.reportId());
    assertThat(s.report(receipt.reportId()).status()).isEqualTo(ReportStatus.PUBLISHED);
  }

  @Test
  void aReviewerThatKeepsFailingYieldsUnclassifiedWithTheFailureAsReason() {
    Scenario.Builder builder = scenario().config(c -> c.inspectionDelay(Duration.ZERO)
        .reviewDelay(Duration.ofMinutes(10)).reviewMaxAttempts(3)
        .reviewBackoff(Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(10))));
    ScriptedReviewer reviewer = new ScriptedReviewer(builder.clock(),
        report -> Future.failedFuture(PluginException.retryable("policy store unreachable")));
    Scenario s = start(builder.plugins(p -> p.reviewer(reviewer)));
    Instant t0 = s.now();
    Receipt receipt = s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    s.advance(Duration.ofMinutes(11));

    assertThat(reviewer.calls()).extracting(ScriptedReviewer.Call::at).containsExactly(
        t0.plus(Duration.ofMinutes(10)), t0.plus(Duration.ofMinutes(10)).plusSeconds(1),
        t0.plus(Duration.ofMinutes(10)).plusSeconds(3));
    Report report = s.report(receipt.reportId());
    assertThat(report.status()).isEqualTo(ReportStatus.PUBLISHED);
    assertThat(report.result()).isEqualTo(Verdict.unclassified(
        "reviewer default failed: policy store unreachable (after 3 attempts)"));
  }

  @Test
  void aReviewerThatNeverAnswersYieldsUnclassifiedAfterItsTimeout() {
    HeldReviewer reviewer = new HeldReviewer();
    Scenario s = start(scenario().config(c -> c.inspectionDelay(Duration.ZERO).reviewDelay(Duration.ofMinutes(10))
            .reviewTimeout(Duration.ofSeconds(20)).reviewMaxAttempts(1))
        .holding("reviewer", reviewer)
        .plugins(p -> p.reviewer(reviewer)));
    Receipt receipt = s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    s.advance(Duration.ofMinutes(10));
    assertThat(reviewer.waiting()).isEqualTo(1);

    s.advance(Duration.ofSeconds(20));
    assertThat(s.report(receipt.reportId()).result()).isEqualTo(Verdict.unclassified("reviewer default failed: "
        + "no answer from " + Addresses.reviewer("default") + " within 20s (after 1 attempt)"));
  }

  @Test
  void aReportShowsReviewingOnceItsReviewerHasTakenMoreThanASecond() {
    HeldReviewer reviewer = new HeldReviewer();
    Scenario s = start(scenario().config(c -> c.inspectionDelay(Duration.ZERO).reviewDelay(Duration.ofMinutes(10)))
        .holding("reviewer", reviewer)
        .plugins(p -> p.reviewer(reviewer)));
    Receipt receipt = s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    s.advance(Duration.ofMinutes(10));
    assertThat(reviewer.waiting()).isEqualTo(1);
    assertThat(reviewer.seen()).singleElement()
        .satisfies(report -> assertThat(report.status()).isEqualTo(ReportStatus.REVIEWING));
    // A reviewer that answers within a second leaves no trace of the status in the store.
    s.advance(Duration.ofMillis(999));
    assertThat(s.report(receipt.reportId()).status()).isEqualTo(ReportStatus.OPEN);

    s.advance(Duration.ofMillis(1));
    assertThat(s.report(receipt.reportId()).status()).isEqualTo(ReportStatus.REVIEWING);
    assertThat(s.reports()).singleElement()
        .satisfies(header -> assertThat(header.status()).isEqualTo(ReportStatus.REVIEWING));

    reviewer.releaseAll(Verdict.safe("looked fine"));
    s.settle();
    Report report = s.report(receipt.reportId());
    assertThat(report.status()).isEqualTo(ReportStatus.PUBLISHED);
    assertThat(report.result()).isEqualTo(Verdict.safe("looked fine"));
  }

  @Test
  void withReviewEarlyAReportIsReviewedAsSoonAsEveryInspectionHasSettled() {
    Scenario.Builder builder = scenario().config(c -> c.inspectionDelay(Duration.ofMinutes(1))
        .reviewDelay(Duration.ofMinutes(10)).reviewEarly(true));
    // One inspector answers, one fails for good, and the answer leads to a second round of inspection.
    ScriptedInspector resolver = new ScriptedInspector(builder.clock(), task -> Future.succeededFuture(
        task.attribute().type().equals(Attribute.IPADDR)
            ? InspectionResult.empty().withAttributes(java.util.List.of(Alerts.domain("scanner.example")))
            : InspectionResult.empty()));
    ScriptedInspector broken = new ScriptedInspector(builder.clock(),
        task -> Future.failedFuture(PluginException.permanent("HTTP 401 from feed")));
    ScriptedReviewer reviewer = ScriptedReviewer.always(builder.clock(), Verdict.safe("scanner"));
    Scenario s = start(builder.plugins(p -> p
        .inspector(InspectorSpec.of("resolver", Attribute.IPADDR, Attribute.DOMAIN), resolver)
        .inspector(InspectorSpec.of("feed", Attribute.IPADDR), broken)
        .reviewer(reviewer)));
    Instant t0 = s.now();
    Receipt receipt = s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    s.advance(Duration.ofSeconds(59));
    assertThat(reviewer.calls()).isEmpty();

    s.advance(Duration.ofSeconds(1));
    assertThat(reviewer.calls()).singleElement().satisfies(call -> {
      assertThat(call.at()).isEqualTo(t0.plus(Duration.ofMinutes(1)));
      assertThat(call.report().attributes()).hasSize(2);
      assertThat(call.report().inspections()).extracting(r -> r.status())
          .containsExactlyInAnyOrder(InspectionStatus.DONE, InspectionStatus.FAILED, InspectionStatus.DONE);
    });
    assertThat(s.report(receipt.reportId()).status()).isEqualTo(ReportStatus.PUBLISHED);

    s.advance(Duration.ofMinutes(10));
    assertThat(reviewer.calls()).hasSize(1);
    assertThat(s.report(receipt.reportId()).version()).isEqualTo(1);
  }

  @Test
  void withoutReviewEarlyTheReviewWaitsForItsDelayEvenWhenInspectionsAreDone() {
    Scenario.Builder builder = scenario().config(c -> c.inspectionDelay(Duration.ZERO)
        .reviewDelay(Duration.ofMinutes(10)));
    ScriptedReviewer reviewer = ScriptedReviewer.always(builder.clock(), Verdict.safe("fine"));
    Scenario s = start(builder.plugins(p -> p.inspector(InspectorSpec.of("whois", Attribute.IPADDR),
        ScriptedInspector.answering(builder.clock(), InspectionResult.empty())).reviewer(reviewer)));
    s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    s.advance(Duration.ofMinutes(9));
    assertThat(reviewer.calls()).isEmpty();
  }

  @Test
  void aLateAlertReopensAPublishedReportAndVersionTwoIsPublishedAfterTheReReview() {
    Scenario.Builder builder = scenario().config(c -> c.inspectionDelay(Duration.ofMinutes(5))
        .reviewDelay(Duration.ofMinutes(10)));
    ScriptedInspector whois = ScriptedInspector.answering(builder.clock(), InspectionResult.empty());
    ScriptedReviewer reviewer = new ScriptedReviewer(builder.clock(), report -> Future.succeededFuture(
        report.alerts().size() > 1 ? Verdict.urgent(report.alerts().size() + " alerts") : Verdict.safe("one alert")));
    RecordingEmitter emitter = new RecordingEmitter(builder.clock());
    Scenario s = start(builder.plugins(p -> p.inspector(InspectorSpec.of("whois", Attribute.IPADDR), whois)
        .reviewer(reviewer).emitter(EmitterSpec.of("log"), emitter)));
    Instant t0 = s.now();
    Receipt first = s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    s.advance(Duration.ofMinutes(20));
    assertThat(s.report(first.reportId()).status()).isEqualTo(ReportStatus.PUBLISHED);

    Receipt late = s.submit(Alerts.sshBruteForce("i-1", "203.0.113.9").build());
    assertThat(late.reportId()).isEqualTo(first.reportId());
    assertThat(late.reopened()).isTrue();
    assertThat(late.status()).isEqualTo(ReportStatus.OPEN);
    s.advance(Duration.ofMinutes(2));
    Receipt later = s.submit(Alerts.sshBruteForce("i-1", "203.0.113.10").build());
    assertThat(later.reopened()).isFalse();

    s.advance(Duration.ofMinutes(8).minusMillis(1));
    assertThat(reviewer.calls()).hasSize(1);
    assertThat(whois.values()).containsExactly("198.51.100.7", "203.0.113.9", "203.0.113.10");

    s.advance(Duration.ofMillis(1));
    assertThat(reviewer.calls()).hasSize(2);
    assertThat(reviewer.calls().get(1).at()).isEqualTo(t0.plus(Duration.ofMinutes(30)));
    Report report = s.report(first.reportId());
    assertThat(report.version()).isEqualTo(2);
    assertThat(report.status()).isEqualTo(ReportStatus.PUBLISHED);
    assertThat(report.verdicts()).extracting(PublishedVerdict::version, v -> v.verdict().severity())
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, Severity.SAFE),
            org.assertj.core.groups.Tuple.tuple(2, Severity.URGENT));
    assertThat(s.publication(first.reportId(), 1).alerts()).hasSize(1);
    assertThat(s.publication(first.reportId(), 2).alerts()).hasSize(3);
    assertThat(emitter.delivered()).extracting(Report::version).containsExactly(1, 2);
  }

  @Test
  void anAlertThatArrivesDuringTheReviewIsPublishedInTheNextVersion() {
    HeldReviewer reviewer = new HeldReviewer();
    Scenario s = start(scenario().config(c -> c.inspectionDelay(Duration.ZERO).reviewDelay(Duration.ofMinutes(10)))
        .holding("reviewer", reviewer)
        .plugins(p -> p.reviewer(reviewer)));
    Receipt first = s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    s.advance(Duration.ofMinutes(10));
    assertThat(reviewer.waiting()).isEqualTo(1);

    s.advance(Duration.ofMinutes(1));
    Instant lateAt = s.now();
    Receipt during = s.submit(Alerts.sshBruteForce("i-1", "198.51.100.8").build());
    assertThat(during.reportId()).isEqualTo(first.reportId());
    reviewer.releaseAll(Verdict.safe("looked fine"));
    s.settle();

    ReportHeader header = s.reports().get(0);
    assertThat(header.version()).isEqualTo(1);
    assertThat(header.status()).isEqualTo(ReportStatus.OPEN);
    assertThat(header.reviewDueAt()).isEqualTo(lateAt.plus(Duration.ofMinutes(10)));
    assertThat(s.publication(first.reportId(), 1).alerts()).hasSize(1);

    s.advanceTo(lateAt.plus(Duration.ofMinutes(10)));
    assertThat(reviewer.waiting()).isEqualTo(1);
    reviewer.releaseAll(Verdict.urgent("second look"));
    s.settle();
    assertThat(s.report(first.reportId()).version()).isEqualTo(2);
    assertThat(s.publication(first.reportId(), 2).alerts()).hasSize(2);
  }

  @Test
  void aReSentAlertDoesNotReopenAPublishedReportNorPublishItAgain() {
    Scenario.Builder builder = scenario().config(c -> c.inspectionDelay(Duration.ZERO)
        .reviewDelay(Duration.ofMinutes(10)));
    RecordingEmitter emitter = new RecordingEmitter(builder.clock());
    Scenario s = start(builder.plugins(p -> p.emitter(EmitterSpec.of("pager"), emitter)));
    var alert = Alerts.sshBruteForce("i-1", "198.51.100.7").timestamp(Instant.parse("2026-11-27T09:59:00Z")).build();
    Receipt first = s.submit(alert);
    s.advance(Duration.ofMinutes(11));

    Receipt again = s.submit(alert);
    assertThat(again.reopened()).isFalse();
    assertThat(again.status()).isEqualTo(ReportStatus.PUBLISHED);
    s.advance(Duration.ofMinutes(30));

    Report report = s.report(first.reportId());
    assertThat(report.alerts()).hasSize(1);
    assertThat(report.version()).isEqualTo(1);
    assertThat(emitter.delivered()).extracting(Report::version).containsExactly(1);
  }

  @Test
  void aReportWhoseStoreCountedAnAlertTwiceIsPublishedOnceAndNotReviewedAgainAndAgain() {
    // A store whose client retried an increment whose answer was lost counts one alert twice.
    Adapter adapter = newAdapter();
    Scenario.Builder builder = scenario(adapter).config(c -> c.reviewDelay(Duration.ofMinutes(10)));
    RecordingEmitter emitter = new RecordingEmitter(builder.clock());
    Scenario s = start(builder.plugins(p -> p.emitter(EmitterSpec.of("log"), emitter)));
    Receipt receipt = s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    ReportHeader header = Scenario.await(adapter.reports().header(receipt.reportId())).orElseThrow();
    ReportHeader overcounted = new ReportHeader(header.id(), header.groupKey(), header.detector(), header.ruleId(),
        header.ruleName(), header.alertKey(), header.status(), header.version(), header.createdAt(),
        header.updatedAt(), header.alertCount() + 1, header.publishedAlertCount(), header.reviewDueAt(),
        header.result(), header.revision());
    assertThat(Scenario.await(adapter.reports().update(overcounted, header.revision()))).isTrue();

    s.advance(Duration.ofHours(1));

    Report report = s.report(receipt.reportId());
    assertThat(report.status()).isEqualTo(ReportStatus.PUBLISHED);
    assertThat(report.version()).isEqualTo(1);
    assertThat(emitter.delivered()).extracting(Report::version).containsExactly(1);
  }

  @Test
  void aPublicationWhoseAnswerWasLostIsStillDelivered() {
    var faulty = new org.alertresponder.tck.fixtures.FaultInjectingAdapter(newAdapter());
    Scenario.Builder builder = scenario(faulty).config(c -> c.reviewDelay(Duration.ofMinutes(10)));
    RecordingEmitter emitter = new RecordingEmitter(builder.clock());
    Scenario s = start(builder.plugins(p -> p.emitter(EmitterSpec.of("log"), emitter)));
    Receipt receipt = s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    faulty.loseNextPublishAnswer();

    // Delivered once the publisher's own attempt would have ended (EmissionScenarios pins when).
    s.advance(Duration.ofMinutes(11));

    assertThat(faulty.publishAnswerLossPending()).as("the publication's answer was lost").isFalse();
    assertThat(s.report(receipt.reportId()).version()).isEqualTo(1);
    assertThat(emitter.delivered()).extracting(Report::id, Report::version)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(receipt.reportId(), 1));
  }

  @Test
  void aLateAlertIsReReviewedEvenWhenSchedulingItsReviewFailedOnce() {
    var faulty = new org.alertresponder.tck.fixtures.FaultInjectingAdapter(newAdapter());
    HeldReviewer reviewer = new HeldReviewer();
    Scenario s = start(scenario(faulty).config(c -> c.inspectionDelay(Duration.ZERO)
            .reviewDelay(Duration.ofMinutes(10)).reviewTimeout(Duration.ofHours(1)))
        .holding("reviewer", reviewer)
        .plugins(p -> p.reviewer(reviewer)));
    Receipt first = s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    s.advance(Duration.ofMinutes(10));
    s.advance(Duration.ofMinutes(1));
    Instant lateAt = s.now();
    s.submit(Alerts.sshBruteForce("i-1", "198.51.100.8").build());
    faulty.failNextSchedule(timer -> timer.id().endsWith(":" + first.reportId() + ":2"));
    reviewer.releaseAll(Verdict.safe("first look"));
    s.settle();
    assertThat(faulty.faultPending()).as("the re-review's first scheduling failed").isFalse();

    s.advanceTo(lateAt.plus(Duration.ofMinutes(10)));
    assertThat(reviewer.waiting()).as("the re-review happens nevertheless, on time").isEqualTo(1);
    reviewer.releaseAll(Verdict.urgent("second look"));
    s.settle();
    assertThat(s.report(first.reportId()).version()).isEqualTo(2);
  }

  @Test
  void aReportStaysReviewableAfterTheEngineRestartsOnTheSameStore() {
    var adapter = newAdapter();
    Scenario.Builder firstRun = scenario(adapter).config(c -> c.reviewDelay(Duration.ofMinutes(10)));
    Scenario before = start(firstRun);
    Receipt receipt = before.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    before.advance(Duration.ofMinutes(4));
    before.close();

    Scenario.Builder secondRun = scenario(adapter).config(c -> c.reviewDelay(Duration.ofMinutes(10)));
    secondRun.clock().set(before.now());
    ScriptedReviewer reviewer = ScriptedReviewer.always(secondRun.clock(), Verdict.safe("after restart"));
    Scenario after = start(secondRun.plugins(p -> p.reviewer(reviewer)));
    after.advance(Duration.ofMinutes(6));
    assertThat(reviewer.calls()).hasSize(1);
    assertThat(after.report(receipt.reportId()).result()).isEqualTo(Verdict.safe("after restart"));
  }
}
