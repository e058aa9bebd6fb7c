package org.alertresponder.tck.ports;

import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.spi.Payload;
import org.alertresponder.engine.spi.WorkItem;
import org.alertresponder.engine.spi.WorkQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.alertresponder.tck.ports.PortFixtures.T0;
import static org.alertresponder.tck.ports.PortFixtures.await;
import static org.alertresponder.tck.ports.PortFixtures.fresh;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of {@link WorkQueue}: idempotent enqueueing while an item is waiting or leased, claims
 * oldest first, leases that hide an item until they run out, completion, and independent named queues.
 *
 * <p>Every test works on queues with fresh names, so that it holds even for a store other tests share.
 */
public abstract class WorkQueueContract extends PortContract {
  private static final Duration LEASE = Duration.ofMinutes(1);

  private WorkQueue work;
  private String queue;

  @BeforeEach
  void selectPort() {
    work = adapter.work();
    queue = fresh("inspector");
  }

  @Test
  void enqueueAddsAnItemThatIsClaimableWithItsPayload() {
    WorkItem item = item(fresh("item"));

    assertThat(await(work.enqueue(queue, item))).isTrue();

    assertThat(await(work.size(queue))).isEqualTo(1L);
    assertThat(await(work.claim(queue, T0, 10, LEASE))).containsExactly(item.withDeliveries(1));
  }

  @Test
  void enqueueIsIdempotentWhileTheItemWaits() {
    String id = fresh("item");
    WorkItem first = item(id);
    assertThat(await(work.enqueue(queue, first))).isTrue();

    assertThat(await(work.enqueue(queue, new WorkItem(id, new JsonObject().put("other", true), 0)))).isFalse();

    assertThat(await(work.size(queue))).isEqualTo(1L);
    assertThat(await(work.claim(queue, T0, 10, LEASE))).containsExactly(first.withDeliveries(1));
  }

  @Test
  void enqueueIsIdempotentWhileTheItemIsLeased() {
    WorkItem item = item(fresh("item"));
    await(work.enqueue(queue, item));
    await(work.claim(queue, T0, 10, LEASE));

    assertThat(await(work.enqueue(queue, item))).isFalse();

    assertThat(await(work.size(queue))).isEqualTo(1L);
    assertThat(await(work.claim(queue, T0.plusSeconds(1), 10, LEASE))).isEmpty();
  }

  @Test
  void aCompletedItemCanBeEnqueuedAgain() {
    WorkItem item = item(fresh("item"));
    await(work.enqueue(queue, item));
    await(work.claim(queue, T0, 10, LEASE));
    await(work.complete(queue, item.id()));

    assertThat(await(work.enqueue(queue, item))).isTrue();

    assertThat(await(work.size(queue))).isEqualTo(1L);
    assertThat(await(work.claim(queue, T0.plusSeconds(1), 10, LEASE))).containsExactly(item.withDeliveries(1));
  }

  @Test
  void claimReturnsTheOldestItemsFirst() {
    WorkItem first = item("c-" + fresh("item"));
    WorkItem second = item("a-" + fresh("item"));
    WorkItem third = item("b-" + fresh("item"));
    await(work.enqueue(queue, first));
    await(work.enqueue(queue, second));
    await(work.enqueue(queue, third));

    assertThat(await(work.claim(queue, T0, 10, LEASE))).extracting(WorkItem::id)
        .containsExactly(first.id(), second.id(), third.id());
  }

  @Test
  void claimReturnsAtMostMaxItems() {
    WorkItem first = item(fresh("item"));
    WorkItem second = item(fresh("item"));
    WorkItem third = item(fresh("item"));
    await(work.enqueue(queue, first));
    await(work.enqueue(queue, second));
    await(work.enqueue(queue, third));

    List<WorkItem> firstBatch = await(work.claim(queue, T0, 2, LEASE));
    List<WorkItem> secondBatch = await(work.claim(queue, T0, 2, LEASE));

    assertThat(firstBatch).extracting(WorkItem::id).containsExactly(first.id(), second.id());
    assertThat(secondBatch).extracting(WorkItem::id).containsExactly(third.id());
  }

  @Test
  void claimReturnsNothingFromAnEmptyQueue() {
    assertThat(await(work.claim(queue, T0, 10, LEASE))).isEmpty();
  }

  @Test
  void aClaimedItemIsInvisibleUntilItsLeaseEndsAndIsThenRedelivered() {
    WorkItem item = item(fresh("item"));
    await(work.enqueue(queue, item));

    assertThat(await(work.claim(queue, T0, 10, LEASE))).containsExactly(item.withDeliveries(1));
    assertThat(await(work.claim(queue, T0, 10, LEASE))).isEmpty();
    assertThat(await(work.claim(queue, T0.plus(LEASE).minusMillis(1), 10, LEASE))).isEmpty();

    assertThat(await(work.claim(queue, T0.plus(LEASE), 10, LEASE))).containsExactly(item.withDeliveries(2));
  }

  @Test
  void anExpiredLeaseIsClaimedAlongsideWaitingItems() {
    WorkItem leased = item(fresh("item"));
    WorkItem waiting = item(fresh("item"));
    await(work.enqueue(queue, leased));
    await(work.claim(queue, T0, 10, LEASE));
    await(work.enqueue(queue, waiting));

    List<WorkItem> claimed = await(work.claim(queue, T0.plus(LEASE), 10, LEASE));

    assertThat(claimed).containsExactlyInAnyOrder(leased.withDeliveries(2), waiting.withDeliveries(1));
  }

  @Test
  void completeRemovesAnItem() {
    WorkItem item = item(fresh("item"));
    await(work.enqueue(queue, item));
    await(work.claim(queue, T0, 10, LEASE));

    await(work.complete(queue, item.id()));

    assertThat(await(work.size(queue))).isZero();
    assertThat(await(work.claim(queue, T0.plus(LEASE), 10, LEASE))).isEmpty();
    assertThat(await(work.nextVisible(queue, T0.plus(LEASE)))).isEmpty();
  }

  @Test
  void completingAnUnknownItemDoesNothing() {
    WorkItem item = item(fresh("item"));
    await(work.enqueue(queue, item));

    await(work.complete(queue, fresh("unknown")));

    assertThat(await(work.size(queue))).isEqualTo(1L);
    assertThat(await(work.claim(queue, T0, 10, LEASE))).containsExactly(item.withDeliveries(1));
  }

  @Test
  void queuesAreIndependentByName() {
    String other = fresh("inspector");
    String id = fresh("item");
    WorkItem here = new WorkItem(id, new JsonObject().put("queue", "here"), 0);
    WorkItem there = new WorkItem(id, new JsonObject().put("queue", "there"), 0);

    assertThat(await(work.enqueue(queue, here))).isTrue();
    assertThat(await(work.enqueue(other, there))).isTrue();
    assertThat(await(work.enqueue(other, item(fresh("item"))))).isTrue();

    assertThat(await(work.size(queue))).isEqualTo(1L);
    assertThat(await(work.size(other))).isEqualTo(2L);
    assertThat(await(work.claim(queue, T0, 10, LEASE))).containsExactly(here.withDeliveries(1));
    await(work.complete(queue, id));
    assertThat(await(work.size(queue))).isZero();
    assertThat(await(work.size(other))).isEqualTo(2L);
    assertThat(await(work.claim(other, T0, 1, LEASE))).containsExactly(there.withDeliveries(1));
  }

  @Test
  void nextVisibleIsEmptyForAnEmptyQueue() {
    assertThat(await(work.nextVisible(queue, T0))).isEmpty();
  }

  @Test
  void nextVisibleIsNowWhileItemsWait() {
    await(work.enqueue(queue, item(fresh("item"))));

    assertThat(await(work.nextVisible(queue, T0))).contains(T0);
    assertThat(await(work.nextVisible(queue, T0.plusSeconds(3600)))).contains(T0.plusSeconds(3600));
  }

  @Test
  void nextVisibleIsNowWhileAnyItemWaitsEvenIfOthersAreLeased() {
    await(work.enqueue(queue, item(fresh("item"))));
    await(work.claim(queue, T0, 1, LEASE));
    await(work.enqueue(queue, item(fresh("item"))));

    assertThat(await(work.nextVisible(queue, T0.plusSeconds(1)))).contains(T0.plusSeconds(1));
  }

  @Test
  void nextVisibleIsTheEarliestLeaseEndWhenEveryItemIsLeased() {
    await(work.enqueue(queue, item(fresh("item"))));
    await(work.enqueue(queue, item(fresh("item"))));
    await(work.claim(queue, T0, 1, Duration.ofMinutes(5)));
    await(work.claim(queue, T0, 1, Duration.ofMinutes(2)));

    assertThat(await(work.nextVisible(queue, T0.plusSeconds(1)))).contains(T0.plus(Duration.ofMinutes(2)));
  }

  @Test
  void nextVisibleIsNowWhenALeaseHasAlreadyRunOut() {
    await(work.enqueue(queue, item(fresh("item"))));
    await(work.claim(queue, T0, 10, LEASE));
    Instant later = T0.plus(LEASE).plusSeconds(240);

    assertThat(await(work.nextVisible(queue, later))).contains(later);
  }

  @Test
  void sizeCountsWaitingAndLeasedItems() {
    assertThat(await(work.size(queue))).isZero();
    WorkItem first = item(fresh("item"));
    await(work.enqueue(queue, first));
    await(work.enqueue(queue, item(fresh("item"))));
    await(work.enqueue(queue, item(fresh("item"))));

    await(work.claim(queue, T0, 2, LEASE));
    assertThat(await(work.size(queue))).isEqualTo(3L);

    await(work.complete(queue, first.id()));
    assertThat(await(work.size(queue))).isEqualTo(2L);
  }

  @Test
  void everyCallCompletesOnTheCallersContext() {
    WorkItem item = item(fresh("item"));
    assertThat(onContext(() -> work.enqueue(queue, item))).isTrue();
    assertThat(onContext(() -> work.claim(queue, T0, 10, LEASE))).hasSize(1);
    assertThat(onContext(() -> work.nextVisible(queue, T0))).isPresent();
    onContext(() -> work.complete(queue, item.id()));
    assertThat(onContext(() -> work.size(queue))).isZero();
  }

  /** A work item queued with a typed message is claimed with its JSON, whatever the queue keeps. */
  @Test
  void anItemQueuedWithATypedMessageIsClaimedWithItsJson() {
    String id = fresh("item");
    await(work.enqueue(queue, WorkItem.carrying(id, new Inspection("hash-" + id))));

    List<WorkItem> claimed = await(work.claim(queue, T0, 10, LEASE));

    assertThat(claimed).hasSize(1);
    assertThat(claimed.get(0).id()).isEqualTo(id);
    assertThat(claimed.get(0).payload()).isEqualTo(new JsonObject().put("attribute", "hash-" + id));
    Inspection message = claimed.get(0).message(Inspection.class);
    assertThat(message == null || message.equals(new Inspection("hash-" + id)))
        .as("the message handed back, if any, is the one queued: %s", message).isTrue();
  }

  /** A typed work message, as the engine's inspections are. */
  public record Inspection(String attribute) implements Payload {
    @Override
    public JsonObject toJson() {
      return new JsonObject().put("attribute", attribute);
    }
  }

  private static WorkItem item(String id) {
    return WorkItem.of(id, new JsonObject().put("attribute", "hash-" + id).put("report", "report-1"));
  }
}
