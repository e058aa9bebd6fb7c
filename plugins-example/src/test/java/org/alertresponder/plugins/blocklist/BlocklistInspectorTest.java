package org.alertresponder.plugins.blocklist;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.InspectionResult;
import org.alertresponder.engine.spi.InspectionTask;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginOptions;
import org.alertresponder.tck.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.alertresponder.plugins.support.PluginFutures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class BlocklistInspectorTest {
  private static final String SHA256 = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";

  @TempDir
  Path dir;

  @Test
  void linesFeedsInTheCommonFormats(Vertx vertx) throws Exception {
    write("drop.txt", """
        ; Spamhaus DROP List
        203.0.113.0/24 ; SBL0001
        198.51.100.7        # a single address
        2001:db8:bad::/48
        # hosts-file lines give their name
        0.0.0.0 tracker.example
        *.evil.test
        Malware.Example.ORG.
        %s
        not an entry at all!
        """.formatted(SHA256.toUpperCase()));
    var inspector = create(vertx, Map.of("feeds", List.of(Map.of("path", "drop.txt"))));

    assertThat(inspector.entries()).isEqualTo(7);
    assertThat(content(inspector, Attribute.IPADDR, "203.0.113.77")).isEqualTo(new JsonObject()
        .put("blocklisted", true).put("lists", List.of("drop")).put("matched", "203.0.113.0/24"));
    assertThat(content(inspector, Attribute.IPADDR, "198.51.100.7").getString("matched")).isEqualTo("198.51.100.7");
    assertThat(content(inspector, Attribute.IPADDR, "198.51.100.8")).isNull();
    // As a dual-stack service logs an IPv4 peer.
    assertThat(content(inspector, Attribute.IPADDR, "::ffff:203.0.113.77").getString("matched")).isEqualTo("203.0.113.0/24");
    assertThat(content(inspector, Attribute.IPADDR, "2001:db8:bad:1::9").getString("matched")).isEqualTo("2001:db8:bad:0:0:0:0:0/48");
    assertThat(content(inspector, Attribute.IPADDR, "2001:db8:bae::1")).isNull();
    assertThat(content(inspector, Attribute.DOMAIN, "tracker.example").getString("matched")).isEqualTo("tracker.example");
    assertThat(content(inspector, Attribute.DOMAIN, "a.b.EVIL.test.").getString("matched")).isEqualTo("evil.test");
    assertThat(content(inspector, Attribute.DOMAIN, "notevil.test")).isNull();
    assertThat(content(inspector, Attribute.DOMAIN, "cdn.malware.example.org").getString("matched"))
        .isEqualTo("malware.example.org");
    assertThat(content(inspector, Attribute.URL, "https://x.evil.test/path?q=1").getString("matched")).isEqualTo("evil.test");
    assertThat(content(inspector, Attribute.URL, "http://[2001:db8:bad::5]:8080/").getString("matched"))
        .isEqualTo("2001:db8:bad:0:0:0:0:0/48");
    InspectionResult hash = inspect(inspector, Attribute.FILEHASH, SHA256);
    assertThat(hash.findings()).singleElement().extracting(Finding::type).isEqualTo(Finding.BINARY);
    assertThat(hash.findings().get(0).content().getString("matched")).isEqualTo(SHA256);
  }

  @Test
  void csvFeedsByColumnNumberOrHeaderName(Vertx vertx) throws Exception {
    write("urlhaus.csv", """
        # abuse.ch export
        # id,dateadded,host,threat
        "1","2026-11-30","bad.example","malware_download"
        "2","2026-11-30","192.0.2.55","malware_download"
        """);
    write("hashes.csv", """
        sha256;family
        %s;example-trojan
        """.formatted(SHA256));
    var inspector = create(vertx, Map.of("feeds", List.of(
        Map.of("name", "urlhaus", "path", "urlhaus.csv", "column", 3),
        Map.of("path", "hashes.csv", "column", "sha256", "delimiter", ";", "kind", "hash"))));

    assertThat(inspector.entries()).isEqualTo(3);
    assertThat(content(inspector, Attribute.DOMAIN, "www.bad.example").getJsonArray("lists")).containsExactly("urlhaus");
    assertThat(content(inspector, Attribute.IPADDR, "192.0.2.55")).isNotNull();
    assertThat(content(inspector, Attribute.FILEHASH, SHA256).getJsonArray("lists")).containsExactly("hashes");
  }

  @Test
  void aMatchNamesEveryFeedThatListsIt(Vertx vertx) throws Exception {
    write("a.txt", "203.0.113.0/24\n");
    write("b.txt", "203.0.113.9\n");
    var inspector = create(vertx, Map.of("feeds", List.of(Map.of("path", "a.txt"), Map.of("path", "b.txt"))));

    assertThat(content(inspector, Attribute.IPADDR, "203.0.113.9")).isEqualTo(new JsonObject()
        .put("blocklisted", true).put("lists", List.of("a", "b")).put("matched", "203.0.113.9"));
    assertThat(content(inspector, Attribute.IPADDR, "203.0.113.10").getJsonArray("lists")).containsExactly("a");
  }

  @Test
  void aChangedFeedIsReloadedAndABrokenOneKeepsThePreviousEntries(Vertx vertx) throws Exception {
    Path feed = write("feed.csv", "host\nbad.example\n");
    var inspector = create(vertx, Map.of("feeds", List.of(Map.of("path", "feed.csv", "column", "host")),
        "reload-interval", "0"));

    assertThat(await(inspector.reloadIfChanged())).isFalse();

    Files.writeString(feed, "host\nbad.example\nworse.example\n");
    Files.setLastModifiedTime(feed, FileTime.from(Instant.now().plusSeconds(5)));
    assertThat(await(inspector.reloadIfChanged())).isTrue();
    assertThat(content(inspector, Attribute.DOMAIN, "worse.example")).isNotNull();

    Files.writeString(feed, "name\nother.example\n");
    Files.setLastModifiedTime(feed, FileTime.from(Instant.now().plusSeconds(10)));
    assertThat(await(inspector.reloadIfChanged())).isFalse();
    assertThat(content(inspector, Attribute.DOMAIN, "worse.example")).isNotNull();
    assertThat(content(inspector, Attribute.DOMAIN, "other.example")).isNull();
  }

  @Test
  void closingStopsTheReloads(Vertx vertx) throws Exception {
    write("a.txt", "203.0.113.0/24\n");
    var inspector = create(vertx, Map.of("feeds", List.of(Map.of("path", "a.txt")), "reload-interval", "1h"));
    assertThat(inspector.reloadTimer).isNotNegative();

    inspector.close();

    assertThat(vertx.cancelTimer(inspector.reloadTimer)).as("the timer was still set").isFalse();
  }

  @Test
  void mistakesStopStartUpNamingTheFeed(Vertx vertx) throws Exception {
    assertThatThrownBy(() -> create(vertx, Map.of("feeds", List.of(Map.of("path", "missing.txt")))))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("missing.txt");
    write("words.txt", "hello world!\nnot-a-list entry?\n");
    assertThatThrownBy(() -> create(vertx, Map.of("feeds", List.of(Map.of("path", "words.txt")))))
        .hasMessageContaining("inspectors[0].options.feeds[0]").hasMessageContaining("none in 2 lines (line 1");
    write("x.csv", "a,b\n1,2\n");
    assertThatThrownBy(() -> create(vertx, Map.of("feeds", List.of(Map.of("path", "x.csv", "column", "host")))))
        .hasMessageContaining("feeds[0].column").hasMessageContaining("(a, b)");
    assertThatThrownBy(() -> create(vertx, Map.of("feeds", List.of(Map.of("path", "x.csv")))))
        .hasMessageContaining("feeds[0].column");
    assertThatThrownBy(() -> create(vertx, Map.of("feeds", List.of(Map.of("path", "words.txt", "colum", 1)))))
        .hasMessageContaining("the unknown key \"colum\"");
    assertThatThrownBy(() -> create(vertx, Map.of("feeds", List.of())))
        .hasMessageContaining("inspectors[0].options.feeds");
  }

  @Test
  void aMillionEntriesLoadAndAnswerExactly(Vertx vertx) throws Exception {
    Path big = dir.resolve("big.txt");
    try (BufferedWriter out = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
      for (int i = 0; i < 500_000; i++) {
        // Every other address of 10.0.0.0/8, and half a million domains.
        int ip = 0x0a000000 + i * 2;
        out.write((ip >>> 24) + "." + ((ip >>> 16) & 255) + "." + ((ip >>> 8) & 255) + "." + (ip & 255) + "\n");
        out.write("host-" + i + ".bad.example\n");
      }
    }
    var inspector = create(vertx, Map.of("feeds", List.of(Map.of("path", "big.txt"))));

    assertThat(inspector.entries()).isEqualTo(1_000_000);
    assertThat(content(inspector, Attribute.IPADDR, "10.0.0.0")).isNotNull();
    assertThat(content(inspector, Attribute.IPADDR, "10.0.0.1")).isNull();
    assertThat(content(inspector, Attribute.IPADDR, "10.15.66.62")).isNotNull();
    assertThat(content(inspector, Attribute.IPADDR, "10.15.66.64")).isNull();
    assertThat(content(inspector, Attribute.DOMAIN, "www.host-499999.bad.example")).isNotNull();
    assertThat(content(inspector, Attribute.DOMAIN, "host-500000.bad.example")).isNull();
    assertThat(content(inspector, Attribute.DOMAIN, "bad.example")).isNull();
  }

  @Test
  void sipHashMatchesItsReferenceVector() {
    // The test vector of the SipHash paper: key 00..0f, message 00..0e.
    byte[] key = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
    long k0 = java.nio.ByteBuffer.wrap(key, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    long k1 = java.nio.ByteBuffer.wrap(key, 8, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    byte[] message = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e");

    assertThat(SipHash.withKey(k0, k1).hash(message)).isEqualTo(0xa129ca6149be45e5L);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private BlocklistInspectorFactory.BlocklistInspector create(Vertx vertx, Map<String, Object> options) {
    PluginContext context = new PluginContext("blocklist", new PluginOptions("inspectors[0].options", options), vertx,
        new ManualClock(Instant.parse("2026-12-01T00:00:00Z")), dir);
    var inspector = (BlocklistInspectorFactory.BlocklistInspector) new BlocklistInspectorFactory().create(context);
    context.options().requireAllRead();
    return inspector;
  }

  private static InspectionResult inspect(BlocklistInspectorFactory.BlocklistInspector inspector, String type,
                                          String value) throws Exception {
    return await(inspector.inspect(new InspectionTask("r-1", Attribute.of(type, "", value), 0)));
  }

  private static JsonObject content(BlocklistInspectorFactory.BlocklistInspector inspector, String type, String value)
      throws Exception {
    InspectionResult result = inspect(inspector, type, value);
    return result.findings().isEmpty() ? null : result.findings().get(0).content();
  }

}
