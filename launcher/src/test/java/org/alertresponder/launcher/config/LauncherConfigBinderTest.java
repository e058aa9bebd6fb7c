package org.alertresponder.launcher.config;

import io.vertx.core.Vertx;
import org.alertresponder.engine.api.EngineConfig;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.RateLimit;
import org.alertresponder.launcher.EngineAssembly;
import org.alertresponder.launcher.plugins.PluginRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The configuration is strict: each mistake stops start-up with the key's path and what is wrong. */
class LauncherConfigBinderTest {
  private static final Map<String, String> ENV = Map.of("PORT", "9090", "SHORT", "too-short",
      "LONG_TOKEN", "a-long-enough-token-value");
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private LauncherConfig bind(String yaml) {
    LauncherConfig config = new LauncherConfigBinder(ENV::get).bind(ConfigFile.parse(yaml, "test.yaml", ENV::get),
        Path.of("."));
    EngineAssembly.builder(config, PluginRegistry.load(getClass().getClassLoader()), vertx, Clock.system());
    return config;
  }

  record Mistake(String yaml, String message) {
    @Override
    public String toString() {
      return message;
    }
  }

  static Stream<Mistake> mistakes() {
    return Stream.of(
        new Mistake("http:\n  prot: 8080\n", "http.prot (line 2, column 9): expected one of the keys host, port, "
            + "auth, limits, request-log, instances, console, found the unknown key \"prot\" (did you mean \"port\"?)"),
        new Mistake("revew:\n  delay: 1m\n", "revew (line 2, column 3): expected one of the keys http, store, intake, "
            + "aggregation, inspection, review, emission, timers, inspectors, reviewer, emitters, found the unknown "
            + "key \"revew\" (did you mean \"review\"?)"),
        new Mistake("http:\n  port: eighty\n", "http.port (line 2, column 9): expected a whole number from 0 to "
            + "65535, found \"eighty\""),
        new Mistake("http:\n  port: 70000\n", "http.port (line 2, column 9): expected a whole number from 0 to "
            + "65535, found 70000"),
        new Mistake("review:\n  delay: 10 minutes\n", "review.delay (line 2, column 10): expected a duration like "
            + "250ms, 30s, 5m, 3h or 7d, found \"10 minutes\""),
        new Mistake("aggregation:\n  window: 0s\n", "aggregation.window (line 2, column 11): expected a positive "
            + "duration, found 0"),
        new Mistake("review:\n  early: maybe\n", "review.early (line 2, column 10): expected true or false, found "
            + "\"maybe\""),
        new Mistake("store:\n  type: sqlit\n", "store.type (line 2, column 9): expected one of sqlite, memory, dynamodb, found "
            + "\"sqlit\" (did you mean \"sqlite\"?)"),
        new Mistake("store:\n  type: dynamodb\n  timer-queue: http://127.0.0.1:9324/q\n", "store.table: expected a non-empty string, found nothing"),
        new Mistake("store:\n  type: dynamodb\n  table: t\n  timer-queue: http://127.0.0.1:9324/q\n  region: us-east-1\n"
            + "  path: x.db\n",
            "store.path (line 6, column 9): expected one of the keys type, retention, table, timer-queue, "
                + "work-queue-prefix, work-dead-letter-queue, max-receives, region, endpoint, dynamodb-endpoint, "
                + "sqs-endpoint, create-resources, http-client, found the unknown key \"path\""),
        new Mistake("store:\n  type: dynamodb\n  table: t\n  timer-queue: q\n  region: us-east-1\n"
            + "  endpoint: localhost:8000\n", "store.endpoint (line 6, column 13): expected an http or "
            + "https URL, e.g. http://127.0.0.1:8000, found \"localhost:8000\""),
        new Mistake("intake:\n  sqs:\n    region: us-east-1\n", "intake.sqs.queue: expected a non-empty string, "
            + "found nothing"),
        new Mistake("intake:\n  sqs:\n    queue: http://127.0.0.1:9324/000000000000/alerts\n",
            "intake.sqs.region: expected an AWS region like us-east-1 (the queue URL "
                + "http://127.0.0.1:9324/000000000000/alerts names none), found nothing"),
        new Mistake("store:\n  synchronous: always\n", "store.synchronous (line 2, column 16): expected one of full, "
            + "normal, found \"always\""),
        new Mistake("http:\n  host: 0.0.0.0\n", "http.auth: expected tokens (or the word none, to serve without "
            + "authentication on purpose), because http.host 0.0.0.0 is reachable beyond this machine, found no "
            + "authentication"),
        new Mistake("http:\n  port: ${MISSING}\n", "http.port (line 2, column 9): expected the environment variable "
            + "MISSING to be set (write ${MISSING:default} to give a default), found no such variable in the "
            + "environment"),
        new Mistake("http:\n  auth:\n    tokens:\n      - {name: a, scopes: [read], env: SHORT}\n",
            "http.auth.tokens[0].env (line 4, column 40): expected the environment variable SHORT to hold a token "
                + "of at least 16 characters, found a shorter value"),
        new Mistake("http:\n  auth:\n    tokens:\n      - {name: a, scopes: [read], sha256: abc}\n",
            "http.auth.tokens[0].sha256 (line 4, column 43): expected 64 hex digits (the SHA-256 of the token), "
                + "found a value of 3 characters"),
        new Mistake("http:\n  auth:\n    tokens:\n      - {name: a, scopes: [admin], env: LONG_TOKEN}\n",
            "http.auth.tokens[0].scopes (line 4, column 27): expected a list of read and/or write, found [admin]"),
        new Mistake("http:\n  auth:\n    tokens:\n      - {name: a, scopes: [read]}\n",
            "http.auth.tokens[0] (line 4, column 9): expected exactly one of env (the environment variable holding "
                + "the token) or sha256 (its hex SHA-256), found neither"),
        new Mistake("http:\n  limits: {body: 1TB}\n", "http.limits.body (line 2, column 18): expected a size like "
            + "1048576, 512KiB or 1MiB, from 1024 to 67108864 bytes, found \"1TB\""),
        new Mistake("inspectors:\n  - {name: x, type: nonesuch}\n", "inspectors[0].type: expected one of the "
            + "inspector types blocklist, deepalert, dns, http, inventory, lambda, slow (add a plugin jar to the plugins "
            + "folder for others), found \"nonesuch\""),
        new Mistake("inspectors:\n  - {name: x, type: slow, rate-limit: fast}\n", "inspectors[0].rate-limit "
            + "(line 2, column 39): expected a rate like 10/s, 600/m or 5/2s, found \"fast\""),
        new Mistake("inspectors:\n  - {name: x, type: slow, options: {dealy: 1s}}\n", "inspectors[0].options.dealy: "
            + "expected one of the options delay, note, record, found the unknown option \"dealy\""),
        new Mistake("inspectors:\n  - name: legacy\n    type: deepalert\n    timeout: 30s\n    options:\n"
            + "      task-topic: arn:aws:sns:eu-west-1:123456789012:deepalert-tasks\n"
            + "      finding-queue: https://sqs.eu-west-1.amazonaws.com/123456789012/deepalert-findings\n"
            + "      attribute-queue: https://sqs.eu-west-1.amazonaws.com/123456789012/deepalert-attributes\n"
            + "      table: alertresponder\n      wait: 1m\n", "inspectors[0].timeout: expected at least 65s "
            + "(options.wait 1m to collect deepalert's answers, plus 5s to publish the task and read them; raise the "
            + "timeout or lower options.wait), found 30s"),
        new Mistake("inspectors:\n  - {name: legacy, type: deepalert, options: {task-topic: tasks}}\n",
            "inspectors[0].options.task-topic: expected a topic ARN like arn:aws:sns:us-east-1:123456789012:alerts, "
                + "found \"tasks\""),
        new Mistake("inspectors:\n  - {name: x, type: slow}\n  - {name: x, type: slow}\n", "inspectors[1].name "
            + "(line 3, column 12): expected a name no other plugin of this kind has, found \"x\" twice"),
        new Mistake("inspectors:\n  - {name: Bad Name, type: slow}\n", "inspectors[0].name (line 2, column 12): "
            + "expected a lower-case name of at most 64 characters ([a-z][a-z0-9_-]*), found \"Bad Name\""),
        new Mistake("emitters:\n  - {name: log, type: log, min-severity: critical}\n", "emitters[0].min-severity "
            + "(line 2, column 42): expected one of safe, unclassified, urgent, found \"critical\""),
        new Mistake("emitters:\n  - {name: log, type: log, options: {stream: stdlog}}\n",
            "emitters[0].options.stream: expected stdout or stderr, found \"stdlog\""),
        new Mistake("review:\n  backoff: {initial: 10s, max: 1s}\n", "review.backoff.max (line 2, column 32): "
            + "expected at least the initial backoff 10s, found 1s"),
        new Mistake("http: [1, 2]\n", "http (line 1, column 7): expected a mapping of settings, found a list"),
        new Mistake("http:\n  port: 1\n  port: 2\n", "http.port (line 3, column 3): expected each key once, found "
            + "the key \"port\" a second time"),
        new Mistake("http:\n  auth:\n    tokens:\n      - {name: a, scopes: [read], env: \"${LONG_TOKEN}\"}\n",
            "http.auth.tokens[0].env (line 4, column 40): expected the name of the environment variable holding "
                + "the token (letters, digits and _), not the token itself, found something else (not shown)"),
        new Mistake("http:\n  port: ${LONG_TOKEN}\n", "http.port (line 2, column 9): expected a whole number from 0 "
            + "to 65535, found a value taken from the environment (not shown)"),
        new Mistake("review:\n  delay: 99999999999999999d\n", "review.delay (line 2, column 10): expected a duration "
            + "like 250ms, 30s, 5m, 3h or 7d (this one is too large), found \"99999999999999999d\""),
        new Mistake("inspection:\n  delay: 9999999d\n", "inspection.delay (line 2, column 10): expected a duration "
            + "of at most 3650d, found \"9999999d\""),
        new Mistake("http:\n  limits: {body: 18446744073710MB}\n", "http.limits.body (line 2, column 18): expected a "
            + "size like 1048576, 512KiB or 1MiB, from 1024 to 67108864 bytes, found \"18446744073710MB\""),
        new Mistake("inspectors:\n  - {name: x, type: slow, attribute-types: [IPADDR]}\n",
            "inspectors[0].attribute-types[0] (line 2, column 45): expected attribute types (ipaddr, domain, username, "
                + "filehash, url, json or your own lower-case type), found \"IPADDR\""),
        new Mistake("inspectors:\n  - {name: x, type: slow, contexts: [Remote Stuff]}\n",
            "inspectors[0].contexts[0] (line 2, column 38): expected lower-case context words (remote, local, subject, "
                + "object, client, server, file, additional, ...), found \"Remote Stuff\""),
        new Mistake("http: {port: 1\n", "test.yaml (line 2, column 1): expected valid YAML, found expected ',' "
            + "or '}', but got <stream end>"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void aMistakeIsNamedByItsPath(Mistake mistake) {
    ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> bind(mistake.yaml()));
    assertThat(e).as("config %s", mistake.yaml()).isNotNull();
    assertThat(e.getMessage()).isEqualTo(mistake.message());
  }

  @Test
  void theDynamoDbStoreReadsItsTableQueuesAndEndpoints() {
    LauncherConfig config = bind("store:\n  type: dynamodb\n  table: alerts\n"
        + "  timer-queue: http://127.0.0.1:9324/000000000000/timers\n  endpoint: http://127.0.0.1:8000\n"
        + "  sqs-endpoint: http://127.0.0.1:9324\n  region: eu-west-1\n  retention: 7d\n");

    LauncherConfig.AwsStore aws = config.store().aws();
    assertThat(config.store().type()).isEqualTo("dynamodb");
    assertThat(config.store().retention()).isEqualTo(Duration.ofDays(7));
    assertThat(aws.table()).isEqualTo("alerts");
    assertThat(aws.timerQueue()).isEqualTo("http://127.0.0.1:9324/000000000000/timers");
    assertThat(aws.workQueuePrefix()).isEqualTo("alerts-work-");
    assertThat(aws.dynamoDbEndpoint()).hasToString("http://127.0.0.1:8000");
    assertThat(aws.sqsEndpoint()).hasToString("http://127.0.0.1:9324");
    assertThat(aws.region()).isEqualTo("eu-west-1");
    assertThat(aws.createResources()).isFalse();
    assertThat(aws.httpClient()).isEqualTo("vertx");
    assertThat(config.store().describe()).isEqualTo("dynamodb table alerts, timers "
        + "http://127.0.0.1:9324/000000000000/timers");
  }

  @Test
  void theDynamoDbStoreCanSendThroughTheSdksNettyHttpClient() {
    LauncherConfig config = bind("store:\n  type: dynamodb\n  table: alerts\n"
        + "  timer-queue: https://sqs.eu-west-1.amazonaws.com/123456789012/timers\n  http-client: netty\n");

    assertThat(config.store().aws().httpClient()).isEqualTo("netty");
    assertThatThrownBy(() -> bind("store:\n  type: dynamodb\n  table: alerts\n"
        + "  timer-queue: https://sqs.eu-west-1.amazonaws.com/123456789012/timers\n  http-client: okhttp\n"))
        .hasMessageContaining("store.http-client").hasMessageContaining("expected one of vertx, netty");
  }

  @Test
  void theRegionOfAnSqsQueueUrlIsTheRegionWhenNoneIsWritten() {
    LauncherConfig config = bind("intake:\n  sqs:\n    queue: https://sqs.eu-west-1.amazonaws.com/123456789012/alerts\n");

    assertThat(config.sqsIntake().region()).isEqualTo("eu-west-1");
  }

  @Test
  void aDeepAlertInspectorWithTheDefaultWaitFitsTheDefaultTimeout() {
    LauncherConfig config = bind("inspectors:\n  - name: legacy\n    type: deepalert\n    options:\n"
        + "      task-topic: arn:aws:sns:eu-west-1:123456789012:deepalert-tasks\n"
        + "      finding-queue: https://sqs.eu-west-1.amazonaws.com/123456789012/deepalert-findings\n"
        + "      attribute-queue: https://sqs.eu-west-1.amazonaws.com/123456789012/deepalert-attributes\n"
        + "      table: alertresponder\n");

    assertThat(config.inspectors()).singleElement().satisfies(inspector -> {
      assertThat(inspector.type()).isEqualTo("deepalert");
      assertThat(inspector.timeout()).isEqualTo(java.time.Duration.ofSeconds(30));
    });
  }

  @Test
  void anEmptyEmittersKeyMeansNoEmitters() {
    assertThat(bind("emitters:\n").emitters()).isEmpty();
    assertThat(bind("emitters: []\n").emitters()).isEmpty();
  }

  @Test
  void anEmptyFileIsTheEmbeddedDefault() {
    LauncherConfig config = bind("");
    assertThat(config.http().host()).isEqualTo("127.0.0.1");
    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.http().auth().required()).isFalse();
    assertThat(config.engine()).isEqualTo(EngineConfig.builder().build());
    assertThat(config.emitters()).extracting(e -> e.spec().name()).containsExactly("log");
    assertThat(config.reviewer().type()).isEqualTo("default");
    assertThat(config.store().type()).isEqualTo("sqlite");
    assertThat(config.store().path()).isEqualTo(Path.of(".").resolve("data/alertresponder.db").normalize());
    assertThat(config.store().retention()).isEqualTo(Duration.ofDays(30));
    assertThat(config.store().fullSync()).isTrue();
  }

  @Test
  void environmentVariablesAndDefaultsAreSubstitutedAndDoubleDollarIsLiteral() {
    LauncherConfig config = bind("http:\n  port: ${PORT}\n  host: ${HOST:127.0.0.2}\n"
        + "inspectors:\n  - {name: x, type: slow, options: {note: \"$${not a variable}\"}}\n");
    assertThat(config.http().port()).isEqualTo(9090);
    assertThat(config.http().host()).isEqualTo("127.0.0.2");
    assertThat(config.inspectors().get(0).options().string("note", null)).isEqualTo("${not a variable}");
  }

  @Test
  void engineSettingsArePassedThrough() {
    LauncherConfig config = bind("""
        intake: {max-backlog: 5000}
        aggregation: {window: 1h}
        inspection: {delay: 0s, max-depth: 5, max-attributes: 50}
        review: {delay: 90s, early: true, timeout: 5s, max-attempts: 2, backoff: {initial: 250ms, max: 2s}}
        emission: {max-attempts: 9, backoff: {initial: 1s, max: 1m}}
        timers: {poll-interval: 0, lease: 2m, batch-size: 64, max-in-flight: 99}
        inspectors:
          - {name: x, type: slow, attribute-types: [ipaddr, domain], contexts: [remote], rate-limit: 5/2s,
             cache-ttl: 0, concurrency: 3}
        """);
    EngineConfig engine = config.engine();
    assertThat(engine.intake().maxBacklog()).isEqualTo(5000);
    assertThat(engine.aggregation().window()).isEqualTo(Duration.ofHours(1));
    assertThat(engine.inspection().delay()).isZero();
    assertThat(engine.inspection().maxDepth()).isEqualTo(5);
    assertThat(engine.review().early()).isTrue();
    assertThat(engine.review().backoff().initial()).isEqualTo(Duration.ofMillis(250));
    assertThat(engine.emission().maxAttempts()).isEqualTo(9);
    assertThat(engine.timers().maxInFlight()).isEqualTo(99);
    InspectorDeclaration inspector = config.inspectors().get(0);
    assertThat(inspector.rateLimit()).isEqualTo(RateLimit.of(5, Duration.ofSeconds(2)));
    assertThat(inspector.spec(java.util.Set.of()).types()).containsExactlyInAnyOrder("ipaddr", "domain");
    assertThat(inspector.cacheTtl()).isZero();
  }

  @Test
  void tokensAreKeptOnlyAsHashes() {
    String hash = HexFormat.of().formatHex(LauncherConfigBinder.sha256("a-long-enough-token-value"));
    LauncherConfig config = bind("http:\n  host: 0.0.0.0\n  auth:\n    tokens:\n"
        + "      - {name: a, scopes: [read, write], env: LONG_TOKEN}\n"
        + "      - {name: b, scopes: [read], sha256: " + hash.toUpperCase() + "}\n");
    assertThat(config.http().auth().tokens()).hasSize(2);
    assertThat(config.http().auth().tokens().get(0).sha256()).isEqualTo(config.http().auth().tokens().get(1).sha256());
    assertThat(config.http().auth().tokens().get(0).toString()).doesNotContain("a-long-enough-token-value")
        .doesNotContain(hash);
  }

  @Test
  void authNoneMustBeWrittenToServeBeyondLoopbackWithoutTokens() {
    assertThat(bind("http:\n  host: 0.0.0.0\n  auth: none\n").http().auth().required()).isFalse();
    assertThatThrownBy(() -> bind("http:\n  host: ::\n")).isInstanceOf(ConfigurationException.class);
    assertThat(bind("http:\n  host: ::1\n").http().auth().required()).isFalse();
    assertThat(bind("http:\n  host: localhost\n").http().auth().required()).isFalse();
  }
}
