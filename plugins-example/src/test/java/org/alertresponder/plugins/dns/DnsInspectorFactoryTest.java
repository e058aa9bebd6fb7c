package org.alertresponder.plugins.dns;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginOptions;
import org.alertresponder.tck.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class DnsInspectorFactoryTest {
  private static final String OPTIONS = "inspectors[2].options";

  @Test
  void declaresItsTypeAndAttributeTypes() {
    DnsInspectorFactory factory = new DnsInspectorFactory();

    assertThat(factory.type()).isEqualTo("dns");
    assertThat(factory.defaultAttributeTypes()).containsExactlyInAnyOrder("ipaddr", "domain");
  }

  @Test
  void aServerMustBeAnAddress(Vertx vertx) {
    assertRefused(vertx, Map.of("server", "dns.example.org"), OPTIONS + ".server", "IPv4 or IPv6 address");
    assertRefused(vertx, Map.of("server", "127.0.0.1:53"), OPTIONS + ".server", "IPv4 or IPv6 address");
  }

  @Test
  void numbersAndDurationsAreChecked(Vertx vertx) {
    assertRefused(vertx, Map.of("port", 0), OPTIONS + ".port", "from 1 to 65535");
    assertRefused(vertx, Map.of("port", "domain"), OPTIONS + ".port", "whole number");
    assertRefused(vertx, Map.of("query-timeout", "0s"), OPTIONS + ".query-timeout", "positive duration");
    assertRefused(vertx, Map.of("query-timeout", "soon"), OPTIONS + ".query-timeout", "250ms");
    assertRefused(vertx, Map.of("max-answers", 0), OPTIONS + ".max-answers", "from 1 to 100");
    assertRefused(vertx, Map.of("max-answers", 1000), OPTIONS + ".max-answers", "from 1 to 100");
    assertRefused(vertx, Map.of("reverse", "yes"), OPTIONS + ".reverse", "true or false");
    assertRefused(vertx, Map.of("forward-confirm", "maybe"), OPTIONS + ".forward-confirm", "true or false");
  }

  @Test
  void somethingMustBeLookedUp(Vertx vertx) {
    assertRefused(vertx, Map.of("forward", false, "reverse", false), OPTIONS + ".forward", "nothing to look up");
  }

  @Test
  void anUnknownOptionIsRefusedByTheStrictReader(Vertx vertx) {
    PluginContext context = context(vertx, Map.of("server", "127.0.0.1", "timeout-ms", 5));
    new DnsInspectorFactory().create(context);

    assertThatThrownBy(() -> context.options().requireAllRead())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(OPTIONS + ".timeout-ms")
        .hasMessageContaining("query-timeout");
  }

  private static void assertRefused(Vertx vertx, Map<String, Object> options, String path, String expected) {
    assertThatThrownBy(() -> new DnsInspectorFactory().create(context(vertx, options)))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.path()).isEqualTo(path))
        .hasMessageContaining(expected);
  }

  private static PluginContext context(Vertx vertx, Map<String, Object> options) {
    return new PluginContext("dns", new PluginOptions(OPTIONS, options), vertx, ManualClock.atDefaultStart(),
        Path.of("."));
  }
}
