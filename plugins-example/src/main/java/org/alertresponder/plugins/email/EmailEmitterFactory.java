package org.alertresponder.plugins.email;

import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.Emitter;
import org.alertresponder.engine.spi.EmitterFactory;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginOptions;
import org.alertresponder.plugins.support.PluginHttpClient;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The emitter type {@code email}: one e-mail per publication through an SMTP server. The options and the
 * message are described in the package documentation.
 */
public final class EmailEmitterFactory implements EmitterFactory {
  public static final String DEFAULT_SUBJECT_PREFIX = "[AlertResponder]";
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofSeconds(20);
  /**
   * An address as written in a configuration, {@code alerts@example.org} or
   * {@code Security <alerts@example.org>}: deliberately loose (the SMTP server is the judge), but with one
   * {@code @} in the address and nothing that could end a header line.
   */
  private static final Pattern ADDRESS = Pattern.compile(
      "(?:[^<>\\p{Cntrl}]*<)?[^<>@\\s\\p{Cntrl}]+@[^<>@\\s\\p{Cntrl}]+(?:>)?");

  @Override
  public String type() {
    return "email";
  }

  @Override
  public Emitter create(PluginContext context) {
    PluginOptions options = context.options();
    String host = options.requiredString("host");
    boolean ssl = options.bool("ssl", false);
    int port = options.integer("port", ssl ? 465 : 25, 1, 65535);
    String username = options.string("username", null);
    String password = null;
    if (username != null) {
      if (username.isBlank()) {
        throw new ConfigurationException(options.pathOf("username"), "a non-empty user name", "\"\"");
      }
      password = PluginHttpClient.secret(options, "password", null);
    } else if (options.has("password")) {
      throw new ConfigurationException(options.pathOf("username"), "a user name, since password is set", "nothing");
    }
    boolean allowPlaintextLogin = options.bool("allow-plaintext-login", false);
    StartTLSOptions starttls = starttls(options, username != null && !ssl, allowPlaintextLogin);
    String from = address(options, "from", options.requiredString("from"));
    List<String> to = addresses(options, "to", true);
    List<String> cc = addresses(options, "cc", false);
    String subjectPrefix = EmailContent.oneLine(options.string("subject-prefix", DEFAULT_SUBJECT_PREFIX));
    String reportUrl = reportUrl(options);
    Duration connectTimeout = positive(options, "connect-timeout", DEFAULT_CONNECT_TIMEOUT);
    Duration replyTimeout = positive(options, "reply-timeout", DEFAULT_REPLY_TIMEOUT);

    MailConfig config = new MailConfig()
        .setHostname(host)
        .setPort(port)
        .setSsl(ssl)
        .setStarttls(starttls)
        // With a user name the login is required: a server that offers no way to log in must not get the
        // message unauthenticated (it would likely refuse relaying anyway, with a less helpful reply).
        .setLogin(username == null ? LoginOption.DISABLED : LoginOption.REQUIRED)
        .setUsername(username)
        .setPassword(password)
        // One connection per message: publications are minutes apart, and a pooled connection the server
        // dropped in between would only turn the next delivery into a retry.
        .setKeepAlive(false)
        .setUserAgent("AlertResponder")
        .setConnectTimeout(millis(connectTimeout));
    // The mail client waits for a reply without a bound of its own; the idle timeout closes a connection on
    // which the server has said nothing for this long, which fails the delivery (retryably).
    config.setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    config.setIdleTimeout(millis(replyTimeout));
    MailClient client = MailClient.create(context.vertx(), config);
    return new EmailEmitter(client, context.clock(), host + ":" + port, from, to, cc, subjectPrefix, reportUrl);
  }

  /**
   * The STARTTLS setting. A login over a connection that is not TLS from the first byte defaults to
   * {@code required}: with {@code optional} the mail client logs in in clear whenever the server's EHLO reply
   * does not offer STARTTLS, and anyone between the two can strip it from that reply and read the password.
   * {@code optional} or {@code disabled} with a login are refused unless {@code allow-plaintext-login} says
   * the operator accepts that.
   *
   * @param login whether the client logs in over a connection that starts in clear
   */
  private static StartTLSOptions starttls(PluginOptions options, boolean login, boolean allowPlaintextLogin) {
    String value = options.string("starttls", login ? "required" : "optional");
    StartTLSOptions starttls = switch (value.toLowerCase(Locale.ROOT)) {
      case "disabled" -> StartTLSOptions.DISABLED;
      case "optional" -> StartTLSOptions.OPTIONAL;
      case "required" -> StartTLSOptions.REQUIRED;
      default -> throw new ConfigurationException(options.pathOf("starttls"), "disabled, optional or required",
          PluginOptions.describe(value));
    };
    if (login && starttls != StartTLSOptions.REQUIRED && !allowPlaintextLogin) {
      throw new ConfigurationException(options.pathOf("starttls"), "required, since username is set and ssl is "
          + "false (otherwise the password is sent in clear to a server that does not offer STARTTLS, or through "
          + "anyone who strips it from the server's reply); use ssl: true, or set allow-plaintext-login: true "
          + "to accept that risk", PluginOptions.describe(value));
    }
    return starttls;
  }

  private static String address(PluginOptions options, String path, String value) {
    String trimmed = value.strip();
    if (!ADDRESS.matcher(trimmed).matches()) {
      throw new ConfigurationException(options.path() + "." + path,
          "an e-mail address such as alerts@example.org or \"Security <alerts@example.org>\"",
          PluginOptions.describe(value));
    }
    return trimmed;
  }

  private static List<String> addresses(PluginOptions options, String key, boolean required) {
    // A single recipient may be written without a list; it would read as a list of one anyway.
    Object raw = options.raw(key);
    List<String> values = raw instanceof String single ? List.of(single) : options.strings(key, null);
    if (values == null || values.isEmpty()) {
      if (required) {
        throw new ConfigurationException(options.pathOf(key), "a list of at least one e-mail address",
            values == null ? "nothing" : "an empty list");
      }
      return List.of();
    }
    List<String> out = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      out.add(address(options, key + "[" + i + "]", values.get(i)));
    }
    return out;
  }

  private static String reportUrl(PluginOptions options) {
    String template = options.string("report-url", null);
    if (template == null) {
      return null;
    }
    // The template is checked with a sample id, so that a wrong template stops start-up rather than every
    // message carrying a broken link.
    String sample = EmailContent.reportUrl(template, "00000000-0000-7000-8000-000000000000", 1);
    try {
      URI uri = new URI(sample);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return template;
      }
    } catch (URISyntaxException e) {
      // Reported below, like any other wrong value.
    }
    throw new ConfigurationException(options.pathOf("report-url"),
        "an absolute http:// or https:// URL with {id} (and optionally {version}) in it",
        PluginOptions.describe(template));
  }

  private static Duration positive(PluginOptions options, String key, Duration fallback) {
    Duration value = options.duration(key, fallback);
    if (value.isZero() || value.isNegative()) {
      throw new ConfigurationException(options.pathOf(key), "a positive duration such as 10s", value.toString());
    }
    return value;
  }

  private static int millis(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
  }
}
