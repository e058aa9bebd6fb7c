package org.alertresponder.plugins.inventory;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginOptions;
import org.alertresponder.tck.ManualClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class InventoryInspectorFactoryTest {
  private static final String OPTIONS = "inspectors[1].options";

  @TempDir
  Path dir;
  private Vertx vertx;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
  }

  @Test
  void declaresItsTypeAndAttributeTypes() {
    InventoryInspectorFactory factory = new InventoryInspectorFactory();

    assertThat(factory.type()).isEqualTo("inventory");
    assertThat(factory.defaultAttributeTypes()).containsExactlyInAnyOrder("ipaddr", "domain", "username");
  }

  @Test
  void aMissingFileAtStartNamesTheOptionAndThePath() {
    ConfigurationException e = refused(Map.of("assets", List.of("missing.csv")));

    assertThat(e.path()).isEqualTo(OPTIONS + ".assets[0]");
    assertThat(e).hasMessageContaining("no file at " + dir.resolve("missing.csv"));
  }

  @Test
  void aRenamedColumnMissingFromTheHeaderNamesTheMappingOptionAndTheLine() throws Exception {
    write("assets.csv", "ip,hostname\n10.0.0.1,a.example.org\n");

    ConfigurationException e = refused(Map.of("assets", List.of("assets.csv"),
        "asset-fields", Map.of("os", "Operating System")));

    assertThat(e.path()).isEqualTo(OPTIONS + ".asset-fields.os");
    assertThat(e).hasMessageContaining("file " + dir.resolve("assets.csv") + ", line 1")
        .hasMessageContaining("a column named \"operating system\"");
  }

  @Test
  void aCsvWithoutTheKeyColumnsNamesTheFileAndTheOptionToSet() throws Exception {
    write("assets.csv", "address,name\n10.0.0.1,a.example.org\n");
    write("users.csv", "login,email\nalice,alice@example.org\n");

    ConfigurationException assets = refused(Map.of("assets", List.of("assets.csv")));
    ConfigurationException users = refused(Map.of("users", List.of("users.csv")));

    assertThat(assets.path()).isEqualTo(OPTIONS + ".assets[0]");
    assertThat(assets).hasMessageContaining("line 1").hasMessageContaining("\"ip\" or \"hostname\"")
        .hasMessageContaining("asset-fields.ip");
    assertThat(users.path()).isEqualTo(OPTIONS + ".users[0]");
    assertThat(users).hasMessageContaining("\"username\"").hasMessageContaining("user-fields.username");
  }

  @Test
  void aBadValueNamesItsLineButNotItsText() throws Exception {
    write("a.csv", "ip,hostname\n10.0.0.1,a.example.org\n");
    write("b.csv", "ip,hostname\n10.0.0.2,b.example.org\n\n10.0.0.300,c.example.org\n");

    ConfigurationException e = refused(Map.of("assets", List.of("a.csv", "b.csv")));

    assertThat(e.path()).isEqualTo(OPTIONS + ".assets[1]");
    assertThat(e).hasMessageContaining("line 4").hasMessageContaining("IPv4 or IPv6 address")
        .hasMessageNotContaining("10.0.0.300");
  }

  @Test
  void malformedCsvAndJsonNameTheirPlace() throws Exception {
    write("fields.csv", "ip,hostname\n10.0.0.1,a.example.org,extra\n");
    write("quote.csv", "ip,hostname\n10.0.0.1,\"a.example.org\n");
    write("broken.json", "[{\"ip\": \"10.0.0.1\"},\n {\"ip\": secret}]");
    write("object.json", "{\"ip\": \"10.0.0.1\"}");
    write("lines.jsonl", "{\"username\": \"alice\"}\n[1]\n");
    write("nokey.jsonl", "{\"username\": \"alice\"}\n{\"email\": \"bob@example.org\"}\n");
    write("empty.csv", "");

    assertThat(refused(Map.of("assets", List.of("fields.csv")))).hasMessageContaining("line 2")
        .hasMessageContaining("2 fields, as in the header row");
    assertThat(refused(Map.of("assets", List.of("quote.csv")))).hasMessageContaining("line 2")
        .hasMessageContaining("closing double quote");
    assertThat(refused(Map.of("assets", List.of("broken.json")))).hasMessageContaining("line 2, column")
        .hasMessageContaining("valid JSON").hasMessageNotContaining("secret");
    assertThat(refused(Map.of("assets", List.of("object.json")))).hasMessageContaining("a JSON array of objects");
    assertThat(refused(Map.of("users", List.of("lines.jsonl")))).hasMessageContaining("line 2")
        .hasMessageContaining("found a JSON array");
    assertThat(refused(Map.of("users", List.of("nokey.jsonl")))).hasMessageContaining("line 2")
        .hasMessageContaining("a user name");
    assertThat(refused(Map.of("assets", List.of("empty.csv")))).hasMessageContaining("header row");
  }

  @Test
  void aRenamedJsonFieldThatNoRecordHasIsRefused() throws Exception {
    write("users.json", "[{\"username\": \"alice\", \"mail\": \"alice@example.org\"}]");

    ConfigurationException e = refused(Map.of("users", List.of("users.json"), "user-fields", Map.of("email", "e-mail")));

    assertThat(e.path()).isEqualTo(OPTIONS + ".user-fields.email");
  }

  @Test
  void optionsAreChecked() throws Exception {
    write("assets.csv", "ip\n10.0.0.1\n");

    assertThat(refused(Map.of()).path()).isEqualTo(OPTIONS + ".assets");
    assertThat(refused(Map.of("assets", List.of("assets.txt"))).path()).isEqualTo(OPTIONS + ".assets[0]");
    assertThat(refused(Map.of("assets", List.of(" "))).path()).isEqualTo(OPTIONS + ".assets[0]");
    assertThat(refused(Map.of("assets", "assets.csv")).path()).isEqualTo(OPTIONS + ".assets");
    assertThat(refused(Map.of("assets", List.of("assets.csv"), "asset-fields", Map.of("mac", "macaddr"))))
        .satisfies(e -> assertThat(e.path()).isEqualTo(OPTIONS + ".asset-fields.mac"))
        .hasMessageContaining("ip, hostname, owner, os, team");
    assertThat(refused(Map.of("assets", List.of("assets.csv"), "user-fields", Map.of("name", ""))).path())
        .isEqualTo(OPTIONS + ".user-fields.name");
    assertThat(refused(Map.of("assets", List.of("assets.csv"), "reload-interval", "often")).path())
        .isEqualTo(OPTIONS + ".reload-interval");
    assertThat(refused(Map.of("assets", List.of("assets.csv"), "trust-dns", "maybe")))
        .satisfies(e -> assertThat(e.path()).isEqualTo(OPTIONS + ".trust-dns"))
        .hasMessageContaining("true or false");
  }

  @Test
  void anUnknownOptionIsRefusedByTheStrictReader() throws Exception {
    write("assets.csv", "ip\n10.0.0.1\n");
    PluginContext context = context(Map.of("assets", List.of("assets.csv"), "asset", List.of("x.csv")));
    new InventoryInspectorFactory().create(context);

    assertThatThrownBy(() -> context.options().requireAllRead())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(OPTIONS + ".asset")
        .hasMessageContaining("reload-interval");
  }

  private ConfigurationException refused(Map<String, Object> options) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
        () -> new InventoryInspectorFactory().create(context(options)));
    assertThat(thrown).isInstanceOf(ConfigurationException.class);
    return (ConfigurationException) thrown;
  }

  private PluginContext context(Map<String, Object> options) {
    return new PluginContext("inventory", new PluginOptions(OPTIONS, new HashMap<>(options)), vertx,
        ManualClock.atDefaultStart(), dir);
  }

  private void write(String name, String text) throws Exception {
    Files.writeString(dir.resolve(name), text);
  }
}
