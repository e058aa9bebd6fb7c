package org.alertresponder.plugins.email;

import io.vertx.core.Future;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.SMTPException;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.engine.spi.Emitter;
import org.alertresponder.engine.spi.PluginException;
import org.alertresponder.plugins.support.HttpAnswers;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Sends each publication as one e-mail through an SMTP server (see the package documentation for the
 * options and the message).
 *
 * <p>The {@code Message-ID} is derived from the report's id and version, so a delivery the engine repeats
 * (at-least-once) carries the same id as the first one and mail clients and archives can recognise it. Later
 * versions refer to version 1's id in {@code In-Reply-To} and {@code References}, so that mail clients show
 * every version of a report as one thread.
 */
final class EmailEmitter implements Emitter, AutoCloseable {
  /** RFC 5322's date format, e.g. {@code Fri, 27 Nov 2026 10:00:00 +0000}. */
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z",
      Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final int EXCERPT = 200;

  private final MailClient client;
  private final Clock clock;
  private final String server;
  private final String from;
  private final List<String> to;
  private final List<String> cc;
  private final String subjectPrefix;
  private final String reportUrl;
  private final String messageIdDomain;

  EmailEmitter(MailClient client, Clock clock, String server, String from, List<String> to, List<String> cc,
               String subjectPrefix, String reportUrl) {
    this.client = client;
    this.clock = clock;
    this.server = server;
    this.from = from;
    this.to = List.copyOf(to);
    this.cc = List.copyOf(cc);
    this.subjectPrefix = subjectPrefix;
    this.reportUrl = reportUrl;
    this.messageIdDomain = domainOf(from);
  }

  /** Releases the SMTP connections; the engine calls it when it stops. */
  @Override
  public void close() {
    client.close();
  }

  @Override
  public Future<Void> emit(Report report) {
    MailMessage message;
    try {
      message = message(report);
    } catch (RuntimeException e) {
      return Future.failedFuture(PluginException.permanent("could not compose the e-mail: " + e.getMessage()));
    }
    return client.sendMail(message).<Void>mapEmpty().recover(failure -> Future.failedFuture(classify(failure)));
  }

  /** The message for one publication; package-private so that tests can look at it without a server. */
  MailMessage message(Report report) {
    EmailContent content = EmailContent.of(report, subjectPrefix, reportUrl);
    MailMessage message = new MailMessage()
        .setFrom(from)
        .setTo(to)
        .setSubject(content.subject())
        .setText(content.text())
        .setHtml(content.html());
    if (!cc.isEmpty()) {
      message.setCc(cc);
    }
    // The mail encoder adds a Date of its own from the system clock; the engine's clock is the one that
    // counts, so that a test (or a replayed delivery) shows the time the engine sent it.
    message.addHeader("Date", DATE.format(clock.now()));
    message.addHeader("Message-ID", messageId(report.id(), report.version(), messageIdDomain));
    if (report.version() > 1) {
      String first = messageId(report.id(), 1, messageIdDomain);
      message.addHeader("In-Reply-To", first);
      message.addHeader("References", first);
    }
    message.addHeader("X-AlertResponder-Report", token(report.id()) + "; version=" + report.version());
    return message;
  }

  /** {@code <id.vN@domain>}, the same for every delivery of one version. */
  static String messageId(String reportId, int version, String domain) {
    return "<" + token(reportId) + ".v" + version + "@" + domain + ">";
  }

  /**
   * The domain of the sender's address, for the right-hand side of message ids: RFC 5322 asks for a name the
   * sender controls, so that ids from different senders never collide.
   */
  static String domainOf(String address) {
    String bare = address;
    int open = bare.lastIndexOf('<');
    int close = bare.lastIndexOf('>');
    if (open >= 0 && close > open) {
      bare = bare.substring(open + 1, close);
    }
    int at = bare.lastIndexOf('@');
    String domain = at < 0 ? "" : bare.substring(at + 1).replaceAll("[^A-Za-z0-9.-]", "");
    return domain.isEmpty() ? "alertresponder.invalid" : domain.toLowerCase(Locale.ROOT);
  }

  /** The report id with anything a message id may not hold removed (the engine's ids are UUIDs already). */
  private static String token(String id) {
    return id.replaceAll("[^A-Za-z0-9._-]", "");
  }

  /**
   * Says whether a failure is worth retrying. The SMTP server's own reply code decides when there is one:
   * 5xx means the server refuses this message for good (no such mailbox, relaying denied, bad login), 4xx that
   * it cannot take it now (greylisting, a full queue). Without a reply, the server could not be reached or
   * went silent, which a later attempt may not meet.
   */
  PluginException classify(Throwable failure) {
    if (failure instanceof PluginException plugin) {
      return plugin;
    }
    if (failure instanceof SMTPException smtp) {
      int code = smtp.getReplyCode();
      String reply = excerpt(smtp.getReplyMessage());
      if (!reply.startsWith(Integer.toString(code))) {
        reply = code + " " + reply;
      }
      boolean permanent = code >= 500 && code < 600;
      return new PluginException("the SMTP server " + server + " answered " + reply
          + (permanent ? " (refused for good)" : " (try again later)"), !permanent, failure);
    }
    String message = failure.getMessage() == null ? "" : failure.getMessage();
    // The mail client reports a mismatch between the configuration and what the server offers as plain
    // failures without a reply code. Sending again meets the same server, so these are permanent: the
    // operator has to change starttls, the login or the server.
    if (message.contains("STARTTLS required but not supported")) {
      return new PluginException("the SMTP server " + server + " does not offer STARTTLS, which the option starttls "
          + "requires (the default with a username), so neither the password nor the message was sent; if the "
          + "server does offer it, something on the way strips it from the server's reply", false, failure);
    }
    if (message.startsWith("login is required")
        || message.contains("exceeds allowed size limit")) {
      return new PluginException("the SMTP server " + server + " cannot take this message: " + excerpt(message),
          false, failure);
    }
    if (message.contains("closed")) {
      return new PluginException("the SMTP server " + server
          + " closed the connection or did not answer within reply-timeout (" + excerpt(message) + ")", true, failure);
    }
    return HttpAnswers.unanswered(failure, "the SMTP server " + server);
  }

  private static String excerpt(String text) {
    if (text == null) {
      return "";
    }
    String line = EmailContent.oneLine(text);
    return line.length() > EXCERPT ? line.substring(0, EXCERPT) + "..." : line;
  }
}
