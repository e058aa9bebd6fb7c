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
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
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
 * <p>ElasticMQ reads the wall clock when it stores a sent message's delay and its own clock everywhere
 * else. Its clock is therefore the wall clock plus how far the test has moved its manual clock: a delay
 * then never ends later than it should, only sometimes earlier, and the queue hides a message that shows
 * up before it is due on the engine's clock again until it is (as it would with a skewed real clock).
 */
final class ElasticMq {
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

  private static Instant time() {
    return Instant.now().plus(moved.get());
  }

  static synchronized URI endpoint() {
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
  static synchronized SqsAsyncClient client() {
    if (client == null) {
      client = SqsAsyncClient.builder()
          .endpointOverride(endpoint())
          .region(Region.US_EAST_1)
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
          .httpClientBuilder(NettyNioAsyncHttpClient.builder())
          .build();
    }
    return client;
  }

  /** Creates a queue with a fresh name and returns its URL. */
  static String newQueue(String prefix) {
    return client().createQueue(b -> b.queueName(prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 18))).join().queueUrl();
  }
}
