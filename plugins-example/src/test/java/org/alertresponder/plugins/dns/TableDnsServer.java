package org.alertresponder.plugins.dns;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real DNS server on 127.0.0.1 for tests: it parses each UDP query (RFC 1035, 4.1) and answers A, AAAA
 * and PTR records from a table; {@link #host} fills in both directions of one address at once, as a zone
 * whose PTR names are forward-confirmed. A name that is not in the table gets NXDOMAIN; a name in the table without
 * records of the asked type gets an empty NOERROR answer; chosen names get SERVFAIL or REFUSED, and one
 * can be made to get no answer at all. Every query it receives is recorded.
 */
final class TableDnsServer {
  static final int A = 1;
  static final int PTR = 12;
  static final int AAAA = 28;
  private static final int NOERROR = 0;
  private static final int FORMERR = 1;
  private static final int SERVFAIL = 2;
  private static final int NXDOMAIN = 3;
  private static final int REFUSED = 5;

  /** A question as the server received it. */
  record Query(String name, int type) {
  }

  private final Map<String, Map<Integer, List<byte[]>>> records = new HashMap<>();
  private final Set<String> serverFailures = new HashSet<>();
  private final Set<String> refusals = new HashSet<>();
  private final Set<String> formatErrors = new HashSet<>();
  private final Set<String> silent = new HashSet<>();
  private final List<Query> queries = new CopyOnWriteArrayList<>();
  private DatagramSocket socket;

  TableDnsServer a(String name, String... addresses) {
    for (String address : addresses) {
      add(name, A, addressBytes(address));
    }
    return this;
  }

  TableDnsServer aaaa(String name, String... addresses) {
    for (String address : addresses) {
      add(name, AAAA, addressBytes(address));
    }
    return this;
  }

  TableDnsServer ptr(String name, String... targets) {
    for (String target : targets) {
      add(name, PTR, encodeName(target));
    }
    return this;
  }

  /**
   * An address and its name in both directions: a PTR record from the address's reverse name to
   * {@code name}, and an A (IPv4) or AAAA (IPv6) record from {@code name} back to the address.
   */
  TableDnsServer host(String address, String name) {
    ptr(ReverseDnsName.of(address), name);
    return address.indexOf(':') >= 0 ? aaaa(name, address) : a(name, address);
  }

  /** A PTR record whose target is raw labels, which need not make a valid host name. */
  TableDnsServer ptrLabels(String name, String... labels) {
    Buffer rdata = Buffer.buffer();
    for (String label : labels) {
      byte[] bytes = label.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      rdata.appendByte((byte) bytes.length).appendBytes(bytes);
    }
    add(name, PTR, rdata.appendByte((byte) 0).getBytes());
    return this;
  }

  /** A name in the table without records: any question about it gets an empty NOERROR answer. */
  TableDnsServer known(String name) {
    records.computeIfAbsent(key(name), k -> new HashMap<>());
    return this;
  }

  TableDnsServer serverFailure(String name) {
    serverFailures.add(key(name));
    return this;
  }

  TableDnsServer refusal(String name) {
    refusals.add(key(name));
    return this;
  }

  /** A name the server claims it cannot parse a question about. */
  TableDnsServer formatError(String name) {
    formatErrors.add(key(name));
    return this;
  }

  /** A name the server never answers for, as a server that is down or filtered. */
  TableDnsServer silentFor(String name) {
    silent.add(key(name));
    return this;
  }

  Future<TableDnsServer> start(Vertx vertx) {
    socket = vertx.createDatagramSocket();
    socket.handler(this::answer);
    return socket.listen(0, "127.0.0.1").map(this);
  }

  int port() {
    return socket.localAddress().port();
  }

  List<Query> queries() {
    return List.copyOf(queries);
  }

  Future<Void> close() {
    return socket == null ? Future.succeededFuture() : socket.close();
  }

  private void answer(DatagramPacket packet) {
    Buffer query = packet.data();
    int id = query.getUnsignedShort(0);
    int flags = query.getUnsignedShort(2);
    int offset = 12;
    List<String> labels = new ArrayList<>();
    while (true) {
      int length = query.getUnsignedByte(offset++);
      if (length == 0) {
        break;
      }
      labels.add(query.getString(offset, offset + length, "ISO-8859-1"));
      offset += length;
    }
    int type = query.getUnsignedShort(offset);
    int questionEnd = offset + 4;
    String name = String.join(".", labels).toLowerCase(Locale.ROOT);
    queries.add(new Query(name, type));
    if (silent.contains(name)) {
      return;
    }
    int code;
    List<byte[]> answers = List.of();
    if (serverFailures.contains(name)) {
      code = SERVFAIL;
    } else if (refusals.contains(name)) {
      code = REFUSED;
    } else if (formatErrors.contains(name)) {
      code = FORMERR;
    } else if (!records.containsKey(name)) {
      code = NXDOMAIN;
    } else {
      code = NOERROR;
      answers = records.get(name).getOrDefault(type, List.of());
    }
    // QR set, the query's opcode and RD echoed, RA set, then the response code.
    int responseFlags = 0x8000 | (flags & 0x7900) | 0x0080 | code;
    Buffer response = Buffer.buffer()
        .appendUnsignedShort(id)
        .appendUnsignedShort(responseFlags)
        .appendUnsignedShort(1)
        .appendUnsignedShort(answers.size())
        .appendUnsignedShort(0)
        .appendUnsignedShort(0)
        .appendBuffer(query.slice(12, questionEnd));
    for (byte[] rdata : answers) {
      // The owner name points back at the question's name, at offset 12.
      response.appendUnsignedShort(0xC00C).appendUnsignedShort(type).appendUnsignedShort(1)
          .appendUnsignedInt(300).appendUnsignedShort(rdata.length).appendBytes(rdata);
    }
    socket.send(response, packet.sender().port(), packet.sender().host());
  }

  private void add(String name, int type, byte[] rdata) {
    records.computeIfAbsent(key(name), k -> new HashMap<>()).computeIfAbsent(type, t -> new ArrayList<>()).add(rdata);
  }

  private static String key(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  private static byte[] addressBytes(String literal) {
    try {
      // A literal address: parsed, never looked up.
      return InetAddress.getByName(literal).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }

  private static byte[] encodeName(String name) {
    Buffer out = Buffer.buffer();
    for (String label : key(name).split("\\.")) {
      out.appendByte((byte) label.length()).appendString(label, "ISO-8859-1");
    }
    return out.appendByte((byte) 0).getBytes();
  }
}
