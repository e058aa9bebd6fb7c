package org.alertresponder.engine.review;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import org.alertresponder.engine.bus.Addresses;
import org.alertresponder.engine.bus.StageBus;
import org.alertresponder.engine.internal.ActivityTracker;
import org.alertresponder.engine.timer.ReviewTimer;

/** Shell of the review stage: takes a review request from the bus, reviews, replies when published. */
public final class ReviewVerticle extends VerticleBase {
  private final ReviewService service;
  private final ActivityTracker tracker;
  private final StageBus stages;

  public ReviewVerticle(ReviewService service, ActivityTracker tracker, StageBus stages) {
    this.service = service;
    this.tracker = tracker;
    this.stages = stages;
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<ReviewTimer>consumer(Addresses.REVIEW, this::handle).completion();
  }

  private void handle(Message<ReviewTimer> message) {
    StageBus.receive(tracker, ActivityTracker.REVIEWER, () -> service.review(message.body()))
        .onComplete(ar -> stages.reply(message, ar));
  }
}
