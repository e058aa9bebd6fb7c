package org.alertresponder.tck.ports;

import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Alert;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.CutAttribute;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.api.InspectionRecord;
import org.alertresponder.engine.api.InspectionStatus;
import org.alertresponder.engine.api.Origin;
import org.alertresponder.engine.api.Page;
import org.alertresponder.engine.api.PublishedVerdict;
import org.alertresponder.engine.api.ReceivedAlert;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportAttribute;
import org.alertresponder.engine.api.ReportHeader;
import org.alertresponder.engine.api.ReportQuery;
import org.alertresponder.engine.api.ReportStatus;
import org.alertresponder.engine.api.Severity;
import org.alertresponder.engine.api.Verdict;
import org.alertresponder.engine.internal.Uuid7;
import org.alertresponder.engine.spi.Admission;
import org.alertresponder.engine.spi.AttributeBounds;
import org.alertresponder.engine.spi.InspectionOutcome;
import org.alertresponder.engine.spi.ReportRepository;
import org.alertresponder.engine.spi.ReportRepository.AppendResult;
import org.alertresponder.engine.spi.StoredReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.alertresponder.tck.ports.PortFixtures.T0;
import static org.alertresponder.tck.ports.PortFixtures.await;
import static org.alertresponder.tck.ports.PortFixtures.failureOf;
import static org.alertresponder.tck.ports.PortFixtures.fresh;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of {@link ReportRepository}: conditional creation per group, compare-and-set updates,
 * idempotent alerts, bounded attribute admission, replaceable inspection outcomes, versioned
 * publications and newest-first queries.
 *
 * <p>Query tests filter on a detector name unique to the test, so that they hold even for a store that
 * other tests (or other runs) share.
 */
public abstract class ReportRepositoryContract extends PortContract {
  private static final AttributeBounds ROOMY = new AttributeBounds(3, 500, 500);

  private ReportRepository reports;

  @BeforeEach
  void selectPort() {
    reports = adapter.reports();
  }

  @Test
  void everyCallCompletesOnTheCallersContext() {
    ReportHeader header = header(Uuid7.at(T0), fresh("group"), "guardduty", T0);
    assertThat(onContext(() -> reports.create(header, null))).isTrue();
    assertThat(onContext(() -> reports.current(header.groupKey()))).isPresent();
    assertThat(onContext(() -> reports.appendAlert(header.id(), alert(fresh("alert"), T0))).added()).isTrue();
    assertThat(onContext(() -> reports.update(header.withStatus(ReportStatus.REVIEWING), 1))).isTrue();
    assertThat(onContext(() -> reports.load(header.id()))).isPresent();
    assertThat(onContext(() -> reports.query(ReportQuery.all())).items()).isNotEmpty();
  }

  // ---------------------------------------------------------------- create, current, header

  @Test
  void aCreatedReportBecomesItsGroupsCurrentReport() {
    ReportHeader header = header(Uuid7.at(T0), fresh("group"), "guardduty", T0);

    assertThat(await(reports.create(header, null))).isTrue();

    assertThat(await(reports.current(header.groupKey()))).contains(header);
    assertThat(await(reports.header(header.id()))).contains(header);
  }

  @Test
  void currentAndHeaderAreEmptyForUnknownKeys() {
    assertThat(await(reports.current(fresh("group")))).isEmpty();
    assertThat(await(reports.header(Uuid7.at(T0)))).isEmpty();
  }

  @Test
  void aSecondCreateExpectingNoCurrentReportReturnsFalseAndWritesNothing() {
    String group = fresh("group");
    ReportHeader first = header(Uuid7.at(T0), group, "guardduty", T0);
    ReportHeader second = header(Uuid7.at(T0.plusSeconds(1)), group, "guardduty", T0.plusSeconds(1));
    assertThat(await(reports.create(first, null))).isTrue();

    assertThat(await(reports.create(second, null))).isFalse();

    assertThat(await(reports.current(group))).contains(first);
    assertThat(await(reports.header(second.id()))).isEmpty();
  }

  @Test
  void aCreateExpectingAnotherCurrentReportReturnsFalseAndWritesNothing() {
    String group = fresh("group");
    ReportHeader first = header(Uuid7.at(T0), group, "guardduty", T0);
    ReportHeader second = header(Uuid7.at(T0.plusSeconds(1)), group, "guardduty", T0.plusSeconds(1));
    assertThat(await(reports.create(first, null))).isTrue();

    assertThat(await(reports.create(second, Uuid7.at(T0.minusSeconds(60))))).isFalse();

    assertThat(await(reports.current(group))).contains(first);
    assertThat(await(reports.header(second.id()))).isEmpty();
  }

  @Test
  void aCreateExpectingACurrentReportWhenTheGroupHasNoneReturnsFalseAndWritesNothing() {
    ReportHeader header = header(Uuid7.at(T0), fresh("group"), "guardduty", T0);

    assertThat(await(reports.create(header, Uuid7.at(T0.minusSeconds(60))))).isFalse();

    assertThat(await(reports.current(header.groupKey()))).isEmpty();
    assertThat(await(reports.header(header.id()))).isEmpty();
  }

  @Test
  void aCreateExpectingTheCurrentReportReplacesItAsCurrentAndKeepsTheOldReport() {
    String group = fresh("group");
    ReportHeader first = header(Uuid7.at(T0), group, "guardduty", T0);
    ReportHeader second = header(Uuid7.at(T0.plus(Duration.ofHours(4))), group, "guardduty",
        T0.plus(Duration.ofHours(4)));
    assertThat(await(reports.create(first, null))).isTrue();

    assertThat(await(reports.create(second, first.id()))).isTrue();

    assertThat(await(reports.current(group))).contains(second);
    assertThat(await(reports.header(first.id()))).contains(first);
    assertThat(await(reports.header(second.id()))).contains(second);
  }

  @Test
  void groupsHaveIndependentCurrentReports() {
    ReportHeader one = header(Uuid7.at(T0), fresh("group"), "guardduty", T0);
    ReportHeader two = header(Uuid7.at(T0), fresh("group"), "guardduty", T0);

    assertThat(await(reports.create(one, null))).isTrue();
    assertThat(await(reports.create(two, null))).isTrue();

    assertThat(await(reports.current(one.groupKey()))).contains(one);
    assertThat(await(reports.current(two.groupKey()))).contains(two);
  }

  @Test
  void concurrentCreatesForOneGroupKeyProduceExactlyOneReport() throws Exception {
    exactlyOneOfConcurrentCreatesWins(50, candidate -> await(reports.create(candidate, null)), candidate -> candidate);
  }

  /**
   * Runs {@code writers} creates of reports of one new group at once ({@code create} answers whether it
   * created its candidate) and checks that exactly one made its report the group's current one, stored as
   * {@code asStored} says, and that no other report is visible.
   */
  private void exactlyOneOfConcurrentCreatesWins(int writers, java.util.function.Predicate<ReportHeader> create,
                                                 java.util.function.UnaryOperator<ReportHeader> asStored)
      throws Exception {
    String group = fresh("group");
    List<ReportHeader> candidates = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      candidates.add(header(Uuid7.at(T0), group, "guardduty", T0));
    }
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      // Every writer waits at the gate so that the creates overlap as much as the store allows.
      CountDownLatch gate = new CountDownLatch(1);
      List<java.util.concurrent.Future<Boolean>> outcomes = new ArrayList<>();
      for (ReportHeader candidate : candidates) {
        Callable<Boolean> write = () -> {
          gate.await();
          return create.test(candidate);
        };
        outcomes.add(pool.submit(write));
      }
      gate.countDown();

      List<ReportHeader> winners = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        if (outcomes.get(i).get(PortFixtures.TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          winners.add(candidates.get(i));
        }
      }

      assertThat(winners).hasSize(1);
      assertThat(await(reports.current(group))).contains(asStored.apply(winners.get(0)));
      for (ReportHeader candidate : candidates) {
        if (!candidate.id().equals(winners.get(0).id())) {
          assertThat(await(reports.header(candidate.id()))).as("losing report %s", candidate.id()).isEmpty();
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void createWithAlertIsCreateThenAppendAlert() {
    ReportHeader header = header(Uuid7.at(T0), fresh("group"), "guardduty", T0);
    ReceivedAlert alert = alert(fresh("alert"), T0.plusSeconds(1));

    Optional<AppendResult> result = await(reports.createWithAlert(header, null, alert, List.of()));

    ReportHeader expected = header.withAlertAdded(alert.receivedAt());
    assertThat(result).hasValueSatisfying(appended -> {
      assertThat(appended.added()).isTrue();
      assertThat(appended.header()).isEqualTo(expected);
    });
    assertThat(await(reports.current(header.groupKey()))).contains(expected);
    assertThat(await(reports.load(header.id())).orElseThrow().alerts()).containsExactly(alert);
    AppendResult again = await(reports.appendAlert(header.id(), alert));
    assertThat(again.added()).isFalse();
    assertThat(again.header()).isEqualTo(expected);
    ReceivedAlert second = alert(fresh("alert"), T0.plusSeconds(2));
    assertThat(await(reports.appendAlert(header.id(), second)).header())
        .isEqualTo(expected.withAlertAdded(second.receivedAt()));
    assertThat(await(reports.load(header.id())).orElseThrow().alerts()).containsExactly(alert, second);
  }

  @Test
  void createWithAlertThatLosesToAnotherReportLeavesNothingVisible() {
    String group = fresh("group");
    ReportHeader first = header(Uuid7.at(T0), group, "guardduty", T0);
    ReportHeader second = header(Uuid7.at(T0.plusSeconds(1)), group, "guardduty", T0.plusSeconds(1));
    assertThat(await(reports.create(first, null))).isTrue();

    ReceivedAlert alert = alert(fresh("alert"), T0.plusSeconds(1));
    assertThat(await(reports.createWithAlert(second, null, alert, firstAttributes(alert)))).isEmpty();

    assertThat(await(reports.current(group))).contains(first);
    assertThat(await(reports.header(second.id()))).isEmpty();
    assertThat(await(reports.load(second.id()))).isEmpty();
  }

  @Test
  void createUnlessOpenCreatesTheFirstReportOfANewGroup() {
    ReportHeader header = header(Uuid7.at(T0), fresh("group"), "guardduty", T0);
    ReceivedAlert alert = alert(fresh("alert"), T0.plusSeconds(1));

    Optional<AppendResult> result = await(reports.createUnlessOpen(header, T0.minus(Duration.ofHours(3)), alert,
        firstAttributes(alert)));

    ReportHeader expected = header.withAlertAdded(alert.receivedAt());
    assertThat(result).hasValueSatisfying(appended -> assertThat(appended.header()).isEqualTo(expected));
    assertThat(await(reports.current(header.groupKey()))).contains(expected);
    assertThat(await(reports.load(header.id())).orElseThrow().alerts()).containsExactly(alert);
  }

  @Test
  void createUnlessOpenLeavesNothingVisibleWhileTheGroupsReportIsOpen() {
    String group = fresh("group");
    ReportHeader open = header(Uuid7.at(T0), group, "guardduty", T0);
    assertThat(await(reports.create(open, null))).isTrue();
    Instant later = T0.plus(Duration.ofHours(2));
    ReportHeader candidate = header(Uuid7.at(later), group, "guardduty", later);
    ReceivedAlert alert = alert(fresh("alert"), later);

    // A window of three hours: the report created at T0 is open until T0 + 3h.
    assertThat(await(reports.createUnlessOpen(candidate, later.minus(Duration.ofHours(3)), alert,
        firstAttributes(alert)))).isEmpty();

    assertThat(await(reports.current(group))).contains(open);
    assertThat(await(reports.header(candidate.id()))).isEmpty();
    assertThat(await(reports.load(candidate.id()))).isEmpty();
  }

  @Test
  void createUnlessOpenReplacesAGroupsReportWhoseWindowHasClosed() {
    String group = fresh("group");
    ReportHeader old = header(Uuid7.at(T0), group, "guardduty", T0);
    assertThat(await(reports.create(old, null))).isTrue();
    Instant later = T0.plus(Duration.ofHours(3));
    ReportHeader next = header(Uuid7.at(later), group, "guardduty", later);
    ReceivedAlert alert = alert(fresh("alert"), later);

    assertThat(await(reports.createUnlessOpen(next, later.minus(Duration.ofHours(3)), alert, List.of()))).isPresent();

    assertThat(await(reports.current(group))).contains(next.withAlertAdded(alert.receivedAt()));
    assertThat(await(reports.header(old.id()))).contains(old);
  }

  @Test
  void concurrentCreatesUnlessOpenForOneGroupKeyProduceExactlyOneReport() throws Exception {
    exactlyOneOfConcurrentCreatesWins(20, candidate -> await(reports.createUnlessOpen(candidate,
        T0.minus(Duration.ofHours(3)), alert(fresh("alert"), T0), List.of())).isPresent(),
        candidate -> candidate.withAlertAdded(T0));
  }

  @Test
  void theFirstAlertsAttributesAreAdmittedToItsOwnInspectionAndCountedOnce() {
    ReportHeader header = header(Uuid7.at(T0), fresh("group"), "guardduty", T0);
    ReceivedAlert alert = alert(fresh("alert"), T0.plusSeconds(1));
    List<ReportAttribute> first = firstAttributes(alert);
    await(reports.createWithAlert(header, null, alert, first));

    // The alert's inspection offers them: admitted, whether the store admitted them with the report or not.
    Admission own = await(reports.admit(header.id(), first, ROOMY));

    assertThat(own.admitted()).containsExactlyElementsOf(first);
    assertThat(own.duplicates()).isEmpty();
    assertThat(await(reports.load(header.id())).orElseThrow().attributes()).containsExactlyElementsOf(first);
    // Another alert with the same attribute finds it in the report.
    ReportAttribute again = ReportAttribute.of(first.get(0).attribute(), 0, Origin.alert(fresh("alert")));
    Admission other = await(reports.admit(header.id(), List.of(again), ROOMY));
    assertThat(other.admitted()).isEmpty();
    assertThat(other.duplicates()).containsExactly(first.get(0));
    // The report holds one attribute, so a bound of one cuts the next.
    ReportAttribute next = attribute("10.0.0.9", 0);
    Admission full = await(reports.admit(header.id(), List.of(next), new AttributeBounds(3, 1, 500)));
    assertThat(full.cut()).containsExactly(new CutAttribute(next, CutAttribute.MAX_ATTRIBUTES));
  }

  // ---------------------------------------------------------------- update

  @Test
  void updateReplacesTheHeaderWhenTheRevisionMatches() {
    ReportHeader created = newReport();
    ReportHeader reviewing = created.withStatus(ReportStatus.REVIEWING).withReviewDueAt(T0.plusSeconds(600));

    assertThat(await(reports.update(reviewing, 0))).isTrue();

    assertThat(await(reports.header(created.id()))).contains(reviewing.withRevision(1));
    assertThat(await(reports.current(created.groupKey()))).contains(reviewing.withRevision(1));
  }

  @Test
  void updateStoresExpectedRevisionPlusOneWhateverTheHeaderRevisionSays() {
    ReportHeader created = newReport();

    assertThat(await(reports.update(created.withStatus(ReportStatus.REVIEWING).withRevision(42), 0))).isTrue();
    assertThat(await(reports.header(created.id()))).get().extracting(ReportHeader::revision).isEqualTo(1L);

    assertThat(await(reports.update(created.withStatus(ReportStatus.OPEN).withRevision(0), 1))).isTrue();
    ReportHeader stored = await(reports.header(created.id())).orElseThrow();
    assertThat(stored.revision()).isEqualTo(2L);
    assertThat(stored.status()).isEqualTo(ReportStatus.OPEN);
  }

  @Test
  void updateWithAStaleRevisionReturnsFalseAndWritesNothing() {
    ReportHeader created = newReport();
    assertThat(await(reports.update(created.withStatus(ReportStatus.REVIEWING), 0))).isTrue();

    assertThat(await(reports.update(created.withStatus(ReportStatus.PUBLISHED), 0))).isFalse();
    assertThat(await(reports.update(created.withStatus(ReportStatus.PUBLISHED), 2))).isFalse();

    assertThat(await(reports.header(created.id())))
        .contains(created.withStatus(ReportStatus.REVIEWING).withRevision(1));
  }

  // ---------------------------------------------------------------- appendAlert

  @Test
  void appendAlertStoresANewAlertAndUpdatesTheHeaderAsWithAlertAddedSays() {
    ReportHeader created = newReport();
    ReceivedAlert alert = alert(fresh("alert"), T0.plusSeconds(30));

    AppendResult result = await(reports.appendAlert(created.id(), alert));

    ReportHeader expected = created.withAlertAdded(alert.receivedAt());
    assertThat(result.added()).isTrue();
    assertThat(result.header()).isEqualTo(expected);
    assertThat(expected.alertCount()).isEqualTo(1);
    assertThat(expected.revision()).isEqualTo(1L);
    assertThat(expected.updatedAt()).isEqualTo(alert.receivedAt());
    assertThat(await(reports.header(created.id()))).contains(expected);
    assertThat(await(reports.load(created.id())).orElseThrow().alerts()).containsExactly(alert);
  }

  @Test
  void appendAlertIsIdempotentByAlertId() {
    ReportHeader created = newReport();
    String alertId = fresh("alert");
    ReceivedAlert alert = alert(alertId, T0.plusSeconds(30));
    AppendResult first = await(reports.appendAlert(created.id(), alert));

    AppendResult repeat = await(reports.appendAlert(created.id(), alert(alertId, T0.plusSeconds(90))));

    assertThat(repeat.added()).isFalse();
    assertThat(repeat.header()).isEqualTo(first.header());
    assertThat(repeat.header().alertCount()).isEqualTo(1);
    assertThat(repeat.header().revision()).isEqualTo(1L);
    assertThat(await(reports.header(created.id()))).contains(first.header());
    assertThat(await(reports.load(created.id())).orElseThrow().alerts()).containsExactly(alert);
  }

  @Test
  void appendAlertFindsEveryResentAlertOfAReportOfManyAlerts() {
    ReportHeader created = newReport();
    java.util.List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ids.add(fresh("alert"));
      assertThat(await(reports.appendAlert(created.id(), alert(ids.get(i), T0.plusSeconds(i)))).added()).isTrue();
    }

    for (int i = 0; i < 20; i++) {
      assertThat(await(reports.appendAlert(created.id(), alert(ids.get(i), T0.plusSeconds(100 + i)))).added())
          .as("re-sent alert %d", i).isFalse();
    }
    assertThat(await(reports.header(created.id())).orElseThrow().alertCount()).isEqualTo(20);
    assertThat(await(reports.load(created.id())).orElseThrow().alerts()).extracting(ReceivedAlert::id)
        .containsExactlyElementsOf(ids);
  }

  @Test
  void appendAlertCountsEveryNewAlertAndMovesUpdatedAtForwardOnly() {
    ReportHeader created = newReport();
    ReceivedAlert late = alert(fresh("alert"), T0.plusSeconds(600));
    ReceivedAlert early = alert(fresh("alert"), T0.plusSeconds(300));

    await(reports.appendAlert(created.id(), late));
    AppendResult result = await(reports.appendAlert(created.id(), early));

    assertThat(result.added()).isTrue();
    assertThat(result.header().alertCount()).isEqualTo(2);
    assertThat(result.header().revision()).isEqualTo(2L);
    assertThat(result.header().updatedAt()).isEqualTo(late.receivedAt());
    assertThat(result.header()).isEqualTo(created.withAlertAdded(late.receivedAt()).withAlertAdded(early.receivedAt()));
  }

  @Test
  void appendAlertBuildsOnTheStoredHeaderAfterAnUpdate() {
    ReportHeader created = newReport();
    ReportHeader published = created.withStatus(ReportStatus.PUBLISHED).withPublication(1, Verdict.safe("benign"), 0);
    assertThat(await(reports.update(published, 0))).isTrue();
    ReceivedAlert alert = alert(fresh("alert"), T0.plusSeconds(30));

    AppendResult result = await(reports.appendAlert(created.id(), alert));

    assertThat(result.header()).isEqualTo(published.withRevision(1).withAlertAdded(alert.receivedAt()));
  }

  @Test
  void appendAlertFailsForAnUnknownReport() {
    Throwable failure = failureOf(reports.appendAlert(Uuid7.at(T0), alert(fresh("alert"), T0)));

    assertThat(failure).isInstanceOf(NoSuchElementException.class);
  }

  // ---------------------------------------------------------------- admit

  @Test
  void admitAdmitsNewAttributesAndStoresThemInOrder() {
    ReportHeader created = newReport();
    ReportAttribute a = attribute("10.0.0.1", 0);
    ReportAttribute b = attribute("10.0.0.2", 0);
    ReportAttribute c = attribute("10.0.0.3", 1);

    Admission first = await(reports.admit(created.id(), List.of(a, b), ROOMY));
    Admission second = await(reports.admit(created.id(), List.of(c), ROOMY));

    assertThat(first.admitted()).containsExactly(a, b);
    assertThat(first.duplicates()).isEmpty();
    assertThat(first.cut()).isEmpty();
    assertThat(second.admitted()).containsExactly(c);
    assertThat(await(reports.load(created.id())).orElseThrow().attributes()).containsExactly(a, b, c);
  }

  @Test
  void admitReturnsTheStoredCopyForAnAttributeWhoseHashIsAlreadyIn() {
    ReportHeader created = newReport();
    ReportAttribute stored = attribute("10.0.0.1", 0);
    await(reports.admit(created.id(), List.of(stored), ROOMY));
    ReportAttribute rediscovered = new ReportAttribute(stored.attribute(), stored.hash(), 2,
        Origin.inspector("dns", "parent-hash"));

    Admission admission = await(reports.admit(created.id(), List.of(rediscovered), ROOMY));

    assertThat(admission.admitted()).isEmpty();
    assertThat(admission.cut()).isEmpty();
    assertThat(admission.duplicates()).containsExactly(stored);
    assertThat(await(reports.load(created.id())).orElseThrow().attributes()).containsExactly(stored);
  }

  @Test
  void aSecondCandidateWithTheSameHashInOneCallIsADuplicate() {
    ReportHeader created = newReport();
    ReportAttribute first = attribute("10.0.0.1", 0);
    ReportAttribute second = new ReportAttribute(first.attribute(), first.hash(), 1,
        Origin.inspector("dns", "parent-hash"));

    Admission admission = await(reports.admit(created.id(), List.of(first, second), ROOMY));

    assertThat(admission.admitted()).containsExactly(first);
    assertThat(admission.duplicates()).containsExactly(first);
    assertThat(admission.cut()).isEmpty();
    assertThat(await(reports.load(created.id())).orElseThrow().attributes()).containsExactly(first);
  }

  @Test
  void admitCutsAttributesDeeperThanMaxDepth() {
    ReportHeader created = newReport();
    AttributeBounds bounds = new AttributeBounds(2, 500, 500);
    ReportAttribute atBound = attribute("host-a.example", 2);
    ReportAttribute tooDeep = attribute("host-b.example", 3);

    Admission admission = await(reports.admit(created.id(), List.of(atBound, tooDeep), bounds));

    assertThat(admission.admitted()).containsExactly(atBound);
    assertThat(admission.duplicates()).isEmpty();
    assertThat(admission.cut()).containsExactly(new CutAttribute(tooDeep, CutAttribute.MAX_DEPTH));
    StoredReport stored = await(reports.load(created.id())).orElseThrow();
    assertThat(stored.attributes()).containsExactly(atBound);
    assertThat(stored.cut()).containsExactly(new CutAttribute(tooDeep, CutAttribute.MAX_DEPTH));
    assertThat(stored.cutCount()).isEqualTo(1);
  }

  @Test
  void admitCutsAttributesOnceTheReportHoldsMaxAttributes() {
    ReportHeader created = newReport();
    AttributeBounds bounds = new AttributeBounds(3, 2, 500);
    ReportAttribute a = attribute("10.0.0.1", 0);
    ReportAttribute b = attribute("10.0.0.2", 0);
    ReportAttribute c = attribute("10.0.0.3", 0);
    ReportAttribute d = attribute("10.0.0.4", 1);

    Admission first = await(reports.admit(created.id(), List.of(a, b, c), bounds));
    Admission second = await(reports.admit(created.id(), List.of(d), bounds));

    assertThat(first.admitted()).containsExactly(a, b);
    assertThat(first.cut()).containsExactly(new CutAttribute(c, CutAttribute.MAX_ATTRIBUTES));
    assertThat(second.admitted()).isEmpty();
    assertThat(second.cut()).containsExactly(new CutAttribute(d, CutAttribute.MAX_ATTRIBUTES));
    StoredReport stored = await(reports.load(created.id())).orElseThrow();
    assertThat(stored.attributes()).containsExactly(a, b);
    assertThat(stored.cut()).containsExactly(new CutAttribute(c, CutAttribute.MAX_ATTRIBUTES),
        new CutAttribute(d, CutAttribute.MAX_ATTRIBUTES));
    assertThat(stored.cutCount()).isEqualTo(2);
  }

  @Test
  void aDuplicateIsADuplicateEvenBeyondTheBounds() {
    ReportHeader created = newReport();
    ReportAttribute stored = attribute("10.0.0.1", 0);
    await(reports.admit(created.id(), List.of(stored), new AttributeBounds(3, 1, 500)));
    ReportAttribute deepCopy = new ReportAttribute(stored.attribute(), stored.hash(), 9,
        Origin.inspector("dns", "parent-hash"));

    Admission admission = await(reports.admit(created.id(), List.of(deepCopy), new AttributeBounds(3, 1, 500)));

    assertThat(admission.duplicates()).containsExactly(stored);
    assertThat(admission.cut()).isEmpty();
    assertThat(await(reports.load(created.id())).orElseThrow().cutCount()).isZero();
  }

  @Test
  void aCutAttributeIsRecordedAndCountedOncePerHash() {
    ReportHeader created = newReport();
    AttributeBounds bounds = new AttributeBounds(1, 500, 500);
    ReportAttribute tooDeep = attribute("host.example", 2);
    ReportAttribute sameHashOtherOrigin = new ReportAttribute(tooDeep.attribute(), tooDeep.hash(), 3,
        Origin.inspector("whois", "other-parent"));

    Admission first = await(reports.admit(created.id(), List.of(tooDeep), bounds));
    Admission second = await(reports.admit(created.id(), List.of(sameHashOtherOrigin), bounds));

    assertThat(first.cut()).extracting(cut -> cut.attribute().hash()).containsExactly(tooDeep.hash());
    assertThat(second.cut()).extracting(cut -> cut.attribute().hash()).containsExactly(tooDeep.hash());
    assertThat(second.duplicates()).isEmpty();
    StoredReport stored = await(reports.load(created.id())).orElseThrow();
    assertThat(stored.cut()).containsExactly(new CutAttribute(tooDeep, CutAttribute.MAX_DEPTH));
    assertThat(stored.cutCount()).isEqualTo(1);
    assertThat(stored.attributes()).isEmpty();
  }

  @Test
  void cutRecordsStopAtMaxCutRecordsWhileEveryDistinctCutIsCounted() {
    ReportHeader created = newReport();
    AttributeBounds bounds = new AttributeBounds(0, 500, 2);
    List<ReportAttribute> tooDeep = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      tooDeep.add(attribute("host-" + i + ".example", 1));
    }

    Admission admission = await(reports.admit(created.id(), tooDeep, bounds));

    assertThat(admission.cut()).extracting(CutAttribute::attribute).containsExactlyElementsOf(tooDeep);
    StoredReport stored = await(reports.load(created.id())).orElseThrow();
    assertThat(stored.cut()).containsExactly(new CutAttribute(tooDeep.get(0), CutAttribute.MAX_DEPTH),
        new CutAttribute(tooDeep.get(1), CutAttribute.MAX_DEPTH));
    assertThat(stored.cutCount()).isEqualTo(5);
  }

  @Test
  void offeringUnrecordedCutAttributesAgainDoesNotCountThemAgain() {
    ReportHeader created = newReport();
    AttributeBounds bounds = new AttributeBounds(0, 500, 2);
    List<ReportAttribute> tooDeep = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      tooDeep.add(attribute("host-" + i + ".example", 1));
    }
    await(reports.admit(created.id(), tooDeep, bounds));

    // A redelivered inspection offers the same discoveries again; they are the same five cut attributes.
    await(reports.admit(created.id(), tooDeep, bounds));
    await(reports.admit(created.id(), List.of(tooDeep.get(4)), bounds));

    StoredReport stored = await(reports.load(created.id())).orElseThrow();
    assertThat(stored.cut()).hasSize(2);
    assertThat(stored.cutCount()).isEqualTo(5);

    await(reports.admit(created.id(), List.of(attribute("host-6.example", 1)), bounds));
    assertThat(await(reports.load(created.id())).orElseThrow().cutCount()).isEqualTo(6);
  }

  // ---------------------------------------------------------------- recordInspection

  @Test
  void recordInspectionReplacesAnEarlierOutcomeOfTheSameAttributeAndInspector() {
    ReportHeader created = newReport();
    ReportAttribute attribute = attribute("10.0.0.1", 0);
    await(reports.admit(created.id(), List.of(attribute), ROOMY));
    InspectionOutcome pending = outcome(attribute.hash(), "whois", InspectionStatus.PENDING, null, List.of());
    InspectionOutcome done = outcome(attribute.hash(), "whois", InspectionStatus.DONE, T0.plusSeconds(5),
        List.of(finding("whois", "NL")));

    await(reports.recordInspection(created.id(), pending));
    await(reports.recordInspection(created.id(), done));

    assertThat(await(reports.load(created.id())).orElseThrow().inspections()).containsExactly(done);
  }

  @Test
  void recordInspectionKeepsOutcomesOfDifferentInspectorsAndAttributesApart() {
    ReportHeader created = newReport();
    ReportAttribute a = attribute("10.0.0.1", 0);
    ReportAttribute b = attribute("10.0.0.2", 0);
    await(reports.admit(created.id(), List.of(a, b), ROOMY));
    InspectionOutcome whoisA = outcome(a.hash(), "whois", InspectionStatus.DONE, T0, List.of(finding("whois", "NL")));
    InspectionOutcome reputationA = outcome(a.hash(), "reputation", InspectionStatus.FAILED, T0, List.of());
    InspectionOutcome whoisB = outcome(b.hash(), "whois", InspectionStatus.TIMED_OUT, T0, List.of());

    await(reports.recordInspection(created.id(), whoisA));
    await(reports.recordInspection(created.id(), reputationA));
    await(reports.recordInspection(created.id(), whoisB));

    assertThat(await(reports.load(created.id())).orElseThrow().inspections())
        .containsExactlyInAnyOrder(whoisA, reputationA, whoisB);
  }

  // ---------------------------------------------------------------- load

  @Test
  void loadReturnsEverythingRecordedWithAlertsAndAttributesInInsertionOrder() {
    ReportHeader created = newReport();
    ReceivedAlert first = alert(fresh("alert"), T0.plusSeconds(20));
    ReceivedAlert second = alert(fresh("alert"), T0.plusSeconds(10));
    ReceivedAlert third = alert(fresh("alert"), T0.plusSeconds(30));
    await(reports.appendAlert(created.id(), first));
    await(reports.appendAlert(created.id(), second));
    ReportHeader afterAlerts = await(reports.appendAlert(created.id(), third)).header();
    ReportAttribute z = attribute("10.0.0.9", 0);
    ReportAttribute y = attribute("10.0.0.8", 0);
    ReportAttribute x = attribute("host.example", 1);
    ReportAttribute tooDeep = attribute("deep.example", 4);
    await(reports.admit(created.id(), List.of(z, y), ROOMY));
    await(reports.admit(created.id(), List.of(x, tooDeep), ROOMY));
    InspectionOutcome outcome = outcome(z.hash(), "whois", InspectionStatus.DONE, T0.plusSeconds(40),
        List.of(finding("whois", "NL")));
    await(reports.recordInspection(created.id(), outcome));

    StoredReport stored = await(reports.load(created.id())).orElseThrow();

    assertThat(stored.header()).isEqualTo(afterAlerts);
    assertThat(stored.alerts()).containsExactly(first, second, third);
    assertThat(stored.attributes()).containsExactly(z, y, x);
    assertThat(stored.cut()).containsExactly(new CutAttribute(tooDeep, CutAttribute.MAX_DEPTH));
    assertThat(stored.cutCount()).isEqualTo(1);
    assertThat(stored.inspections()).containsExactly(outcome);
    assertThat(stored.verdicts()).isEmpty();
  }

  @Test
  void loadIsEmptyForAnUnknownReport() {
    assertThat(await(reports.load(Uuid7.at(T0)))).isEmpty();
  }

  @Test
  void loadOfANewReportHoldsOnlyItsHeader() {
    ReportHeader created = newReport();

    StoredReport stored = await(reports.load(created.id())).orElseThrow();

    assertThat(stored.header()).isEqualTo(created);
    assertThat(stored.alerts()).isEmpty();
    assertThat(stored.attributes()).isEmpty();
    assertThat(stored.cut()).isEmpty();
    assertThat(stored.cutCount()).isZero();
    assertThat(stored.inspections()).isEmpty();
    assertThat(stored.verdicts()).isEmpty();
  }

  // ---------------------------------------------------------------- publish, publication

  @Test
  void publishReplacesTheHeaderAndStoresTheSnapshotUnderItsVersion() {
    ReportHeader created = newReport();
    ReceivedAlert alert = alert(fresh("alert"), T0.plusSeconds(1));
    ReportHeader current = await(reports.appendAlert(created.id(), alert)).header();
    Verdict verdict = Verdict.urgent("known bad address");
    Instant publishedAt = T0.plusSeconds(600);
    ReportHeader published = current.withPublication(1, verdict, current.alertCount())
        .withStatus(ReportStatus.PUBLISHED)
        .withReviewDueAt(null).withUpdatedAt(publishedAt);
    Report snapshot = snapshot(current, List.of(alert), List.of()).published(1, verdict, publishedAt);

    assertThat(await(reports.publish(published, current.revision(), snapshot))).isTrue();

    assertThat(await(reports.header(created.id()))).contains(published.withRevision(current.revision() + 1));
    assertThat(await(reports.publication(created.id(), 1))).contains(snapshot);
    assertThat(await(reports.publication(created.id(), 2))).isEmpty();
    assertThat(await(reports.load(created.id())).orElseThrow().verdicts())
        .containsExactly(new PublishedVerdict(1, verdict, publishedAt));
  }

  @Test
  void publishStoresExpectedRevisionPlusOneWhateverTheHeaderRevisionSays() {
    ReportHeader created = newReport();
    Verdict verdict = Verdict.safe("benign");
    Report snapshot = snapshot(created, List.of(), List.of()).published(1, verdict, T0);

    assertThat(await(reports.publish(created.withPublication(1, verdict, 0).withRevision(7), 0, snapshot))).isTrue();

    assertThat(await(reports.header(created.id()))).get().extracting(ReportHeader::revision).isEqualTo(1L);
  }

  @Test
  void publishWithAStaleRevisionReturnsFalseAndWritesNothing() {
    ReportHeader created = newReport();
    ReportHeader current = await(reports.appendAlert(created.id(), alert(fresh("alert"), T0))).header();
    Verdict verdict = Verdict.safe("benign");
    Report snapshot = snapshot(created, List.of(), List.of()).published(1, verdict, T0.plusSeconds(600));

    boolean written = await(reports.publish(created.withPublication(1, verdict, 0).withStatus(ReportStatus.PUBLISHED),
        created.revision(), snapshot));

    assertThat(written).isFalse();
    assertThat(await(reports.header(created.id()))).contains(current);
    assertThat(await(reports.publication(created.id(), 1))).isEmpty();
    assertThat(await(reports.load(created.id())).orElseThrow().verdicts()).isEmpty();
  }

  @Test
  void publishingASecondVersionKeepsTheFirstAndAppendsItsVerdict() {
    ReportHeader created = newReport();
    Verdict safe = Verdict.safe("benign");
    Verdict urgent = Verdict.urgent("late alert changed the picture");
    Report first = snapshot(created, List.of(), List.of()).published(1, safe, T0.plusSeconds(600));
    ReportHeader v1 = created.withPublication(1, safe, 0).withStatus(ReportStatus.PUBLISHED);
    assertThat(await(reports.publish(v1, 0, first))).isTrue();
    ReceivedAlert late = alert(fresh("alert"), T0.plusSeconds(900));
    ReportHeader reopened = await(reports.appendAlert(created.id(), late)).header();
    Report second = snapshot(reopened, List.of(late), first.verdicts()).published(2, urgent, T0.plusSeconds(1500));
    ReportHeader v2 = reopened.withPublication(2, urgent, reopened.alertCount());

    assertThat(await(reports.publish(v2, reopened.revision(), second))).isTrue();

    assertThat(await(reports.publication(created.id(), 1))).contains(first);
    assertThat(await(reports.publication(created.id(), 2))).contains(second);
    assertThat(await(reports.load(created.id())).orElseThrow().verdicts()).containsExactly(
        new PublishedVerdict(1, safe, T0.plusSeconds(600)), new PublishedVerdict(2, urgent, T0.plusSeconds(1500)));
    assertThat(await(reports.header(created.id()))).contains(v2.withRevision(reopened.revision() + 1));
  }

  @Test
  void aLargePublicationIsStoredAndReadBackExactly() {
    ReportHeader created = newReport();
    List<ReceivedAlert> alerts = new ArrayList<>();
    ReportHeader current = created;
    // Alerts with unique ids compress poorly: the snapshot is many kilobytes however the store packs it.
    for (int i = 0; i < 100; i++) {
      ReceivedAlert alert = alert(fresh("alert"), T0.plusSeconds(i + 1));
      current = await(reports.appendAlert(created.id(), alert)).header();
      alerts.add(alert);
    }
    Verdict verdict = Verdict.urgent("a hundred alerts");
    Report snapshot = snapshot(current, alerts, List.of()).published(1, verdict, T0.plusSeconds(600));

    assertThat(await(reports.publish(current.withPublication(1, verdict, current.alertCount())
        .withStatus(ReportStatus.PUBLISHED), current.revision(), snapshot))).isTrue();

    assertThat(await(reports.publication(created.id(), 1))).contains(snapshot);
  }

  @Test
  void publicationIsEmptyForAnUnknownReportOrVersion() {
    ReportHeader created = newReport();

    assertThat(await(reports.publication(Uuid7.at(T0), 1))).isEmpty();
    assertThat(await(reports.publication(created.id(), 1))).isEmpty();
  }

  // ---------------------------------------------------------------- query

  @Test
  void queryReturnsMatchingHeadersNewestFirstById() {
    String detector = fresh("detector");
    List<ReportHeader> created = new ArrayList<>();
    // Created out of order, so that the order of the answer can only come from the ids.
    for (int minute : new int[] {3, 0, 4, 1, 2}) {
      Instant at = T0.plus(Duration.ofMinutes(minute));
      created.add(createReport(header(Uuid7.at(at), fresh("group"), detector, at)));
    }

    Page<ReportHeader> page = await(reports.query(ReportQuery.all().withDetector(detector)));

    assertThat(page.items()).extracting(ReportHeader::id)
        .containsExactlyElementsOf(idsNewestFirst(created));
    assertThat(page.nextCursor()).isNull();
  }

  @Test
  void queryReturnsTheLatestStateOfEachHeader() {
    String detector = fresh("detector");
    ReportHeader created = createReport(header(Uuid7.at(T0), fresh("group"), detector, T0));
    ReportHeader appended = await(reports.appendAlert(created.id(), alert(fresh("alert"), T0.plusSeconds(5))))
        .header();

    Page<ReportHeader> page = await(reports.query(ReportQuery.all().withDetector(detector)));

    assertThat(page.items()).containsExactly(appended);
  }

  @Test
  void queryFiltersByStatus() {
    String detector = fresh("detector");
    ReportHeader open = createReport(header(Uuid7.at(T0), fresh("group"), detector, T0));
    ReportHeader toPublish = createReport(header(Uuid7.at(T0.plusSeconds(1)), fresh("group"), detector,
        T0.plusSeconds(1)));
    ReportHeader toReview = createReport(header(Uuid7.at(T0.plusSeconds(2)), fresh("group"), detector,
        T0.plusSeconds(2)));
    await(reports.update(toPublish.withStatus(ReportStatus.PUBLISHED), 0));
    await(reports.update(toReview.withStatus(ReportStatus.REVIEWING), 0));

    assertThat(ids(ReportQuery.all().withDetector(detector).withStatus(ReportStatus.OPEN)))
        .containsExactly(open.id());
    assertThat(ids(ReportQuery.all().withDetector(detector).withStatus(ReportStatus.PUBLISHED)))
        .containsExactly(toPublish.id());
    assertThat(ids(ReportQuery.all().withDetector(detector).withStatus(ReportStatus.REVIEWING)))
        .containsExactly(toReview.id());
  }

  @Test
  void queryFiltersBySeverityOfTheLatestVerdict() {
    String detector = fresh("detector");
    ReportHeader unreviewed = createReport(header(Uuid7.at(T0), fresh("group"), detector, T0));
    ReportHeader safe = createReport(header(Uuid7.at(T0.plusSeconds(1)), fresh("group"), detector,
        T0.plusSeconds(1)));
    ReportHeader urgent = createReport(header(Uuid7.at(T0.plusSeconds(2)), fresh("group"), detector,
        T0.plusSeconds(2)));
    ReportHeader wasUrgent = createReport(header(Uuid7.at(T0.plusSeconds(3)), fresh("group"), detector,
        T0.plusSeconds(3)));
    await(reports.update(safe.withPublication(1, Verdict.safe("benign"), safe.alertCount()), 0));
    await(reports.update(urgent.withPublication(1, Verdict.urgent("bad"), urgent.alertCount()), 0));
    await(reports.update(wasUrgent.withPublication(1, Verdict.urgent("bad"), wasUrgent.alertCount()), 0));
    await(reports.update(wasUrgent.withPublication(2, Verdict.unclassified("unsure"), wasUrgent.alertCount()), 1));

    assertThat(ids(ReportQuery.all().withDetector(detector).withSeverity(Severity.URGENT)))
        .containsExactly(urgent.id());
    assertThat(ids(ReportQuery.all().withDetector(detector).withSeverity(Severity.SAFE)))
        .containsExactly(safe.id());
    assertThat(ids(ReportQuery.all().withDetector(detector).withSeverity(Severity.UNCLASSIFIED)))
        .containsExactly(wasUrgent.id());
    assertThat(ids(ReportQuery.all().withDetector(detector)))
        .containsExactly(wasUrgent.id(), urgent.id(), safe.id(), unreviewed.id());
  }

  @Test
  void queryFiltersByDetector() {
    String guardduty = fresh("guardduty");
    String falco = fresh("falco");
    ReportHeader one = createReport(header(Uuid7.at(T0), fresh("group"), guardduty, T0));
    ReportHeader two = createReport(header(Uuid7.at(T0.plusSeconds(1)), fresh("group"), falco, T0.plusSeconds(1)));
    ReportHeader three = createReport(header(Uuid7.at(T0.plusSeconds(2)), fresh("group"), guardduty,
        T0.plusSeconds(2)));

    assertThat(ids(ReportQuery.all().withDetector(guardduty))).containsExactly(three.id(), one.id());
    assertThat(ids(ReportQuery.all().withDetector(falco))).containsExactly(two.id());
    assertThat(ids(ReportQuery.all().withDetector(fresh("unknown")))).isEmpty();
  }

  @Test
  void queryFiltersByCreationTimeWithAnInclusiveSinceAndAnExclusiveUntil() {
    String detector = fresh("detector");
    List<ReportHeader> created = new ArrayList<>();
    for (int minute = 0; minute < 4; minute++) {
      Instant at = T0.plus(Duration.ofMinutes(minute));
      created.add(createReport(header(Uuid7.at(at), fresh("group"), detector, at)));
    }
    Instant since = created.get(1).createdAt();
    Instant until = created.get(3).createdAt();

    assertThat(ids(ReportQuery.all().withDetector(detector).withCreatedBetween(since, until)))
        .containsExactly(created.get(2).id(), created.get(1).id());
    assertThat(ids(ReportQuery.all().withDetector(detector).withCreatedBetween(since, null)))
        .containsExactly(created.get(3).id(), created.get(2).id(), created.get(1).id());
    assertThat(ids(ReportQuery.all().withDetector(detector).withCreatedBetween(null, until)))
        .containsExactly(created.get(2).id(), created.get(1).id(), created.get(0).id());
  }

  @Test
  void queryCombinesFilters() {
    String detector = fresh("detector");
    ReportHeader oldUrgent = createReport(header(Uuid7.at(T0), fresh("group"), detector, T0));
    ReportHeader newUrgent = createReport(header(Uuid7.at(T0.plusSeconds(60)), fresh("group"), detector,
        T0.plusSeconds(60)));
    ReportHeader newSafe = createReport(header(Uuid7.at(T0.plusSeconds(61)), fresh("group"), detector,
        T0.plusSeconds(61)));
    await(reports.update(oldUrgent.withPublication(1, Verdict.urgent("bad"), 0).withStatus(ReportStatus.PUBLISHED), 0));
    await(reports.update(newUrgent.withPublication(1, Verdict.urgent("bad"), 0).withStatus(ReportStatus.PUBLISHED), 0));
    await(reports.update(newSafe.withPublication(1, Verdict.safe("ok"), 0).withStatus(ReportStatus.PUBLISHED), 0));

    ReportQuery query = ReportQuery.all().withDetector(detector).withStatus(ReportStatus.PUBLISHED)
        .withSeverity(Severity.URGENT).withCreatedBetween(T0.plusSeconds(30), null);

    assertThat(ids(query)).containsExactly(newUrgent.id());
  }

  @Test
  void pagingWithTheCursorVisitsEveryMatchingHeaderExactlyOnce() {
    String detector = fresh("detector");
    List<ReportHeader> matching = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      Instant at = T0.plusSeconds(i);
      ReportHeader created = createReport(header(Uuid7.at(at), fresh("group"), detector, at));
      // Every third report is reviewing, so pages have to skip reports the filter rejects.
      if (i % 3 == 0) {
        await(reports.update(created.withStatus(ReportStatus.REVIEWING), 0));
      } else {
        matching.add(created);
      }
    }
    ReportQuery query = ReportQuery.all().withDetector(detector).withStatus(ReportStatus.OPEN).withLimit(4);

    List<String> visited = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Page<ReportHeader> page = await(reports.query(query.withCursor(cursor)));
      assertThat(page.items()).hasSizeLessThanOrEqualTo(4);
      page.items().forEach(item -> visited.add(item.id()));
      cursor = page.nextCursor();
      pages++;
      assertThat(pages).as("pages needed for %d headers", matching.size()).isLessThanOrEqualTo(matching.size() + 1);
    } while (cursor != null);

    assertThat(visited).doesNotHaveDuplicates().containsExactlyElementsOf(idsNewestFirst(matching));
  }

  @Test
  void aFullFirstPageHasACursorToTheRest() {
    String detector = fresh("detector");
    List<ReportHeader> created = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Instant at = T0.plusSeconds(i);
      created.add(createReport(header(Uuid7.at(at), fresh("group"), detector, at)));
    }

    Page<ReportHeader> first = await(reports.query(ReportQuery.all().withDetector(detector).withLimit(2)));
    Page<ReportHeader> second = await(reports.query(ReportQuery.all().withDetector(detector).withLimit(2)
        .withCursor(first.nextCursor())));

    assertThat(first.items()).extracting(ReportHeader::id).containsExactly(created.get(2).id(), created.get(1).id());
    assertThat(first.nextCursor()).isNotNull();
    assertThat(second.items()).extracting(ReportHeader::id).containsExactly(created.get(0).id());
    assertThat(second.nextCursor()).isNull();
  }

  @Test
  void queryReturnsAnEmptyLastPageWhenNothingMatches() {
    Page<ReportHeader> page = await(reports.query(ReportQuery.all().withDetector(fresh("nobody"))));

    assertThat(page.items()).isEmpty();
    assertThat(page.nextCursor()).isNull();
  }

  // ---------------------------------------------------------------- helpers

  private ReportHeader newReport() {
    return createReport(header(Uuid7.at(T0), fresh("group"), "guardduty", T0));
  }

  private ReportHeader createReport(ReportHeader header) {
    assertThat(await(reports.create(header, null))).as("create %s", header.id()).isTrue();
    return header;
  }

  private List<String> ids(ReportQuery query) {
    Page<ReportHeader> page = await(reports.query(query));
    return page.items().stream().map(ReportHeader::id).toList();
  }

  private static List<String> idsNewestFirst(List<ReportHeader> headers) {
    List<String> ids = new ArrayList<>();
    headers.forEach(header -> ids.add(header.id()));
    ids.sort(Comparator.reverseOrder());
    Set<String> unique = new HashSet<>(ids);
    assertThat(unique).as("fixture ids are unique").hasSize(ids.size());
    return ids;
  }

  /** A new, open, unreviewed header at revision 0, as the engine creates it. */
  private static ReportHeader header(String id, String groupKey, String detector, Instant createdAt) {
    return new ReportHeader(id, groupKey, detector, "rule-1", "Unusual login", "i-0123456789", ReportStatus.OPEN, 0,
        createdAt, createdAt, 0, 0, createdAt.plus(Duration.ofMinutes(10)), null, 0);
  }

  private static ReceivedAlert alert(String id, Instant receivedAt) {
    Alert alert = Alert.builder("guardduty", "rule-1")
        .ruleName("Unusual login")
        .alertKey("i-0123456789")
        .description("login from an unusual address")
        .timestamp(receivedAt)
        .attribute(Attribute.IPADDR, "source address", "198.51.100.7", Attribute.REMOTE)
        .body(new JsonObject().put("id", id))
        .build();
    return new ReceivedAlert(id, receivedAt, alert);
  }

  /** An alert's attributes as its inspection offers them: at depth 0, from the alert. */
  private static List<ReportAttribute> firstAttributes(ReceivedAlert alert) {
    return ReportAttribute.ofAlert(alert.id(), alert.alert().attributes());
  }

  private static ReportAttribute attribute(String value, int depth) {
    Attribute attribute = Attribute.of(Attribute.IPADDR, "address", value, Attribute.REMOTE);
    Origin origin = depth == 0 ? Origin.alert("alert-1") : Origin.inspector("dns", "parent-hash");
    return ReportAttribute.of(attribute, depth, origin);
  }

  private static InspectionOutcome outcome(String hash, String inspector, InspectionStatus status, Instant finishedAt,
                                           List<Finding> findings) {
    String error = status == InspectionStatus.FAILED ? "connection refused" : null;
    return new InspectionOutcome(new InspectionRecord(hash, inspector, status, error, 1, finishedAt), findings);
  }

  private static Finding finding(String author, String country) {
    return new Finding(author, Finding.HOST, new JsonObject().put("country", country));
  }

  /** The report as compiled for review, before publication. */
  private static Report snapshot(ReportHeader header, List<ReceivedAlert> alerts, List<PublishedVerdict> verdicts) {
    return new Report(header.id(), header.groupKey(), header.detector(), header.ruleId(), header.ruleName(),
        header.alertKey(), ReportStatus.REVIEWING, header.nextVersion(), header.createdAt(), header.updatedAt(),
        alerts, List.of(), List.of(), List.of(), List.of(), 0, null, verdicts);
  }
}
