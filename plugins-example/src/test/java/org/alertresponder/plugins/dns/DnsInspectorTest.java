package org.alertresponder.plugins.dns;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.alertresponder.engine.api.AlertValidator;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.spi.InspectionResult;
import org.alertresponder.engine.spi.InspectionTask;
import org.alertresponder.engine.spi.PluginCodec;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginException;
import org.alertresponder.engine.spi.PluginOptions;
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
import java.util.concurrent.ExecutionException;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.alertresponder.plugins.support.PluginFutures.await;
import static org.alertresponder.plugins.support.PluginFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

@ExtendWith(VertxExtension.class)
class DnsInspectorTest {
  private final TableDnsServer server = new TableDnsServer()
      .ptr("7.113.0.203.in-addr.arpa", "Mail.Example.org.")
      .a("mail.example.org", "203.0.113.1", "203.0.113.7")
      .ptr("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa", "v6.example.org")
      .aaaa("v6.example.org", "2001:0db8:0000:0000:0000:0000:0000:0001")
      // An attacker's address whose PTR record, which the attacker controls, names an internal host.
      .ptr("7.100.51.198.in-addr.arpa", "DC01.corp.example.com")
      .a("dc01.corp.example.com", "10.0.0.5")
      .ptr("8.100.51.198.in-addr.arpa", "nowhere.example.net")
      .host("198.51.100.30", "confirm-broken.example.org")
      .serverFailure("confirm-broken.example.org")
      .host("2001:db8::30", "dual.example.org")
      .a("dual.example.org", "198.51.100.31")
      .ptrLabels("8.113.0.203.in-addr.arpa", "not a host", "example", "org")
      .a("www.example.org", "198.51.100.10", "198.51.100.11")
      .aaaa("www.example.org", "2001:0db8:0000:0000:0000:0000:0000:0010")
      .a("v4only.example.org", "198.51.100.20")
      .a("many.example.org", "192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5")
      .known("empty.example.org")
      .known("9.113.0.203.in-addr.arpa")
      .serverFailure("broken.example.org")
      .refusal("refused.example.org")
      .formatError("formerr.example.org")
      .silentFor("silent.example.org");
  private Vertx vertx;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    await(server.start(vertx));
  }

  @AfterEach
  void stop() throws Exception {
    await(server.close());
  }

  @Test
  void anAddressGetsItsForwardConfirmedPtrNameAsADomainInTheParentsContextAndDns() throws Exception {
    InspectionResult result = inspect(inspector(Map.of()),
        Attribute.of(Attribute.IPADDR, "source address", "203.0.113.7", "remote", "client"));

    assertThat(server.queries()).containsExactly(
        new TableDnsServer.Query("7.113.0.203.in-addr.arpa", TableDnsServer.PTR),
        new TableDnsServer.Query("mail.example.org", TableDnsServer.A));
    assertThat(result.findings()).containsExactly(Finding.of(Finding.HOST,
        new JsonObject().put("hostname", List.of("mail.example.org"))));
    assertThat(result.attributes()).containsExactly(Attribute.of(Attribute.DOMAIN, DnsInspector.PTR_KEY,
        "mail.example.org", "remote", "client", DnsInspectorFactory.DNS_CONTEXT));
    assertThat(roundTrip(result)).isEqualTo(result);
  }

  @Test
  void anIpv6AddressIsAskedForUnderIp6ArpaAndConfirmedByItsAaaaRecords() throws Exception {
    InspectionResult result = inspect(inspector(Map.of()), Attribute.of(Attribute.IPADDR, "", "2001:DB8::1"));

    assertThat(server.queries()).containsExactly(
        new TableDnsServer.Query("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
            TableDnsServer.PTR),
        new TableDnsServer.Query("v6.example.org", TableDnsServer.AAAA));
    assertThat(result.attributes()).extracting(Attribute::value).containsExactly("v6.example.org");
  }

  @Test
  void aPtrNameWhoseAddressesLeaveOutTheInspectedOneIsReportedUnconfirmedButNotFollowed() throws Exception {
    DnsInspector inspector = inspector(Map.of());

    InspectionResult spoofed = inspect(inspector,
        Attribute.of(Attribute.IPADDR, "source address", "198.51.100.7", "remote"));
    InspectionResult dangling = inspect(inspector, Attribute.of(Attribute.IPADDR, "", "198.51.100.8"));

    assertThat(spoofed.findings()).containsExactly(Finding.of(Finding.HOST,
        new JsonObject().put(DnsInspector.UNCONFIRMED_HOSTNAME, List.of("dc01.corp.example.com"))));
    assertThat(spoofed.attributes()).isEmpty();
    assertThat(roundTrip(spoofed)).isEqualTo(spoofed);
    assertThat(dangling.findings()).containsExactly(Finding.of(Finding.HOST,
        new JsonObject().put(DnsInspector.UNCONFIRMED_HOSTNAME, List.of("nowhere.example.net"))));
    assertThat(dangling.attributes()).isEmpty();
    assertThat(server.queries()).contains(new TableDnsServer.Query("dc01.corp.example.com", TableDnsServer.A),
        new TableDnsServer.Query("nowhere.example.net", TableDnsServer.A));
  }

  @Test
  void onlyTheRecordsOfTheAddresssOwnFamilyConfirmIt() throws Exception {
    InspectionResult result = inspect(inspector(Map.of()), Attribute.of(Attribute.IPADDR, "", "2001:db8::30"));

    assertThat(server.queries()).containsExactly(
        new TableDnsServer.Query(ReverseDnsName.of("2001:db8::30"), TableDnsServer.PTR),
        new TableDnsServer.Query("dual.example.org", TableDnsServer.AAAA));
    assertThat(result.attributes()).extracting(Attribute::value).containsExactly("dual.example.org");
  }

  @Test
  void aFailedConfirmationQueryFailsTheInspection() {
    assertThat(failure(inspector(Map.of()), Attribute.of(Attribute.IPADDR, "", "198.51.100.30")))
        .satisfies(e -> assertThat(e.retryable()).isTrue())
        .hasMessage("the A query for confirm-broken.example.org to the DNS server 127.0.0.1:" + server.port()
            + " was answered SERVFAIL");
  }

  @Test
  void withForwardConfirmOffAnyPtrNameIsFollowedStillMarkedDns() throws Exception {
    InspectionResult result = inspect(inspector(Map.of("forward-confirm", false)),
        Attribute.of(Attribute.IPADDR, "", "198.51.100.7", "remote"));

    assertThat(server.queries()).containsExactly(new TableDnsServer.Query("7.100.51.198.in-addr.arpa",
        TableDnsServer.PTR));
    assertThat(result.findings()).containsExactly(Finding.of(Finding.HOST,
        new JsonObject().put("hostname", List.of("dc01.corp.example.com"))));
    assertThat(result.attributes()).containsExactly(Attribute.of(Attribute.DOMAIN, DnsInspector.PTR_KEY,
        "dc01.corp.example.com", "remote", DnsInspectorFactory.DNS_CONTEXT));
  }

  @Test
  void theDnsContextWordIsAddedOnceAndAnAttributeThatCannotCarryItIsLeftOut() throws Exception {
    DnsInspector inspector = inspector(Map.of());
    String[] full = new String[AlertValidator.MAX_CONTEXT_WORDS];
    for (int i = 0; i < full.length; i++) {
      full[i] = "word" + i;
    }

    InspectionResult again = inspect(inspector, Attribute.of(Attribute.DOMAIN, "", "v4only.example.org", "dns",
        "remote"));
    InspectionResult crowded = inspect(inspector, Attribute.of(Attribute.DOMAIN, "", "v4only.example.org", full));

    assertThat(again.attributes()).containsExactly(Attribute.of(Attribute.IPADDR, DnsInspector.A_KEY,
        "198.51.100.20", "dns", "remote"));
    assertThat(crowded.findings()).containsExactly(Finding.of(Finding.HOST,
        new JsonObject().put("ipaddr", List.of("198.51.100.20"))));
    assertThat(crowded.attributes()).isEmpty();
  }

  @Test
  void aNameGetsItsAAndAaaaAddressesInCanonicalForm() throws Exception {
    InspectionResult result = inspect(inspector(Map.of()),
        Attribute.of(Attribute.DOMAIN, "query", "WWW.example.org.", "remote"));

    assertThat(server.queries()).containsExactlyInAnyOrder(
        new TableDnsServer.Query("www.example.org", TableDnsServer.A),
        new TableDnsServer.Query("www.example.org", TableDnsServer.AAAA));
    assertThat(result.findings()).containsExactly(Finding.of(Finding.HOST,
        new JsonObject().put("ipaddr", List.of("198.51.100.10", "198.51.100.11", "2001:db8::10"))));
    assertThat(result.attributes()).containsExactly(
        Attribute.of(Attribute.IPADDR, DnsInspector.A_KEY, "198.51.100.10", "remote", DnsInspectorFactory.DNS_CONTEXT),
        Attribute.of(Attribute.IPADDR, DnsInspector.A_KEY, "198.51.100.11", "remote", DnsInspectorFactory.DNS_CONTEXT),
        Attribute.of(Attribute.IPADDR, DnsInspector.AAAA_KEY, "2001:db8::10", "remote",
            DnsInspectorFactory.DNS_CONTEXT));
    assertThat(roundTrip(result)).isEqualTo(result);
  }

  @Test
  void aNameWithoutAaaaRecordsStillGetsItsAddresses() throws Exception {
    InspectionResult result = inspect(inspector(Map.of()), Attribute.of(Attribute.DOMAIN, "", "v4only.example.org"));

    assertThat(result.attributes()).extracting(Attribute::value).containsExactly("198.51.100.20");
  }

  @Test
  void maxAnswersBoundsTheAddresses() throws Exception {
    InspectionResult result = inspect(inspector(Map.of("max-answers", 3)),
        Attribute.of(Attribute.DOMAIN, "", "many.example.org"));

    assertThat(result.attributes()).extracting(Attribute::value).containsExactly("192.0.2.1", "192.0.2.2",
        "192.0.2.3");
    assertThat(result.findings().get(0).content().getJsonArray("ipaddr")).hasSize(3);
  }

  @Test
  void nxdomainAndNoRecordsAreEmptyResultsNotFailures() throws Exception {
    DnsInspector inspector = inspector(Map.of());

    assertThat(inspect(inspector, Attribute.of(Attribute.DOMAIN, "", "unknown.example.org")))
        .isEqualTo(InspectionResult.empty());
    assertThat(inspect(inspector, Attribute.of(Attribute.DOMAIN, "", "empty.example.org")))
        .isEqualTo(InspectionResult.empty());
    assertThat(inspect(inspector, Attribute.of(Attribute.IPADDR, "", "203.0.113.99")))
        .isEqualTo(InspectionResult.empty());
    assertThat(inspect(inspector, Attribute.of(Attribute.IPADDR, "", "203.0.113.9")))
        .isEqualTo(InspectionResult.empty());
  }

  @Test
  void aPtrNameTheEngineWouldRefuseIsLeftOut() throws Exception {
    InspectionResult result = inspect(inspector(Map.of()), Attribute.of(Attribute.IPADDR, "", "203.0.113.8"));

    assertThat(server.queries()).extracting(TableDnsServer.Query::name).containsExactly("8.113.0.203.in-addr.arpa");
    assertThat(result).isEqualTo(InspectionResult.empty());
  }

  @Test
  void servfailAndRefusedAreRetryable() {
    DnsInspector inspector = inspector(Map.of());

    assertThat(failure(inspector, Attribute.of(Attribute.DOMAIN, "", "broken.example.org")))
        .satisfies(e -> assertThat(e.retryable()).isTrue())
        .hasMessage("the A query for broken.example.org to the DNS server 127.0.0.1:" + server.port()
            + " was answered SERVFAIL");
    assertThat(failure(inspector, Attribute.of(Attribute.DOMAIN, "", "refused.example.org")))
        .satisfies(e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("REFUSED");
  }

  @Test
  void aFormatErrorIsPermanent() {
    assertThat(failure(inspector(Map.of()), Attribute.of(Attribute.DOMAIN, "", "formerr.example.org")))
        .satisfies(e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("was answered FORMERROR");
  }

  @Test
  void aServerThatNeverAnswersIsARetryableTimeout() {
    DnsInspector inspector = inspector(Map.of("query-timeout", "200ms"));

    assertThat(failure(inspector, Attribute.of(Attribute.DOMAIN, "", "silent.example.org")))
        .satisfies(e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("no answer within 200 ms");
    assertThat(server.queries()).extracting(TableDnsServer.Query::name).contains("silent.example.org");
  }

  @Test
  void aMalformedNameIsPermanentAndNeverSent() {
    DnsInspector inspector = inspector(Map.of());

    assertThat(failure(inspector, Attribute.of(Attribute.DOMAIN, "", "bad..example.org")))
        .satisfies(e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("not a valid host name");
    assertThat(failure(inspector, Attribute.of(Attribute.IPADDR, "", "203.0.113.256")))
        .satisfies(e -> assertThat(e.retryable()).isFalse());
    assertThat(failure(inspector, Attribute.of(Attribute.URL, "", "https://example.org/")))
        .satisfies(e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("not url");
    assertThat(server.queries()).isEmpty();
  }

  @Test
  void forwardAndReverseCanBeTurnedOff() throws Exception {
    assertThat(inspect(inspector(Map.of("forward", false)), Attribute.of(Attribute.DOMAIN, "", "www.example.org")))
        .isEqualTo(InspectionResult.empty());
    assertThat(inspect(inspector(Map.of("reverse", "false")), Attribute.of(Attribute.IPADDR, "", "203.0.113.7")))
        .isEqualTo(InspectionResult.empty());
    assertThat(server.queries()).isEmpty();
  }

  @Test
  void withoutAServerOptionTheFirstNameServerOfResolvConfIsAsked(@TempDir Path dir) throws Exception {
    Path resolvConf = dir.resolve("resolv.conf");
    Files.writeString(resolvConf, "# written by a test\nsearch example.org\nnameserver fe80::1%eth0\n"
        + "nameserver 127.0.0.1\nnameserver 192.0.2.53\n");
    Map<String, Object> options = new HashMap<>();
    options.put("port", server.port());
    DnsInspector inspector = new DnsInspectorFactory(resolvConf).createInspector(context(options));

    InspectionResult result = inspect(inspector, Attribute.of(Attribute.IPADDR, "", "203.0.113.7"));

    assertThat(result.attributes()).extracting(Attribute::value).containsExactly("mail.example.org");
    assertThat(await(inspector.server())).isEqualTo("127.0.0.1:" + server.port());
  }

  private DnsInspector inspector(Map<String, Object> extra) {
    Map<String, Object> options = new HashMap<>(extra);
    options.put("server", "127.0.0.1");
    options.put("port", server.port());
    options.putIfAbsent("query-timeout", "2s");
    PluginContext context = context(options);
    DnsInspector inspector = new DnsInspectorFactory().createInspector(context);
    context.options().requireAllRead();
    return inspector;
  }

  private PluginContext context(Map<String, Object> options) {
    return new PluginContext("dns", new PluginOptions("inspectors[0].options", options), vertx,
        ManualClock.atDefaultStart(), Path.of("."));
  }

  private static InspectionResult inspect(DnsInspector inspector, Attribute attribute) throws Exception {
    return await(inspector.inspect(new InspectionTask("report-1", attribute, 0)));
  }

  private static PluginException failure(DnsInspector inspector, Attribute attribute) {
    Future<InspectionResult> inspected = inspector.inspect(new InspectionTask("report-1", attribute, 0));
    Throwable thrown = catchThrowable(() -> await(inspected));
    assertThat(thrown).isInstanceOf(ExecutionException.class);
    assertThat(thrown.getCause()).isInstanceOf(PluginException.class);
    return (PluginException) thrown.getCause();
  }

  /** What the engine would receive over the event bus: it refuses a result with an attribute it cannot accept. */
  private static InspectionResult roundTrip(InspectionResult result) {
    return PluginCodec.decodeResult(PluginCodec.encode(result));
  }

}
