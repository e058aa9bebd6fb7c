package org.alertresponder.plugins.email;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.alertresponder.engine.api.Alert;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.api.Origin;
import org.alertresponder.engine.api.ReceivedAlert;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportAttribute;
import org.alertresponder.engine.api.ReportStatus;
import org.alertresponder.engine.api.Section;
import org.alertresponder.engine.api.Verdict;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.Emitter;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginException;
import org.alertresponder.engine.spi.PluginOptions;
import org.alertresponder.tck.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.alertresponder.plugins.support.PluginFutures.await;
import static org.alertresponder.plugins.support.PluginFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class EmailEmitterTest {
  private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");
  private static final String ID = "01936b2e-7c00-7000-8000-00000000abcd";

  private Vertx vertx;
  private LocalSmtpServer smtp;
  private final ManualClock clock = new ManualClock(AT.plusSeconds(900));

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    smtp = LocalSmtpServer.start(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    smtp.close();
  }

  @Test
  void sendsOneMultipartMessageToEveryRecipient() throws Exception {
    Emitter emitter = emitter(Map.of("cc", List.of("lead@example.org"),
        "report-url", "https://alerts.example.org/reports/{id}?v={version}"));

    await(emitter.emit(report(1, "SSH brute force", "198.51.100.7 is performing SSH brute force attacks")));

    assertThat(smtp.received).hasSize(1);
    LocalSmtpServer.Received mail = smtp.received.get(0);
    assertThat(mail.mailFrom()).isEqualTo("alerts@example.org");
    assertThat(mail.recipients()).containsExactlyInAnyOrder("soc@example.org", "oncall@example.org",
        "lead@example.org");
    Message message = Message.parse(mail.data());
    assertThat(message.header("Subject")).isEqualTo("[AlertResponder] URGENT: SSH brute force (guardduty)");
    assertThat(message.header("From")).isEqualTo("AlertResponder <alerts@example.org>");
    assertThat(message.header("To")).contains("soc@example.org").contains("oncall@example.org");
    assertThat(message.header("Cc")).contains("lead@example.org");
    assertThat(message.header("Message-ID")).isEqualTo("<" + ID + ".v1@example.org>");
    assertThat(message.header("In-Reply-To")).isNull();
    assertThat(message.header("References")).isNull();
    assertThat(message.header("Date")).isEqualTo("Fri, 27 Nov 2026 10:15:00 +0000");
    assertThat(message.header("Content-Type")).startsWith("multipart/alternative");

    String text = message.part("text/plain");
    assertThat(text)
        .contains("URGENT: SSH brute force (guardduty)")
        .contains("Reason: known bad source")
        .contains("Report: " + ID + " (version 1)")
        .contains("Link: https://alerts.example.org/reports/" + ID + "?v=1")
        .contains("Alerts: 1 alert, seen 2026-11-27T10:00:00Z")
        .contains("198.51.100.7 is performing SSH brute force attacks")
        .contains("source address: 198.51.100.7")
        .contains("whois: 1 host finding on 198.51.100.7");
    String html = message.part("text/html");
    assertThat(html)
        .contains("known bad source")
        .contains("<a href=\"https://alerts.example.org/reports/" + ID + "?v=1\">" + ID + "</a>")
        .contains("<li>source address: 198.51.100.7</li>")
        .contains("<li>whois: 1 host finding on 198.51.100.7</li>");
  }

  @Test
  void escapesHostileValuesInTheHtmlPartAndKeepsTheSubjectOnOneLine() throws Exception {
    Emitter emitter = emitter(Map.of());

    await(emitter.emit(report(1, "<script>alert('x')</script>\r\nBcc: victim@example.net",
        "<img src=x onerror=\"steal()\"> & more")));

    Message message = Message.parse(smtp.received.get(0).data());
    assertThat(message.header("Subject"))
        .isEqualTo("[AlertResponder] URGENT: <script>alert('x')</script> Bcc: victim@example.net (guardduty)");
    assertThat(message.header("Bcc")).isNull();
    assertThat(smtp.received.get(0).recipients()).doesNotContain("victim@example.net");
    String html = message.part("text/html");
    assertThat(html)
        .doesNotContain("<script>")
        .doesNotContain("<img")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .contains("&lt;img src=x onerror=&quot;steal()&quot;&gt; &amp; more");
    assertThat(message.part("text/plain")).contains("<img src=x onerror=\"steal()\"> & more");
  }

  @Test
  void laterVersionsReferToTheFirstSoThatMailClientsThreadThem() throws Exception {
    Emitter emitter = emitter(Map.of());

    await(emitter.emit(report(3, "SSH brute force", "again")));

    Message message = Message.parse(smtp.received.get(0).data());
    assertThat(message.header("Message-ID")).isEqualTo("<" + ID + ".v3@example.org>");
    assertThat(message.header("In-Reply-To")).isEqualTo("<" + ID + ".v1@example.org>");
    assertThat(message.header("References")).isEqualTo("<" + ID + ".v1@example.org>");
    assertThat(message.part("text/plain")).contains("(version 3)");
  }

  @Test
  void aRepeatedDeliveryCarriesTheSameMessageId() throws Exception {
    Emitter emitter = emitter(Map.of());
    Report report = report(2, "SSH brute force", "again");

    await(emitter.emit(report));
    await(emitter.emit(report));

    assertThat(smtp.received).hasSize(2);
    assertThat(Message.parse(smtp.received.get(0).data()).header("Message-ID"))
        .isEqualTo(Message.parse(smtp.received.get(1).data()).header("Message-ID"))
        .isEqualTo("<" + ID + ".v2@example.org>");
  }

  @Test
  void withAUserNameTheDefaultRefusesToLogInWhereStarttlsIsNotOffered() throws Exception {
    // The local server offers AUTH PLAIN but no STARTTLS, as a server seen through someone who strips
    // STARTTLS from its EHLO reply would.
    smtp.credentials = "alerts:s3cret-password";
    Map<String, Object> options = options(Map.of("username", "alerts", "password", "s3cret-password"));
    options.remove("starttls");

    PluginException failure = failure(create(options).emit(report(1, "SSH brute force", "x")));

    assertThat(failure.retryable()).isFalse();
    assertThat(failure.getMessage()).contains("127.0.0.1:" + smtp.port()).contains("does not offer STARTTLS")
        .doesNotContain("s3cret-password");
    assertThat(smtp.commands).noneMatch(command -> command.toUpperCase(Locale.ROOT).startsWith("AUTH"));
    assertThat(smtp.received).isEmpty();
  }

  @Test
  void withAUserNameStarttlsOptionalOrDisabledIsRefusedUnlessPlaintextLoginIsAllowed() {
    for (String starttls : List.of("optional", "disabled")) {
      assertThatThrownBy(() -> create(options(Map.of("username", "alerts", "password", "s3cret-password",
          "starttls", starttls))))
          .isInstanceOfSatisfying(ConfigurationException.class,
              e -> assertThat(e.path()).isEqualTo("emitters[0].options.starttls"))
          .hasMessageContaining("required")
          .hasMessageContaining("allow-plaintext-login: true")
          .hasMessageNotContaining("s3cret-password");
    }
    create(options(Map.of("username", "alerts", "password", "s3cret-password", "starttls", "optional",
        "allow-plaintext-login", true)));
    // TLS from the first byte protects the login whatever starttls says.
    create(options(Map.of("username", "alerts", "password", "s3cret-password", "ssl", true)));
    assertThatThrownBy(() -> create(options(Map.of("username", "alerts", "password", "s3cret-password",
        "allow-plaintext-login", "perhaps"))))
        .isInstanceOfSatisfying(ConfigurationException.class,
            e -> assertThat(e.path()).isEqualTo("emitters[0].options.allow-plaintext-login"));
  }

  @Test
  void logsInWithAuthPlainInClearWhenPlaintextLoginIsAllowed() throws Exception {
    smtp.credentials = "alerts:s3cret-password";
    Emitter emitter = emitter(Map.of("username", "alerts", "password", "s3cret-password",
        "allow-plaintext-login", true));

    await(emitter.emit(report(1, "SSH brute force", "x")));

    assertThat(smtp.received).hasSize(1);
    assertThat(smtp.commands).anyMatch(command -> command.startsWith("AUTH PLAIN"));
  }

  @Test
  void aRefusedLoginIsPermanentAndDoesNotQuoteThePassword() throws Exception {
    smtp.credentials = "alerts:the-right-one";
    Emitter emitter = emitter(Map.of("username", "alerts", "password", "s3cret-password",
        "allow-plaintext-login", true));

    PluginException failure = failure(emitter.emit(report(1, "SSH brute force", "x")));

    assertThat(failure.retryable()).isFalse();
    assertThat(failure.getMessage()).contains("535").doesNotContain("s3cret-password");
    assertThat(smtp.received).isEmpty();
  }

  @Test
  void aServerThatOffersNoLoginIsPermanentWhenAUserNameIsConfigured() throws Exception {
    Emitter emitter = emitter(Map.of("username", "alerts", "password", "s3cret-password",
        "allow-plaintext-login", true));

    PluginException failure = failure(emitter.emit(report(1, "SSH brute force", "x")));

    assertThat(failure.retryable()).isFalse();
    assertThat(failure.getMessage()).contains("login").doesNotContain("s3cret-password");
    assertThat(smtp.received).isEmpty();
  }

  @Test
  void anUnknownMailboxIsPermanent() throws Exception {
    smtp.rcptReply = "550 5.1.1 Mailbox unavailable";

    PluginException failure = failure(emitter(Map.of()).emit(report(1, "SSH brute force", "x")));

    assertThat(failure.retryable()).isFalse();
    assertThat(failure.getMessage()).contains("127.0.0.1:" + smtp.port()).contains("550")
        .contains("Mailbox unavailable");
    assertThat(smtp.received).isEmpty();
  }

  @Test
  void aBusyServerIsRetryable() throws Exception {
    smtp.rcptReply = "451 4.3.0 Try again later";

    PluginException failure = failure(emitter(Map.of()).emit(report(1, "SSH brute force", "x")));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.getMessage()).contains("451");
  }

  @Test
  void aMessageRefusedAfterItsDataIsPermanent() throws Exception {
    smtp.dataReply = "554 5.7.1 Message rejected as spam";

    PluginException failure = failure(emitter(Map.of()).emit(report(1, "SSH brute force", "x")));

    assertThat(failure.retryable()).isFalse();
    assertThat(failure.getMessage()).contains("554");
  }

  @Test
  void aConnectionClosedMidwayIsRetryable() throws Exception {
    smtp.closeOn = "MAIL";

    PluginException failure = failure(emitter(Map.of()).emit(report(1, "SSH brute force", "x")));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.getMessage()).contains("127.0.0.1:" + smtp.port());
  }

  @Test
  void aServerThatNeverAnswersIsRetryable() throws Exception {
    smtp.silent = true;

    PluginException failure = failure(emitter(Map.of("reply-timeout", "300ms"))
        .emit(report(1, "SSH brute force", "x")));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.getMessage()).contains("127.0.0.1:" + smtp.port());
  }

  @Test
  void aRefusedConnectionIsRetryable() throws Exception {
    Emitter emitter = emitter(Map.of());
    smtp.close();

    PluginException failure = failure(emitter.emit(report(1, "SSH brute force", "x")));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.getMessage()).contains("127.0.0.1:" + smtp.port());
    smtp = LocalSmtpServer.start(vertx);
  }

  @Test
  void wrongOptionsNameTheOption() {
    assertThatThrownBy(() -> create(Map.of("from", "alerts@example.org", "to", List.of("soc@example.org"))))
        .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("emitters[0].options.host:");
    assertThatThrownBy(() -> create(options(Map.of("starttls", "sometimes"))))
        .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("emitters[0].options.starttls:")
        .hasMessageContaining("disabled, optional or required");
    assertThatThrownBy(() -> create(options(Map.of("to", List.of("soc@example.org", "not an address")))))
        .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("emitters[0].options.to[1]:");
    assertThatThrownBy(() -> create(options(Map.of("to", List.of()))))
        .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("emitters[0].options.to:");
    assertThatThrownBy(() -> create(options(Map.of("from", "alerts@example.org\r\nBcc: x@example.net"))))
        .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("emitters[0].options.from:");
    assertThatThrownBy(() -> create(options(Map.of("password", "s3cret-password"))))
        .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("emitters[0].options.username:")
        .hasMessageNotContaining("s3cret-password");
    assertThatThrownBy(() -> create(options(Map.of("username", "alerts"))))
        .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("emitters[0].options.password:");
    assertThatThrownBy(() -> create(options(Map.of("report-url", "reports/{id}"))))
        .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("emitters[0].options.report-url:");
    assertThatThrownBy(() -> create(options(Map.of("port", 0))))
        .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("emitters[0].options.port:");
    assertThatThrownBy(() -> create(options(Map.of("connect-timeout", "0s"))))
        .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("emitters[0].options.connect-timeout:");

    PluginOptions typo = new PluginOptions("emitters[0].options", options(Map.of("subject_prefix", "[SOC]")));
    new EmailEmitterFactory().create(new PluginContext("mail", typo, vertx, clock, Path.of(".")));
    assertThatThrownBy(typo::requireAllRead).isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("emitters[0].options.subject_prefix:");
  }

  @Test
  void aSingleRecipientMayBeWrittenWithoutAList() throws Exception {
    Emitter emitter = emitter(Map.of("to", "soc@example.org"));

    await(emitter.emit(report(1, "SSH brute force", "x")));

    assertThat(smtp.received.get(0).recipients()).containsExactly("soc@example.org");
  }

  // ---- helpers --------------------------------------------------------------------------------------------

  private Emitter emitter(Map<String, Object> extra) {
    return create(options(extra));
  }

  private Map<String, Object> options(Map<String, Object> extra) {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("host", "127.0.0.1");
    options.put("port", smtp.port());
    options.put("starttls", "disabled");
    options.put("from", "AlertResponder <alerts@example.org>");
    options.put("to", List.of("soc@example.org", "oncall@example.org"));
    options.put("connect-timeout", "2s");
    options.put("reply-timeout", "5s");
    options.putAll(extra);
    return options;
  }

  private Emitter create(Map<String, Object> options) {
    PluginOptions pluginOptions = new PluginOptions("emitters[0].options", options);
    Emitter emitter = new EmailEmitterFactory().create(new PluginContext("mail", pluginOptions, vertx, clock,
        Path.of(".")));
    pluginOptions.requireAllRead();
    return emitter;
  }

  private static Report report(int version, String ruleName, String description) {
    Alert alert = Alert.builder("guardduty", "UnauthorizedAccess:EC2/SSHBruteForce").ruleName(ruleName)
        .alertKey("i-0abc12").description(description).timestamp(AT)
        .attribute(Attribute.IPADDR, "source address", "198.51.100.7", "remote").build();
    ReportAttribute attribute = ReportAttribute.of(alert.attributes().get(0), 0, Origin.alert("a-1"));
    Finding finding = new Finding("whois", Finding.HOST, new JsonObject().put("country", new JsonArray().add("NL")));
    return new Report(ID, "group-1", "guardduty", "UnauthorizedAccess:EC2/SSHBruteForce", ruleName, "i-0abc12",
        ReportStatus.PUBLISHED, version, AT, AT, List.of(new ReceivedAlert("a-1", AT, alert)), List.of(attribute),
        List.of(new Section(attribute, List.of(finding))), List.of(), List.of(), 0, Verdict.urgent("known bad source"),
        List.of());
  }

  /** Just enough MIME to read what a mail client would show: unfolded headers and decoded text parts. */
  private record Message(Map<String, String> headers, String body) {
    static Message parse(String data) {
      int end = data.indexOf("\r\n\r\n");
      Map<String, String> headers = headers(data.substring(0, end));
      return new Message(headers, data.substring(end + 4));
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The decoded content of the part of this content type inside the multipart body. */
    String part(String contentType) {
      Matcher boundary = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(header("Content-Type"));
      assertThat(boundary.find()).as("a boundary in " + header("Content-Type")).isTrue();
      for (String part : body.split(Pattern.quote("--" + boundary.group(1)))) {
        int end = part.indexOf("\r\n\r\n");
        if (end < 0) {
          continue;
        }
        Map<String, String> partHeaders = headers(part.substring(0, end).strip());
        if (partHeaders.getOrDefault("content-type", "").startsWith(contentType)) {
          String content = part.substring(end + 4);
          return "quoted-printable".equalsIgnoreCase(partHeaders.get("content-transfer-encoding"))
              ? decodeQuotedPrintable(content) : content;
        }
      }
      throw new AssertionError("no " + contentType + " part in " + body);
    }

    private static Map<String, String> headers(String block) {
      Map<String, String> headers = new HashMap<>();
      for (String line : block.replaceAll("\r\n[ \t]+", " ").split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
      }
      return headers;
    }

    private static String decodeQuotedPrintable(String text) {
      String joined = text.replace("=\r\n", "");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (int i = 0; i < joined.length(); i++) {
        char c = joined.charAt(i);
        if (c == '=' && i + 2 < joined.length()) {
          out.write(Integer.parseInt(joined.substring(i + 1, i + 3), 16));
          i += 2;
        } else {
          out.write(c);
        }
      }
      return out.toString(StandardCharsets.UTF_8);
    }
  }
}
