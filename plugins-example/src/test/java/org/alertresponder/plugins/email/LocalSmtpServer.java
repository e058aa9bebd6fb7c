package org.alertresponder.plugins.email;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real SMTP server on 127.0.0.1, speaking as much of RFC 5321 as a mail client needs to deliver a message
 * (greeting, EHLO/HELO, AUTH PLAIN, MAIL FROM, RCPT TO, DATA with dot-unstuffing, RSET, NOOP, QUIT), which
 * records every envelope and message it accepts. Its replies can be changed to play a refusing, busy, rude
 * or silent server.
 */
final class LocalSmtpServer {
  /** One accepted message: the envelope and the message as sent (CRLF line ends, dots unstuffed). */
  record Received(String mailFrom, List<String> recipients, String data) {
  }

  final List<Received> received = new CopyOnWriteArrayList<>();
  final List<String> commands = new CopyOnWriteArrayList<>();
  /** The reply to every RCPT TO. */
  volatile String rcptReply = "250 2.1.5 Recipient OK";
  /** The reply once the message's final dot arrived. */
  volatile String dataReply = "250 2.0.0 Queued";
  /** Accepts connections and never says anything. */
  volatile boolean silent;
  /** Closes the connection, without a reply, when this command (e.g. {@code MAIL}) arrives. */
  volatile String closeOn;
  /** The credentials AUTH PLAIN accepts, as "user:password"; null offers no AUTH at all. */
  volatile String credentials;

  private final NetServer server;

  private LocalSmtpServer(NetServer server) {
    this.server = server;
  }

  static LocalSmtpServer start(Vertx vertx) throws Exception {
    NetServer server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0));
    LocalSmtpServer smtp = new LocalSmtpServer(server);
    server.connectHandler(smtp::session);
    server.listen().await(10, TimeUnit.SECONDS);
    return smtp;
  }

  int port() {
    return server.actualPort();
  }

  void close() throws Exception {
    server.close().await(10, TimeUnit.SECONDS);
  }

  private void session(NetSocket socket) {
    if (silent) {
      return;
    }
    Session session = new Session(socket);
    socket.write("220 localhost ESMTP LocalSmtpServer\r\n");
    socket.handler(RecordParser.newDelimited("\r\n", line -> session.line(line.toString(StandardCharsets.UTF_8))));
  }

  private final class Session {
    private final NetSocket socket;
    private String mailFrom;
    private final List<String> recipients = new ArrayList<>();
    private StringBuilder data;
    private boolean awaitingCredentials;

    Session(NetSocket socket) {
      this.socket = socket;
    }

    void line(String line) {
      if (data != null) {
        dataLine(line);
        return;
      }
      if (awaitingCredentials) {
        awaitingCredentials = false;
        login(line);
        return;
      }
      commands.add(line);
      String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
      if (verb.equals(closeOn)) {
        socket.close();
        return;
      }
      switch (verb) {
        case "EHLO" -> reply(credentials == null ? "250-localhost\r\n250-8BITMIME\r\n250 SIZE 10485760"
            : "250-localhost\r\n250-AUTH PLAIN\r\n250 8BITMIME");
        case "HELO" -> reply("250 localhost");
        case "AUTH" -> auth(line);
        case "MAIL" -> {
          mailFrom = address(line);
          recipients.clear();
          reply("250 2.1.0 Sender OK");
        }
        case "RCPT" -> {
          String reply = rcptReply;
          if (reply.startsWith("2")) {
            recipients.add(address(line));
          }
          reply(reply);
        }
        case "DATA" -> {
          if (mailFrom == null || recipients.isEmpty()) {
            reply("503 5.5.1 No valid recipients");
          } else {
            data = new StringBuilder();
            reply("354 End data with <CR><LF>.<CR><LF>");
          }
        }
        case "RSET" -> {
          mailFrom = null;
          recipients.clear();
          reply("250 2.0.0 Reset");
        }
        case "NOOP" -> reply("250 2.0.0 OK");
        case "QUIT" -> {
          socket.write("221 2.0.0 Bye\r\n");
          socket.close();
        }
        default -> reply("502 5.5.2 Command not implemented");
      }
    }

    private void dataLine(String line) {
      if (line.equals(".")) {
        received.add(new Received(mailFrom, List.copyOf(recipients), data.toString()));
        data = null;
        mailFrom = null;
        recipients.clear();
        reply(dataReply);
        return;
      }
      // RFC 5321 4.5.2: a line starting with a dot was sent with one more.
      data.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
    }

    private void auth(String line) {
      String[] parts = line.split(" ");
      if (credentials == null || parts.length < 2 || !parts[1].equalsIgnoreCase("PLAIN")) {
        reply("504 5.5.4 Unrecognized authentication type");
      } else if (parts.length == 2) {
        awaitingCredentials = true;
        reply("334 ");
      } else {
        login(parts[2]);
      }
    }

    private void login(String encoded) {
      // AUTH PLAIN (RFC 4616): base64 of authzid NUL authcid NUL password.
      String[] fields = new String(Base64.getDecoder().decode(encoded.strip()), StandardCharsets.UTF_8).split("\0", -1);
      boolean ok = fields.length == 3 && (fields[1] + ":" + fields[2]).equals(credentials);
      reply(ok ? "235 2.7.0 Authentication successful" : "535 5.7.8 Authentication credentials invalid");
    }

    private void reply(String reply) {
      socket.write(reply + "\r\n");
    }

    private String address(String line) {
      int open = line.indexOf('<');
      int close = line.indexOf('>', open + 1);
      return open < 0 || close < 0 ? line : line.substring(open + 1, close);
    }
  }
}
