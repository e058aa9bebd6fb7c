package org.alertresponder.adapter.aws;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.Severity;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.EmitterSpec;
import org.alertresponder.engine.spi.InspectionResult;
import org.alertresponder.engine.spi.InspectionTask;
import org.alertresponder.engine.spi.InspectorSpec;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginException;
import org.alertresponder.engine.spi.PluginOptions;
import org.alertresponder.tck.Scenario;
import org.alertresponder.tck.fixtures.Alerts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The {@code lambda} inspector, reviewer and emitter types against serverless-offline: what they send
 * and read, how function errors are sorted into retryable and permanent failures, and a whole report
 * inspected, reviewed and emitted by Lambda functions.
 */
class LambdaPluginsTest {
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    // The emulator accepts any credentials; the SDK's default chain reads these properties.
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  private static PluginContext context(String function) {
    return new PluginContext(function, new PluginOptions("options", Map.of("function", LambdaEmulator.PREFIX + function,
        "region", "us-east-1", "endpoint", LambdaEmulator.endpoint().toString())), vertx, Clock.system(), Path.of("."));
  }

  private static InspectionTask task(Attribute attribute) {
    return new InspectionTask("report-1", attribute, 0);
  }

  private static Throwable failureOf(Future<?> future) throws Exception {
    return future.transform(ar -> Future.succeededFuture(ar.cause())).await(30, TimeUnit.SECONDS);
  }

  @Test
  void anInspectorFunctionsFindingsAndNewAttributesAreRead() throws Exception {
    var inspector = new LambdaPluginFactories.Inspectors().create(context("inspector"));

    InspectionResult result = inspector.inspect(task(Alerts.ip("198.51.100.7"))).await(30, TimeUnit.SECONDS);

    assertThat(result.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.type()).isEqualTo(Finding.HOST);
      assertThat(finding.content().getJsonArray("country").getString(0)).isEqualTo("NL");
    });
    assertThat(result.attributes()).singleElement().satisfies(attribute -> {
      assertThat(attribute.type()).isEqualTo(Attribute.DOMAIN);
      assertThat(attribute.value()).isEqualTo("scanner.example");
    });
  }

  @Test
  void aFunctionThatThrowsFailsRetryablyUnlessItSaysPermanent() throws Exception {
    Throwable thrown = failureOf(new LambdaPluginFactories.Inspectors().create(context("failing-inspector"))
        .inspect(task(Alerts.ip("198.51.100.7"))));
    Throwable refused = failureOf(new LambdaPluginFactories.Inspectors().create(context("refusing-inspector"))
        .inspect(task(Alerts.ip("198.51.100.7"))));

    assertThat(thrown).isInstanceOf(PluginException.class).hasMessageContaining("the reputation service is down");
    assertThat(((PluginException) thrown).retryable()).isTrue();
    assertThat(refused).isInstanceOf(PluginException.class)
        .hasMessageContaining("permanent: this attribute type is not supported");
    assertThat(((PluginException) refused).retryable()).isFalse();
  }

  @Test
  void aFunctionThatDoesNotExistIsAPermanentFailureAndAGarbledAnswerIsMalformed() throws Exception {
    Throwable missing = failureOf(new LambdaPluginFactories.Inspectors().create(context("no-such-function"))
        .inspect(task(Alerts.ip("198.51.100.7"))));
    Throwable garbled = failureOf(new LambdaPluginFactories.Inspectors().create(context("garbled-inspector"))
        .inspect(task(Alerts.ip("198.51.100.7"))));

    assertThat(missing).isInstanceOf(PluginException.class).hasMessageContaining("Lambda refused to invoke");
    assertThat(((PluginException) missing).retryable()).isFalse();
    assertThat(garbled).hasMessageContaining("inspection result");
  }

  @Test
  void aBareFunctionNameNeedsARegionAndAnArnBringsItsOwn() {
    ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () ->
        new LambdaPluginFactories.Reviewers().create(new PluginContext("policy", new PluginOptions("reviewer.options",
            Map.of("function", "policy")), vertx, Clock.system(), Path.of("."))));

    assertThat(e.getMessage()).isEqualTo("reviewer.options.region: expected an AWS region like us-east-1 (the "
        + "function policy is not an ARN that names one), found nothing");
    assertThat(new LambdaPluginFactories.Reviewers().create(new PluginContext("policy", new PluginOptions(
        "reviewer.options", Map.of("function", "arn:aws:lambda:eu-west-1:123456789012:function:policy")), vertx,
        Clock.system(), Path.of(".")))).isNotNull();
  }

  @Test
  void aReportIsInspectedReviewedAndEmittedByLambdaFunctions() throws Exception {
    Scenario.Builder builder = Scenario.builder(new AwsTestAdapter()).config(c -> c.inspectionDelay(Duration.ZERO)
        .reviewDelay(Duration.ofMinutes(10)));
    Scenario s = builder.plugins(p -> p
        .inspector(InspectorSpec.of("reputation", Attribute.IPADDR, Attribute.DOMAIN),
            new LambdaPluginFactories.Inspectors().create(context("inspector")))
        .reviewer(new LambdaPluginFactories.Reviewers().create(context("reviewer")))
        .emitter(EmitterSpec.of("lambda"), new LambdaPluginFactories.Emitters().create(context("emitter"))))
        .start(vertx);
    try (s) {
      String reportId = s.submit(Alerts.sshBruteForce("i-lambda", "198.51.100.7").build()).reportId();
      s.advance(Duration.ofMinutes(10));

      Report report = s.report(reportId);
      assertThat(report.result().severity()).isEqualTo(Severity.URGENT);
      assertThat(report.result().reason()).isEqualTo("1 known host(s) involved");
      assertThat(report.attributes()).extracting(a -> a.attribute().value())
          .contains("198.51.100.7", "scanner.example");
      assertThat(Files.readAllLines(LambdaEmulator.recordFile())).contains(reportId + " 1");
    }
  }
}
