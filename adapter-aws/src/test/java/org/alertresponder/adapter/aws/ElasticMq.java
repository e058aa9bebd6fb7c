package org.alertresponder.adapter.aws;

import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import org.alertresponder.tck.ManualClock;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * ElasticMQ, the SQS emulator, embedded in the test JVM on a free port of 127.0.0.1, with time that
 * moves when a test moves its manual clock, so that visibility timeouts and delays pass without waiting.
 *
 * <p>Its clock is the wall clock plus how far (in whole seconds) the test has moved its manual clock.
 * ElasticMQ adds a sent message's delay to the wall clock alone, so the clients add the same offset to
 * every delay. What is left is the real time a test takes between sending and looking: a message may
 * show up that much early, never late, and the queue hides it again until it is due on the engine's
 * clock, as it would with a skewed clock in production.
 */
public final class ElasticMq {
  private static volatile Supplier<Duration> moved = () -> Duration.ZERO;
  private static URI endpoint;
  private static SqsAsyncClient client;

  private ElasticMq() {
  }

  /** Where every manual clock starts: the emulator's time is the wall clock plus how far past it a test is. */
  private static final Instant EPOCH = ManualClock.atDefaultStart().now();

  /**
   * Makes the emulator's time move with {@code clock}. The offset counts from where manual clocks start,
   * not from the clock's time now, so that a second engine on a clock set to where the first one stopped
   * (a restart) sees the queue where the first left it.
   */
  static void follow(ManualClock clock) {
    moved = () -> Duration.between(EPOCH, clock.now());
  }

  /** Back to the wall clock alone. */
  static void useWallClock() {
    moved = () -> Duration.ZERO;
  }

  /** Whole seconds the test has moved its manual clock: what the emulator's clock is ahead of the wall clock. */
  private static long movedSeconds() {
    return Math.floorDiv(moved.get().toMillis(), 1000);
  }

  private static Instant time() {
    return Instant.now().plusSeconds(movedSeconds());
  }

  /**
   * ElasticMQ adds a sent message's delay to the wall clock, not to its own clock; this adds the test's
   * offset to the delay, so the delay ends on the emulator's clock when it should.
   */
  private static final software.amazon.awssdk.core.interceptor.ExecutionInterceptor DELAYS_ON_OUR_CLOCK =
      new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
        @Override
        public software.amazon.awssdk.core.SdkRequest modifyRequest(
            software.amazon.awssdk.core.interceptor.Context.ModifyRequest context,
            software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
          if (context.request() instanceof software.amazon.awssdk.services.sqs.model.SendMessageRequest send) {
            int delay = send.delaySeconds() == null ? 0 : send.delaySeconds();
            // SQS (and ElasticMQ) refuse delays beyond 15 minutes; a test that has moved its clock further
            // sees such a message early, which the queue handles as it handles a skewed clock.
            return send.toBuilder().delaySeconds((int) Math.min(900, delay + movedSeconds())).build();
          }
          if (context.request() instanceof software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest batch) {
            return batch.toBuilder().entries(batch.entries().stream().map(entry -> entry.toBuilder()
                .delaySeconds((int) Math.min(900, (entry.delaySeconds() == null ? 0 : entry.delaySeconds())
                    + movedSeconds())).build()).toList()).build();
          }
          return context.request();
        }
      };

  public static synchronized URI endpoint() {
    if (endpoint == null) {
      ActorSystem system = ActorSystem.create("elasticmq");
      NowProvider followingTheTest = new NowProvider() {
        @Override
        public long nowMillis() {
          return time().toEpochMilli();
        }

        @Override
        public OffsetDateTime now() {
          return OffsetDateTime.ofInstant(time(), ZoneOffset.UTC);
        }
      };
      ActorRef queues = system.actorOf(Props.create(QueueManagerActor.class, followingTheTest,
          StrictSQSLimits$.MODULE$, scala.Option.empty()));
      int port = SQSRestServerBuilder.withActorSystem(system).withQueueManagerActor(queues)
          .withInterface("127.0.0.1").withDynamicPort().start().waitUntilStarted().localAddress().getPort();
      endpoint = URI.create("http://127.0.0.1:" + port);
    }
    return endpoint;
  }

  /** One client of the emulator per test JVM; never closed by tests. */
  public static synchronized SqsAsyncClient client() {
    if (client == null) {
      client = newClient(new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() { });
    }
    return client;
  }

  /** A client of the emulator whose requests pass {@code interceptor}. */
  static SqsAsyncClient newClient(software.amazon.awssdk.core.interceptor.ExecutionInterceptor interceptor) {
    {
      return TestHttpClient.apply(SqsAsyncClient.builder())
          .overrideConfiguration(o -> o.addExecutionInterceptor(interceptor).addExecutionInterceptor(DELAYS_ON_OUR_CLOCK))
          .endpointOverride(endpoint())
          .region(Region.US_EAST_1)
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
          .build();
    }
  }

  /** Creates a queue with a fresh name and returns its URL. */
  public static String newQueue(String prefix) {
    return client().createQueue(b -> b.queueName(prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 18))).join().queueUrl();
  }
}
