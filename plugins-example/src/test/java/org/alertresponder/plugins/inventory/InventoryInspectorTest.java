package org.alertresponder.plugins.inventory;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.spi.InspectionResult;
import org.alertresponder.engine.spi.InspectionTask;
import org.alertresponder.engine.spi.Inspector;
import org.alertresponder.engine.spi.PluginCodec;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginException;
import org.alertresponder.engine.spi.PluginOptions;
import org.alertresponder.plugins.dns.DnsInspectorFactory;
import org.alertresponder.tck.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.alertresponder.plugins.support.PluginFutures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

@ExtendWith(VertxExtension.class)
class InventoryInspectorTest {
  private static final String ASSETS_CSV = """
      ip,hostname,owner,os,team,location
      10.0.0.5,web-1.corp.example.org,alice,Ubuntu 24.04,platform,rack 4
      "10.0.0.6; 10.0.0.7",DB-1.corp.example.org.,"Bob, DBA",Debian 12,data,
      2001:DB8:0:0::5,v6.corp.example.org,carol,,platform,
      10.0.0.5,web-1-old.corp.example.org,,,,
      """;
  private static final String USERS_JSON = """
      [{"username": "Alice", "name": "Alice Liddell", "email": "alice@example.org", "team": "platform",
        "title": "SRE", "phone": "not mapped"},
       {"username": "svc-backup", "team": "data"}]
      """;

  @TempDir
  Path dir;
  private Vertx vertx;
  private final ManualClock clock = ManualClock.atDefaultStart();
  private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
        warnings.add(record);
      }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    Files.writeString(dir.resolve("assets.csv"), ASSETS_CSV);
    Files.writeString(dir.resolve("users.json"), USERS_JSON);
    Logger.getLogger(InventoryLoader.class.getName()).addHandler(capture);
  }

  @AfterEach
  void tearDown() {
    Logger.getLogger(InventoryLoader.class.getName()).removeHandler(capture);
  }

  @Test
  void anAddressGetsItsAssetsAsHostFindingsAndTheirHostNamesAsLocalDomains() throws Exception {
    InspectionResult result = inspect(inspector(defaults()), Attribute.of(Attribute.IPADDR, "src", "10.0.0.5",
        "remote"));

    assertThat(result.findings()).containsExactly(
        Finding.of(Finding.HOST, new JsonObject().put("ipaddr", List.of("10.0.0.5"))
            .put("hostname", List.of("web-1.corp.example.org")).put("owner", List.of("alice"))
            .put("os", List.of("Ubuntu 24.04")).put("team", List.of("platform"))),
        Finding.of(Finding.HOST, new JsonObject().put("ipaddr", List.of("10.0.0.5"))
            .put("hostname", List.of("web-1-old.corp.example.org"))));
    assertThat(result.attributes()).containsExactly(
        Attribute.of(Attribute.DOMAIN, InventoryInspector.HOSTNAME_KEY, "web-1.corp.example.org", Attribute.LOCAL),
        Attribute.of(Attribute.DOMAIN, InventoryInspector.HOSTNAME_KEY, "web-1-old.corp.example.org",
            Attribute.LOCAL));
    assertThat(roundTrip(result)).isEqualTo(result);
  }

  @Test
  void aHostNameMatchesWhateverItsCaseAndFinalDotAndGivesItsAddresses() throws Exception {
    InspectionResult result = inspect(inspector(defaults()), Attribute.of(Attribute.DOMAIN, "", "db-1.CORP.example.org."));

    assertThat(result.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.type()).isEqualTo(Finding.HOST);
      assertThat(finding.content().getJsonArray("ipaddr").getList()).containsExactly("10.0.0.6", "10.0.0.7");
      assertThat(finding.content().getJsonArray("hostname").getList()).containsExactly("db-1.corp.example.org");
      assertThat(finding.content().getJsonArray("owner").getList()).containsExactly("Bob, DBA");
    });
    assertThat(result.attributes()).containsExactly(
        Attribute.of(Attribute.IPADDR, InventoryInspector.ADDRESS_KEY, "10.0.0.6", Attribute.LOCAL),
        Attribute.of(Attribute.IPADDR, InventoryInspector.ADDRESS_KEY, "10.0.0.7", Attribute.LOCAL));
  }

  @Test
  void ipv6AddressesMatchInTheirCanonicalForm() throws Exception {
    InspectionResult result = inspect(inspector(defaults()), Attribute.of(Attribute.IPADDR, "", "2001:db8::5"));

    assertThat(result.findings()).singleElement()
        .satisfies(finding -> assertThat(finding.content().getJsonArray("ipaddr").getList())
            .containsExactly("2001:db8::5"));
    assertThat(result.attributes()).extracting(Attribute::value).containsExactly("v6.corp.example.org");
  }

  @Test
  void aUserGetsAUserFindingWithTheDirectorysFields() throws Exception {
    InspectionResult result = inspect(inspector(defaults()), Attribute.of(Attribute.USERNAME, "", "alice"));

    assertThat(result.findings()).containsExactly(Finding.of(Finding.USER, new JsonObject()
        .put("username", "Alice").put("name", "Alice Liddell").put("email", "alice@example.org")
        .put("team", "platform").put("title", "SRE")));
    assertThat(result.attributes()).isEmpty();
  }

  @Test
  void whatTheInventoryDoesNotKnowGetsAnEmptyResult() throws Exception {
    Inspector inspector = inspector(defaults());

    assertThat(inspect(inspector, Attribute.of(Attribute.IPADDR, "", "10.9.9.9"))).isEqualTo(InspectionResult.empty());
    assertThat(inspect(inspector, Attribute.of(Attribute.DOMAIN, "", "unknown.example.org")))
        .isEqualTo(InspectionResult.empty());
    assertThat(inspect(inspector, Attribute.of(Attribute.USERNAME, "", "mallory"))).isEqualTo(InspectionResult.empty());
  }

  @Test
  void whatDnsAnsweredIsNotMatchedByDefault() throws Exception {
    Inspector inspector = inspector(defaults());

    // A PTR name an attacker chose for its own address, and an attacker's name pointing at an internal address.
    assertThat(inspect(inspector, Attribute.of(Attribute.DOMAIN, "PTR record", "web-1.corp.example.org", "remote",
        DnsInspectorFactory.DNS_CONTEXT))).isEqualTo(InspectionResult.empty());
    assertThat(inspect(inspector, Attribute.of(Attribute.IPADDR, "A record", "10.0.0.5", "remote",
        DnsInspectorFactory.DNS_CONTEXT))).isEqualTo(InspectionResult.empty());
    assertThat(inspect(inspector, Attribute.of(Attribute.USERNAME, "", "alice", DnsInspectorFactory.DNS_CONTEXT)))
        .isEqualTo(InspectionResult.empty());
    // The same values observed, without the dns word, still match.
    assertThat(inspect(inspector, Attribute.of(Attribute.DOMAIN, "", "web-1.corp.example.org", "remote")).findings())
        .hasSize(1);
  }

  @Test
  void whatDnsAnsweredIsMatchedWithTrustDns() throws Exception {
    Map<String, Object> options = defaults();
    options.put("trust-dns", true);
    Inspector inspector = inspector(options);

    InspectionResult result = inspect(inspector, Attribute.of(Attribute.DOMAIN, "PTR record",
        "web-1.corp.example.org", "remote", DnsInspectorFactory.DNS_CONTEXT));

    assertThat(result.findings()).hasSize(1);
    assertThat(result.attributes()).containsExactly(
        Attribute.of(Attribute.IPADDR, InventoryInspector.ADDRESS_KEY, "10.0.0.5", Attribute.LOCAL));
  }

  @Test
  void anotherAttributeTypeIsAPermanentFailure() {
    Throwable thrown = catchThrowable(() -> inspect(inspector(defaults()),
        Attribute.of(Attribute.URL, "", "https://example.org/")));

    assertThat(thrown).isInstanceOf(ExecutionException.class).cause().isInstanceOf(PluginException.class)
        .hasMessageContaining("not url");
    assertThat(((PluginException) thrown.getCause()).retryable()).isFalse();
  }

  @Test
  void jsonAndJsonLinesFilesWithRenamedFieldsAndLists() throws Exception {
    Files.writeString(dir.resolve("cmdb.json"), """
        [{"Address": ["10.1.0.1", "10.1.0.2"], "FQDN": "app.corp.example.org", "OperatingSystem": "Windows",
          "owner": ["dave", "erin"], "team": 7},
         {"FQDN": "printer.corp.example.org"}]
        """);
    Files.writeString(dir.resolve("people.jsonl"), """
        {"login": "dave", "mail": "dave@example.org"}

        {"login": "erin", "mail": "erin@example.org", "boss": "dave"}
        """);
    Map<String, Object> options = new HashMap<>();
    options.put("assets", List.of("cmdb.json"));
    options.put("users", List.of("people.jsonl"));
    options.put("asset-fields", Map.of("ip", "address", "hostname", "fqdn", "os", "operatingsystem"));
    options.put("user-fields", Map.of("username", "login", "email", "mail", "manager", "boss"));
    Inspector inspector = inspector(options);

    InspectionResult host = inspect(inspector, Attribute.of(Attribute.IPADDR, "", "10.1.0.2"));
    assertThat(host.findings()).containsExactly(Finding.of(Finding.HOST, new JsonObject()
        .put("ipaddr", List.of("10.1.0.1", "10.1.0.2")).put("hostname", List.of("app.corp.example.org"))
        .put("owner", List.of("dave", "erin")).put("os", List.of("Windows")).put("team", List.of("7"))));
    assertThat(inspect(inspector, Attribute.of(Attribute.DOMAIN, "", "printer.corp.example.org")).attributes())
        .isEmpty();
    assertThat(inspect(inspector, Attribute.of(Attribute.USERNAME, "", "ERIN")).findings())
        .containsExactly(Finding.of(Finding.USER, new JsonObject().put("username", "erin")
            .put("email", "erin@example.org").put("manager", "dave")));
  }

  @Test
  void aChangedFileIsReadAgainAtTheNextCheck() throws Exception {
    InventoryInspector inspector = (InventoryInspector) inspector(defaults());
    Files.writeString(dir.resolve("assets.csv"), "ip,hostname\n10.0.0.99,new.corp.example.org\n");

    Future<Void> checked = inspector.loader().nextCheck();
    await(clock.advanceTo(clock.now().plus(InventoryInspectorFactory.DEFAULT_RELOAD_INTERVAL)));
    await(checked);

    assertThat(inspect(inspector, Attribute.of(Attribute.IPADDR, "", "10.0.0.99")).attributes())
        .extracting(Attribute::value).containsExactly("new.corp.example.org");
    assertThat(inspect(inspector, Attribute.of(Attribute.IPADDR, "", "10.0.0.5"))).isEqualTo(InspectionResult.empty());
    assertThat(inspect(inspector, Attribute.of(Attribute.USERNAME, "", "alice")).findings()).hasSize(1);
    assertThat(warnings).isEmpty();
  }

  @Test
  void aFileBrokenOnReloadKeepsThePreviousDataAndWarnsOnceWithoutItsContent() throws Exception {
    Map<String, Object> options = defaults();
    options.put("reload-interval", "10s");
    InventoryInspector inspector = (InventoryInspector) inspector(options);
    Files.writeString(dir.resolve("assets.csv"), "ip,hostname\n10.0.0.99,new.corp.example.org\n"
        + "hunter2-secret-token,x.corp.example.org\n");

    check(inspector, "10s");
    check(inspector, "10s");

    assertThat(inspect(inspector, Attribute.of(Attribute.IPADDR, "", "10.0.0.5")).findings()).hasSize(2);
    assertThat(inspect(inspector, Attribute.of(Attribute.IPADDR, "", "10.0.0.99"))).isEqualTo(InspectionResult.empty());
    assertThat(warnings).singleElement().satisfies(record -> assertThat(record.getMessage())
        .contains("inventory inspector assets", "inspectors[0].options.assets[0]", "line 3",
            "keeping the data read before")
        .doesNotContain("hunter2"));

    Files.writeString(dir.resolve("assets.csv"), "ip,hostname\n10.0.0.99,new.corp.example.org\n");
    check(inspector, "10s");

    assertThat(inspect(inspector, Attribute.of(Attribute.IPADDR, "", "10.0.0.99")).findings()).hasSize(1);
    assertThat(warnings).hasSize(1);
  }

  @Test
  void aFileThatDisappearsKeepsItsDataAndWarnsOnce() throws Exception {
    InventoryInspector inspector = (InventoryInspector) inspector(defaults());
    Files.delete(dir.resolve("users.json"));

    check(inspector, "30s");
    check(inspector, "30s");

    assertThat(inspect(inspector, Attribute.of(Attribute.USERNAME, "", "svc-backup")).findings()).hasSize(1);
    assertThat(warnings).singleElement().satisfies(record -> assertThat(record.getMessage())
        .contains("inspectors[0].options.users[0]", "no file at"));
  }

  @Test
  void aZeroReloadIntervalReadsTheFilesOnce() throws Exception {
    Map<String, Object> options = defaults();
    options.put("reload-interval", "0s");
    inspector(options);

    assertThat(clock.nextTaskAt()).isEmpty();
  }

  @Test
  void anInspectorCreatedOnAnEventLoopAnswersOnceItsFilesAreRead() throws Exception {
    Inspector inspector = await(onEventLoop(context(defaults())));

    assertThat(inspect(inspector, Attribute.of(Attribute.IPADDR, "", "10.0.0.6")).findings()).hasSize(1);
  }

  @Test
  void anInspectorCreatedOnAnEventLoopWithAMissingFileFailsPermanently() throws Exception {
    Map<String, Object> options = defaults();
    options.put("users", List.of("missing.csv"));
    Inspector inspector = await(onEventLoop(context(options)));

    Throwable thrown = catchThrowable(() -> inspect(inspector, Attribute.of(Attribute.IPADDR, "", "10.0.0.6")));

    assertThat(thrown).isInstanceOf(ExecutionException.class).cause().isInstanceOf(PluginException.class)
        .hasMessageContaining("inspectors[0].options.users[0]").hasMessageContaining("no file at");
    assertThat(((PluginException) thrown.getCause()).retryable()).isFalse();
  }

  private Future<Inspector> onEventLoop(PluginContext context) {
    Promise<Inspector> created = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> created.complete(new InventoryInspectorFactory().create(context)));
    return created.future();
  }

  private void check(InventoryInspector inspector, String interval) throws Exception {
    Future<Void> checked = inspector.loader().nextCheck();
    await(clock.advanceTo(clock.now().plus(org.alertresponder.engine.api.Durations.parse(interval))));
    await(checked);
  }

  private Map<String, Object> defaults() {
    Map<String, Object> options = new HashMap<>();
    options.put("assets", List.of("assets.csv"));
    options.put("users", List.of("users.json"));
    return options;
  }

  private Inspector inspector(Map<String, Object> options) {
    PluginContext context = context(options);
    Inspector inspector = new InventoryInspectorFactory().create(context);
    context.options().requireAllRead();
    return inspector;
  }

  private PluginContext context(Map<String, Object> options) {
    return new PluginContext("assets", new PluginOptions("inspectors[0].options", options), vertx, clock, dir);
  }

  private static InspectionResult inspect(Inspector inspector, Attribute attribute) throws Exception {
    return await(inspector.inspect(new InspectionTask("report-1", attribute, 0)));
  }

  /** What the engine would receive over the event bus: it refuses a result with an attribute it cannot accept. */
  private static InspectionResult roundTrip(InspectionResult result) {
    return PluginCodec.decodeResult(PluginCodec.encode(result));
  }

}
