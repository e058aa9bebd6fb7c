package org.alertresponder.adapter.aws;

import io.vertx.core.Vertx;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Configuring the {@code sns} emitter: the region comes from the topic's ARN; a bad ARN is named. */
class SnsEmitterFactoryTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close();
  }

  private PluginContext context(Map<String, Object> options) {
    return new PluginContext("reports", new PluginOptions("emitters[0].options", options), vertx, Clock.system(),
        Path.of("."));
  }

  @Test
  void theRegionComesFromTheTopicArnSoNothingIsLookedUp() {
    // Without AWS_REGION, the SDK's region chain would fail (and ask the instance metadata service first).
    assertThat(new SnsEmitterFactory().create(context(Map.of("topic-arn",
        "arn:aws:sns:eu-west-1:123456789012:alertresponder-reports")))).isInstanceOf(SnsEmitter.class);
  }

  @Test
  void aTopicArnThatIsNotOneIsRefusedNamingTheOption() {
    ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
        () -> new SnsEmitterFactory().create(context(Map.of("topic-arn", "alertresponder-reports"))));

    assertThat(e.getMessage()).isEqualTo("emitters[0].options.topic-arn: expected a topic ARN like "
        + "arn:aws:sns:us-east-1:123456789012:alerts, found \"alertresponder-reports\"");
  }
}
