package org.alertresponder.tck.pipeline;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.CutAttribute;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.api.InspectionRecord;
import org.alertresponder.engine.api.InspectionStatus;
import org.alertresponder.engine.api.Origin;
import org.alertresponder.engine.api.Receipt;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportAttribute;
import org.alertresponder.engine.api.ReportStatus;
import org.alertresponder.engine.api.Severity;
import org.alertresponder.engine.bus.Addresses;
import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.engine.spi.Backoff;
import org.alertresponder.engine.spi.InspectionResult;
import org.alertresponder.engine.spi.InspectorSpec;
import org.alertresponder.engine.spi.RateLimit;
import org.alertresponder.tck.Scenario;
import org.alertresponder.tck.fixtures.Alerts;
import org.alertresponder.tck.fixtures.HeldInspector;
import org.alertresponder.tck.fixtures.RawPluginVerticle;
import org.alertresponder.tck.fixtures.ScriptedInspector;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN §3, inspection and correlation: timing, dedup, type matching, recursion bounds, and every
 * protection an inspector gets (timeout, retries with backoff, malformed answers, rate and concurrency
 * limits, the result cache).
 */
public abstract class InspectionScenarios extends PipelineContract {
  private static final InspectionResult HOST_FINDING = InspectionResult.of(
      Finding.of(Finding.HOST, new JsonObject().put("country", new JsonArray().add("NL"))));

  @Test
  void inspectionFiresAtTheInspectionDelayAndNotBefore() {
    Scenario.Builder builder = scenario().config(c -> c.inspectionDelay(Duration.ofMinutes(5)));
    ScriptedInspector whois = ScriptedInspector.answering(builder.clock(), HOST_FINDING);
    Scenario s = start(builder.plugins(p -> p.inspector(InspectorSpec.of("whois", Attribute.IPADDR), whois)));
    Instant accepted = s.now();
    s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());

    s.advance(Duration.ofMinutes(5).minusMillis(1));
    assertThat(whois.calls()).isEmpty();

    s.advance(Duration.ofMillis(1));
    assertThat(whois.calls()).singleElement()
        .satisfies(call -> assertThat(call.at()).isEqualTo(accepted.plus(Duration.ofMinutes(5))));
  }

  @Test
  void theSameAttributeInTwoAlertsOfOneReportIsInspectedOnce() {
    Scenario.Builder builder = scenario().config(c -> c.inspectionDelay(Duration.ofMinutes(5)));
    ScriptedInspector whois = ScriptedInspector.answering(builder.clock(), HOST_FINDING);
    Scenario s = start(builder.plugins(p -> p.inspector(InspectorSpec.of("whois", Attribute.IPADDR), whois)));
    Receipt first = s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    s.advance(Duration.ofMinutes(1));
    s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    s.advance(Duration.ofMinutes(10));

    assertThat(whois.values()).containsExactly("198.51.100.7");
    Report report = s.report(first.reportId());
    assertThat(report.alerts()).hasSize(2);
    assertThat(report.attributes()).hasSize(1);
    assertThat(report.findingsFor(report.attributes().get(0).hash())).hasSize(1);
  }

  @Test
  void anInspectorReceivesOnlyTheTypesAndContextsItDeclares() {
    Scenario.Builder builder = scenario().config(c -> c.inspectionDelay(Duration.ZERO));
    ScriptedInspector remoteIps = ScriptedInspector.answering(builder.clock(), InspectionResult.empty());
    Scenario s = start(builder.plugins(p -> p.inspector(
        InspectorSpec.of("remote-ips", Attribute.IPADDR).withContexts(Attribute.REMOTE), remoteIps)));
    s.submit(Alerts.of("ids", "scan", "net-1",
        Attribute.of(Attribute.IPADDR, "src", "203.0.113.5", Attribute.REMOTE),
        Attribute.of(Attribute.IPADDR, "dst", "10.0.0.5", Attribute.LOCAL),
        Attribute.of(Attribute.DOMAIN, "sni", "evil.example", Attribute.REMOTE)).build());
    s.settle();
    assertThat(remoteIps.values()).containsExactly("203.0.113.5");
  }

  @Test
  void discoveredAttributesAreInspectedInTurnUntilMaxDepthAndTheCutIsRecorded() {
    Scenario.Builder builder = scenario().config(c -> c.inspectionDelay(Duration.ZERO).maxDepth(2));
    // Each name "dN.example" resolves to "d(N+1).example": an endless chain only the bound stops.
    ScriptedInspector resolver = new ScriptedInspector(builder.clock(), task -> {
      int n = Integer.parseInt(task.attribute().value().substring(1, task.attribute().value().indexOf('.')));
      return Future.succeededFuture(InspectionResult.empty().withAttributes(List.of(
          Attribute.of(Attribute.DOMAIN, "cname", "d" + (n + 1) + ".example", Attribute.REMOTE))));
    });
    Scenario s = start(builder.plugins(p -> p.inspector(InspectorSpec.of("resolver", Attribute.DOMAIN), resolver)));
    Receipt receipt = s.submit(Alerts.of("proxy", "bad-domain", "user-1", Alerts.domain("d0.example")).build());
    s.settle();

    assertThat(resolver.values()).containsExactly("d0.example", "d1.example", "d2.example");
    Report report = s.report(receipt.reportId());
    assertThat(report.attributes()).extracting(a -> a.attribute().value(), ReportAttribute::depth)
        .containsExactly(tuple("d0.example", 0), tuple("d1.example", 1), tuple("d2.example", 2));
    ReportAttribute d0 = report.attributeWithValue("d0.example");
    assertThat(report.attributeWithValue("d1.example").origin()).isEqualTo(Origin.inspector("resolver", d0.hash()));
    assertThat(d0.origin()).isEqualTo(Origin.alert(report.alerts().get(0).id()));
    assertThat(report.cut()).singleElement().satisfies(cut -> {
      assertThat(cut.reason()).isEqualTo(CutAttribute.MAX_DEPTH);
      assertThat(cut.attribute().attribute().value()).isEqualTo("d3.example");
      assertThat(cut.attribute().depth()).isEqualTo(3);
    });
    assertThat(report.cutCount()).isEqualTo(1);
  }

  @Test
  void correlationStopsAtMaxAttributesPerReportAndCountsWhatItCut() {
    Scenario.Builder builder = scenario().config(c -> c.inspectionDelay(Duration.ZERO).maxAttributes(5));
    ScriptedInspector fanOut = new ScriptedInspector(builder.clock(), task -> {
      if (!task.attribute().value().equals("198.51.100.1")) {
        return Future.succeededFuture(InspectionResult.empty());
      }
      List<Attribute> neighbours = new ArrayList<>();
      for (int i = 2; i <= 11; i++) {
        neighbours.add(Alerts.ip("198.51.100." + i));
      }
      return Future.succeededFuture(InspectionResult.empty().withAttributes(neighbours));
    });
    Scenario s = start(builder.plugins(p -> p.inspector(InspectorSpec.of("neighbours", Attribute.IPADDR), fanOut)));
    Receipt receipt = s.submit(Alerts.of("ids", "scan", "net-1", Alerts.ip("198.51.100.1")).build());
    s.settle();

    Report report = s.report(receipt.reportId());
    assertThat(report.attributes()).hasSize(5);
    assertThat(report.cutCount()).isEqualTo(6);
    assertThat(report.cut()).hasSize(6).allSatisfy(cut -> assertThat(cut.reason())
        .isEqualTo(CutAttribute.MAX_ATTRIBUTES));
    assertThat(fanOut.calls()).hasSize(5);
  }

  @Test
  void anInspectorThatThrowsIsRetriedWithBackoffThenRecordedAsFailedAndTheReviewStillHappens() {
    Scenario.Builder builder = scenario().config(c -> c.inspectionDelay(Duration.ZERO)
        .reviewDelay(Duration.ofMinutes(10)));
    ScriptedInspector broken = ScriptedInspector.throwing(builder.clock(), "reputation API key expired");
    Scenario s = start(builder.plugins(p -> p.inspector(InspectorSpec.of("reputation", Attribute.IPADDR)
        .withMaxAttempts(3).withBackoff(Backoff.of(Duration.ofSeconds(2), Duration.ofSeconds(30))), broken)));
    Instant t0 = s.now();
    Receipt receipt = s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    s.advance(Duration.ofMinutes(10));

    assertThat(broken.calls()).extracting(ScriptedInspector.Call::at)
        .containsExactly(t0, t0.plusSeconds(2), t0.plusSeconds(6));
    Report report = s.report(receipt.reportId());
    InspectionRecord record = report.inspection(report.attributes().get(0).hash(), "reputation");
    assertThat(record.status()).isEqualTo(InspectionStatus.FAILED);
    assertThat(record.attempts()).isEqualTo(3);
    assertThat(record.error()).isEqualTo("reputation API key expired (after 3 attempts)");
    assertThat(report.status()).isEqualTo(ReportStatus.PUBLISHED);
    assertThat(report.version()).isEqualTo(1);
  }

  @Test
  void anInspectorThatNeverAnswersTimesOutAndTheReviewStillHappens() {
    Scenario.Builder builder = scenario()
        .config(c -> c.inspectionDelay(Duration.ZERO).reviewDelay(Duration.ofMinutes(10)));
    ScriptedInspector silent = ScriptedInspector.silent(builder.clock());
    Scenario s = start(builder.holding("inspector:silent", silent).plugins(p -> p.inspector(InspectorSpec.of("silent",
        Attribute.IPADDR)
        .withTimeout(Duration.ofSeconds(30)).withMaxAttempts(2)
        .withBackoff(Backoff.of(Duration.ofSeconds(5), Duration.ofSeconds(5))), silent)));
    Instant t0 = s.now();
    Receipt receipt = s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    s.advance(Duration.ofSeconds(65));

    assertThat(silent.calls()).extracting(ScriptedInspector.Call::at).containsExactly(t0, t0.plusSeconds(35));
    Report report = s.report(receipt.reportId());
    InspectionRecord record = report.inspection(report.attributes().get(0).hash(), "silent");
    assertThat(record.status()).isEqualTo(InspectionStatus.TIMED_OUT);
    assertThat(record.error()).isEqualTo("no answer from " + Addresses.inspector("silent")
        + " within 30s (after 2 attempts)");

    s.advance(Duration.ofMinutes(10));
    assertThat(s.report(receipt.reportId()).status()).isEqualTo(ReportStatus.PUBLISHED);
  }

  @Test
  void aMalformedAnswerIsRecordedAsFailedWithoutRetryAndTheReviewStillHappens() throws Exception {
    RawPluginVerticle malformed = new RawPluginVerticle(Addresses.inspector("sloppy"),
        new JsonObject().put("findings", new JsonArray().add(new JsonObject().put("type", 42))));
    vertx.deployVerticle(malformed).await(10, TimeUnit.SECONDS);
    Scenario s = start(scenario()
        .config(c -> c.inspectionDelay(Duration.ZERO).reviewDelay(Duration.ofMinutes(10)))
        .plugins(p -> p.inspector(InspectorSpec.of("sloppy", Attribute.IPADDR))));
    Receipt receipt = s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    s.settle();

    assertThat(malformed.calls()).isEqualTo(1);
    Report report = s.report(receipt.reportId());
    InspectionRecord record = report.inspection(report.attributes().get(0).hash(), "sloppy");
    assertThat(record.status()).isEqualTo(InspectionStatus.FAILED);
    assertThat(record.error()).isEqualTo(
        "malformed inspection result: findings[0].type: must be a string, was a number (after 1 attempt)");
    s.advance(Duration.ofMinutes(10));
    assertThat(s.report(receipt.reportId()).version()).isEqualTo(1);
  }

  @Test
  void anAlertsInspectionRunsUnderItsTimersLeaseAndIsDoneAgainIfTheInstanceStopsMidway() {
    Adapter adapter = newAdapter();
    HeldInspector held = new HeldInspector();
    Scenario first = start(scenario(adapter).config(c -> c.inspectionDelay(Duration.ofMinutes(1))
            .reviewDelay(Duration.ofHours(1)))
        .holding("inspector:whois", held)
        .plugins(p -> p.inspector(InspectorSpec.of("whois", Attribute.IPADDR), held)));
    Receipt receipt = first.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    first.advance(Duration.ofMinutes(1));
    assertThat(held.waiting()).isEqualTo(1);
    // Nothing was queued for it: the inspection timer, leased until the inspection is recorded, is its record.
    assertThat(Scenario.await(adapter.work().size("whois"))).isZero();
    Duration lease = first.engine().config().timerLease();
    Instant stoppedAt = first.now();
    first.close();

    Scenario.Builder secondRun = scenario(adapter).config(c -> c.inspectionDelay(Duration.ofMinutes(1))
        .reviewDelay(Duration.ofHours(1)));
    secondRun.clock().set(stoppedAt);
    ScriptedInspector whois = ScriptedInspector.answering(secondRun.clock(), HOST_FINDING);
    Scenario second = start(secondRun.plugins(p -> p.inspector(InspectorSpec.of("whois", Attribute.IPADDR), whois)));
    second.advance(lease.minusSeconds(1));
    assertThat(whois.calls()).as("the timer is still leased to the stopped instance").isEmpty();

    second.advance(Duration.ofSeconds(2));
    assertThat(whois.values()).containsExactly("198.51.100.7");
    assertThat(second.report(receipt.reportId()).inspections()).singleElement()
        .satisfies(record -> assertThat(record.status()).isEqualTo(InspectionStatus.DONE));
  }

  @Test
  void anInspectionThatCouldOutlastItsTimersLeaseGoesThroughTheWorkQueue() {
    Adapter adapter = newAdapter();
    HeldInspector held = new HeldInspector();
    // Three attempts of ten minutes each take longer than the timer's lease of five minutes.
    Scenario s = start(scenario(adapter).config(c -> c.inspectionDelay(Duration.ZERO).timerLease(Duration.ofMinutes(5)))
        .holding("inspector:slow", held)
        .plugins(p -> p.inspector(InspectorSpec.of("slow", Attribute.IPADDR).withTimeout(Duration.ofMinutes(10)),
            held)));
    Receipt receipt = s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    s.settle();

    assertThat(held.waiting()).isEqualTo(1);
    assertThat(Scenario.await(adapter.work().size("slow"))).isEqualTo(1L);
    held.releaseAll(InspectionResult.empty());
    s.settle();
    assertThat(s.report(receipt.reportId()).inspections()).singleElement()
        .satisfies(record -> assertThat(record.status()).isEqualTo(InspectionStatus.DONE));
    assertThat(Scenario.await(adapter.work().size("slow"))).isZero();
  }

  @Test
  void aRateLimitQueuesWorkInsteadOfFailingIt() {
    Scenario.Builder builder = scenario().config(c -> c.inspectionDelay(Duration.ZERO));
    ScriptedInspector limited = ScriptedInspector.answering(builder.clock(), HOST_FINDING);
    Scenario s = start(builder.plugins(p -> p.inspector(InspectorSpec.of("limited", Attribute.IPADDR)
        .withRateLimit(RateLimit.perSecond(2)), limited)));
    Instant t0 = s.now();
    List<Attribute> ips = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      ips.add(Alerts.ip("198.51.100." + i));
    }
    Receipt receipt = s.submit(Alerts.of("ids", "scan", "net-1", ips.toArray(Attribute[]::new)).build());
    s.settle();
    assertThat(limited.calls()).hasSize(2);

    s.advance(Duration.ofSeconds(3));
    assertThat(limited.calls()).extracting(ScriptedInspector.Call::at).containsExactly(
        t0, t0, t0.plusMillis(500), t0.plusMillis(1000), t0.plusMillis(1500), t0.plusMillis(2000));
    Report report = s.report(receipt.reportId());
    assertThat(report.inspections()).hasSize(6)
        .allSatisfy(record -> assertThat(record.status()).isEqualTo(InspectionStatus.DONE));
  }

  @Test
  void theConcurrencyLimitBoundsCallsInFlight() {
    HeldInspector held = new HeldInspector();
    Scenario s = start(scenario().config(c -> c.inspectionDelay(Duration.ZERO))
        .holding("inspector:held", held)
        .plugins(p -> p.inspector(InspectorSpec.of("held", Attribute.IPADDR).withConcurrency(2), held)));
    List<Attribute> ips = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      ips.add(Alerts.ip("198.51.100." + i));
    }
    Receipt receipt = s.submit(Alerts.of("ids", "scan", "net-1", ips.toArray(Attribute[]::new)).build());
    s.settle();
    assertThat(held.waiting()).isEqualTo(2);

    held.releaseAll(InspectionResult.empty());
    s.settle();
    assertThat(held.waiting()).isEqualTo(2);
    assertThat(held.total()).isEqualTo(4);

    held.releaseAll(InspectionResult.empty());
    s.settle();
    held.releaseAll(InspectionResult.empty());
    s.settle();
    assertThat(held.total()).isEqualTo(5);
    assertThat(s.report(receipt.reportId()).inspections())
        .allSatisfy(record -> assertThat(record.status()).isEqualTo(InspectionStatus.DONE));
  }

  @Test
  void aCachedResultAvoidsASecondCallAcrossReportsUntilItExpires() {
    Scenario.Builder builder = scenario().config(c -> c.inspectionDelay(Duration.ZERO));
    ScriptedInspector reputation = ScriptedInspector.answering(builder.clock(), HOST_FINDING);
    Scenario s = start(builder.plugins(p -> p.inspector(InspectorSpec.of("reputation", Attribute.IPADDR)
        .withCacheTtl(Duration.ofMinutes(10)), reputation)));
    Receipt first = s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    Receipt second = s.submit(Alerts.sshBruteForce("i-2", "198.51.100.7").build());
    s.settle();

    assertThat(first.reportId()).isNotEqualTo(second.reportId());
    assertThat(reputation.callsFor("198.51.100.7")).isEqualTo(1);
    Report cached = s.report(second.reportId());
    String hash = cached.attributes().get(0).hash();
    assertThat(cached.findingsFor(hash)).hasSize(1);
    assertThat(cached.inspection(hash, "reputation").status()).isEqualTo(InspectionStatus.DONE);

    s.advance(Duration.ofMinutes(10));
    s.submit(Alerts.sshBruteForce("i-3", "198.51.100.7").build());
    s.settle();
    assertThat(reputation.callsFor("198.51.100.7")).isEqualTo(2);
  }

  @Test
  void findingsAreFiledUnderTheirAttributeWithTheInspectorAsAuthor() {
    Scenario.Builder builder = scenario().config(c -> c.inspectionDelay(Duration.ZERO));
    ScriptedInspector impostor = ScriptedInspector.answering(builder.clock(), InspectionResult.of(
        new Finding("someone-else", Finding.USER, new JsonObject().put("activities", new JsonArray()))));
    Scenario s = start(builder.plugins(p -> p.inspector(InspectorSpec.of("directory", Attribute.USERNAME), impostor)));
    Receipt receipt = s.submit(Alerts.of("okta", "impossible-travel", "alice", Alerts.user("alice")).build());
    s.settle();
    Report report = s.report(receipt.reportId());
    assertThat(report.sections()).singleElement().satisfies(section -> {
      assertThat(section.attribute().attribute().value()).isEqualTo("alice");
      assertThat(section.findings()).extracting(Finding::author, Finding::type).containsExactly(tuple("directory",
          "user"));
    });
  }

  @Test
  void aPendingInspectionIsShownAsPendingInTheReportUntilItEnds() {
    HeldInspector held = new HeldInspector();
    Scenario s = start(scenario().config(c -> c.inspectionDelay(Duration.ZERO))
        .holding("inspector:held", held)
        .plugins(p -> p.inspector(InspectorSpec.of("held", Attribute.IPADDR), held)));
    Receipt receipt = s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    s.settle();
    assertThat(s.report(receipt.reportId()).inspections()).extracting(InspectionRecord::status)
        .containsExactly(InspectionStatus.PENDING);
    held.releaseAll(InspectionResult.empty());
    s.settle();
    assertThat(s.report(receipt.reportId()).inspections()).extracting(InspectionRecord::status)
        .containsExactly(InspectionStatus.DONE);
    assertThat(Severity.URGENT.atLeast(Severity.SAFE)).isTrue();
  }

  @Test
  void anAttributeThatLeadsBackToItselfIsInspectedOnceNotInALoop() {
    Scenario.Builder builder = scenario().config(c -> c.inspectionDelay(Duration.ZERO).maxDepth(10));
    // a.example resolves to b.example, which resolves back to a.example.
    ScriptedInspector resolver = new ScriptedInspector(builder.clock(), task -> Future.succeededFuture(
        InspectionResult.empty().withAttributes(List.of(Alerts.domain(
            task.attribute().value().equals("a.example") ? "b.example" : "a.example")))));
    Scenario s = start(builder.plugins(p -> p.inspector(InspectorSpec.of("resolver", Attribute.DOMAIN), resolver)));
    Receipt receipt = s.submit(Alerts.of("proxy", "bad-domain", "user-1", Alerts.domain("a.example")).build());
    s.settle();

    assertThat(resolver.values()).containsExactly("a.example", "b.example");
    assertThat(s.report(receipt.reportId()).attributes()).hasSize(2);
    assertThat(s.report(receipt.reportId()).cut()).isEmpty();
  }

  @Test
  void twoReportsAskingAboutTheSameValueAtOnceShareOneCall() {
    HeldInspector held = new HeldInspector();
    Scenario s = start(scenario().config(c -> c.inspectionDelay(Duration.ZERO))
        .holding("inspector:held", held)
        .plugins(p -> p.inspector(InspectorSpec.of("held", Attribute.IPADDR), held)));
    Receipt first = s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    Receipt second = s.submit(Alerts.sshBruteForce("i-2", "198.51.100.7").build());
    s.settle();
    assertThat(held.total()).isEqualTo(1);

    held.releaseAll(HOST_FINDING);
    s.settle();
    for (Receipt receipt : List.of(first, second)) {
      Report report = s.report(receipt.reportId());
      assertThat(report.inspections()).extracting(InspectionRecord::status).containsExactly(InspectionStatus.DONE);
      assertThat(report.findingsFor(report.attributes().get(0).hash())).hasSize(1);
    }
    assertThat(held.total()).isEqualTo(1);
  }

  @Test
  void anInspectorThatIsNotRunningIsRecordedAsFailedWithTheAddressNobodyListensOn() {
    Scenario s = start(scenario().config(c -> c.inspectionDelay(Duration.ZERO))
        .plugins(p -> p.inspector(InspectorSpec.of("missing", Attribute.IPADDR).withMaxAttempts(2)
            .withBackoff(Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(1))))));
    Receipt receipt = s.submit(Alerts.sshBruteForce("i-1", "198.51.100.7").build());
    s.advance(Duration.ofSeconds(1));

    Report report = s.report(receipt.reportId());
    InspectionRecord record = report.inspection(report.attributes().get(0).hash(), "missing");
    assertThat(record.status()).isEqualTo(InspectionStatus.FAILED);
    assertThat(record.error()).isEqualTo("no plugin listens on " + Addresses.inspector("missing")
        + " (after 2 attempts)");
  }

  /**
   * How many alerts the backlog scenario queues. An adapter whose every call is a network round trip to
   * an emulator may choose fewer, as long as the pumps still go round many hundreds of times in a row.
   */
  protected int backlogAlerts() {
    return 3000;
  }

  @Test
  void aBacklogOfThousandsOfDueInspectionsIsDrainedCompletely() {
    // One item per claim round makes the pumps go round thousands of times in a row, which is what a
    // store restarting after an outage, or one source address scanning thousands of hosts, does.
    int alerts = backlogAlerts();
    Scenario.Builder builder = scenario().config(c -> c.inspectionDelay(Duration.ofMinutes(1)).batchSize(1)
        .maxAttributes(alerts + 1));
    ScriptedInspector whois = ScriptedInspector.answering(builder.clock(), InspectionResult.empty());
    Scenario s = start(builder.plugins(p -> p.inspector(InspectorSpec.of("whois", Attribute.IPADDR), whois)));
    List<Future<Receipt>> receipts = new ArrayList<>();
    for (int i = 0; i < alerts; i++) {
      receipts.add(s.engine().submit(Alerts.of("ids", "scan", "net-1",
          Alerts.ip("10." + (i / 65536) + "." + (i / 256 % 256) + "." + (i % 256))).build()));
    }
    String reportId = receipts.stream().map(Scenario::await).map(Receipt::reportId).distinct()
        .reduce((a, b) -> a + "," + b).orElseThrow();
    s.advance(Duration.ofMinutes(1));

    assertThat(whois.calls()).hasSize(alerts);
    assertThat(s.report(reportId).inspections()).hasSize(alerts)
        .allSatisfy(record -> assertThat(record.status()).isEqualTo(InspectionStatus.DONE));
  }

  private static org.assertj.core.groups.Tuple tuple(Object... values) {
    return org.assertj.core.groups.Tuple.tuple(values);
  }
}
