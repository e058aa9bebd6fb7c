package org.alertresponder.plugins.dns;

import io.netty.resolver.dns.DnsNameResolverTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.dns.DnsClient;
import io.vertx.core.dns.DnsClientOptions;
import io.vertx.core.dns.DnsException;
import io.vertx.core.dns.DnsResponseCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.AlertValidator;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.spi.InspectionResult;
import org.alertresponder.engine.spi.InspectionTask;
import org.alertresponder.engine.spi.Inspector;
import org.alertresponder.engine.spi.PluginException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Looks addresses and names up in DNS (see the package documentation): an address's PTR name, kept only
 * when forward-confirmed unless configured otherwise, and a name's A and AAAA addresses, each returned as a
 * {@code host} finding and as new attributes marked with the {@code dns} context word.
 */
final class DnsInspector implements Inspector, AutoCloseable {
  static final String PTR_KEY = "PTR record";
  static final String A_KEY = "A record";
  static final String AAAA_KEY = "AAAA record";
  /** The host finding's field for PTR names whose own addresses do not include the inspected one. */
  static final String UNCONFIRMED_HOSTNAME = "unconfirmed_hostname";

  /** How the inspector reaches its server and what it asks. */
  record Settings(int port, Duration queryTimeout, int maxAnswers, boolean forward, boolean reverse,
                  boolean forwardConfirm) {
  }

  /** A name of one record type and the records it had: empty for NXDOMAIN or no records. */
  private record Answer(String key, List<String> values) {
  }

  private final Vertx vertx;
  private final Settings settings;
  private final Future<String> server;
  private volatile DnsClient client;
  private volatile String serverName;

  /**
   * @param server the server's address, known at once when configured, or once the host's resolver
   *               configuration has been read
   */
  DnsInspector(Vertx vertx, Future<String> server, Settings settings) {
    this.vertx = vertx;
    this.settings = settings;
    this.server = server.onSuccess(this::connect);
  }

  private synchronized void connect(String host) {
    if (client == null) {
      // An address literal, so creating the client resolves nothing and does not block.
      client = vertx.createDnsClient(new DnsClientOptions().setHost(host).setPort(settings.port())
          .setQueryTimeout(settings.queryTimeout().toMillis()));
      serverName = host.indexOf(':') >= 0 ? "[" + host + "]:" + settings.port() : host + ":" + settings.port();
    }
  }

  /** The server queries go to, such as {@code 127.0.0.1:53}, once known. */
  Future<String> server() {
    return server.map(host -> serverName);
  }

  @Override
  public Future<InspectionResult> inspect(InspectionTask task) {
    if (client != null) {
      return inspect(task.attribute());
    }
    // Only the first inspections after start-up can get here, while the host's resolver configuration is read.
    return server.compose(host -> inspect(task.attribute()));
  }

  private Future<InspectionResult> inspect(Attribute attribute) {
    Attribute inspected = AlertValidator.normalize(attribute);
    return switch (inspected.type()) {
      case Attribute.IPADDR -> settings.reverse() ? reverse(inspected) : Future.succeededFuture(InspectionResult.empty());
      case Attribute.DOMAIN -> settings.forward() ? forward(inspected) : Future.succeededFuture(InspectionResult.empty());
      default -> Future.failedFuture(PluginException.permanent("the dns inspector reads ipaddr and domain attributes, "
          + "not " + inspected.type() + ": remove that type from its types"));
    };
  }

  private Future<InspectionResult> reverse(Attribute inspected) {
    String name = ReverseDnsName.of(inspected.value());
    if (name == null) {
      return Future.failedFuture(PluginException.permanent("cannot look up the PTR record of \"" + clip(inspected.value())
          + "\": it is not an IPv4 or IPv6 address"));
    }
    return query("PTR", name, client.resolvePTR(name).map(found -> found == null ? List.of() : List.of(found)))
        .compose(names -> {
          List<Attribute> found = candidates(inspected, Attribute.DOMAIN, List.of(new Answer(PTR_KEY, names)));
          if (!settings.forwardConfirm() || found.isEmpty()) {
            return Future.succeededFuture(result("hostname", found, List.of()));
          }
          return confirm(inspected, found);
        });
  }

  /**
   * Keeps the PTR names whose own addresses include the inspected one (forward-confirmed reverse DNS). The
   * owner of an address range writes its PTR records, so an attacker at 198.51.100.7 can make it name
   * {@code dc01.corp.example.com}; only the owner of {@code corp.example.com} can make that name lead back
   * to 198.51.100.7. Names that do not come back stay visible in the finding, as
   * {@value #UNCONFIRMED_HOSTNAME}, but are not handed on as attributes for others to match. A failing
   * confirmation query fails the inspection, as any other query does: an unconfirmed name because of a
   * passing SERVFAIL must not be cached as the answer.
   */
  private Future<InspectionResult> confirm(Attribute inspected, List<Attribute> found) {
    List<Future<Boolean>> checks = new ArrayList<>(found.size());
    for (Attribute candidate : found) {
      checks.add(resolvesTo(candidate.value(), inspected.value()));
    }
    return Future.all(checks).map(all -> {
      List<Attribute> confirmed = new ArrayList<>();
      List<String> unconfirmed = new ArrayList<>();
      for (int i = 0; i < found.size(); i++) {
        if (checks.get(i).result()) {
          confirmed.add(found.get(i));
        } else {
          unconfirmed.add(found.get(i).value());
        }
      }
      return result("hostname", confirmed, unconfirmed);
    });
  }

  /**
   * Whether {@code name}'s records of the address's own family (A for IPv4, AAAA for IPv6) include the
   * address, compared in canonical form.
   */
  private Future<Boolean> resolvesTo(String name, String address) {
    boolean ipv6 = address.indexOf(':') >= 0;
    Future<List<String>> sent = ipv6 ? client.resolveAAAA(name) : client.resolveA(name);
    return query(ipv6 ? "AAAA" : "A", name, sent).map(addresses -> {
      for (String raw : addresses) {
        if (AlertValidator.normalize(Attribute.of(Attribute.IPADDR, "", raw)).value().equals(address)) {
          return true;
        }
      }
      return false;
    });
  }

  private Future<InspectionResult> forward(Attribute inspected) {
    String name = inspected.value();
    if (!AlertValidator.violations("value", inspected).isEmpty()) {
      return Future.failedFuture(PluginException.permanent("cannot look up the addresses of \"" + clip(name)
          + "\": it is not a valid host name"));
    }
    Future<List<String>> a = query("A", name, client.resolveA(name));
    Future<List<String>> aaaa = query("AAAA", name, client.resolveAAAA(name));
    // Both answers are needed before deciding: one failing query fails the inspection, so that a partial
    // answer is never cached as the whole truth.
    return Future.join(a, aaaa).transform(both -> {
      Throwable failure = a.failed() ? a.cause() : aaaa.failed() ? aaaa.cause() : null;
      if (failure != null) {
        return Future.failedFuture(failure);
      }
      List<Attribute> found = candidates(inspected, Attribute.IPADDR,
          List.of(new Answer(A_KEY, a.result()), new Answer(AAAA_KEY, aaaa.result())));
      return Future.succeededFuture(result("ipaddr", found, List.of()));
    });
  }

  /**
   * The values of the answers as attributes of {@code type}, at most {@code max-answers}, in the engine's
   * canonical form and the inspected attribute's context. Values the engine would refuse (a PTR name that
   * is not a host name) are left out, and so is a value equal to the inspected one.
   */
  private List<Attribute> candidates(Attribute inspected, String type, List<Answer> answers) {
    List<Attribute> out = new ArrayList<>();
    Set<String> values = new LinkedHashSet<>();
    for (Answer answer : answers) {
      for (String raw : answer.values()) {
        if (values.size() == settings.maxAnswers()) {
          break;
        }
        Attribute candidate = AlertValidator.normalize(new Attribute(type, answer.key(), raw, inspected.context(),
            null));
        boolean usable = AlertValidator.violations("value", candidate).isEmpty()
            && !(candidate.type().equals(inspected.type()) && candidate.value().equals(inspected.value()));
        if (usable && values.add(candidate.value())) {
          out.add(candidate);
        }
      }
    }
    return out;
  }

  /**
   * A host finding with the values of {@code found} under {@code field} and the unconfirmed PTR names under
   * {@value #UNCONFIRMED_HOSTNAME}, and {@code found} as new attributes marked with the
   * {@link DnsInspectorFactory#DNS_CONTEXT} word. An attribute whose context has no room left for that word
   * is only in the finding: unmarked, it would pass for an observed value.
   */
  private static InspectionResult result(String field, List<Attribute> found, List<String> unconfirmed) {
    if (found.isEmpty() && unconfirmed.isEmpty()) {
      return InspectionResult.empty();
    }
    JsonObject content = new JsonObject();
    List<Attribute> attributes = new ArrayList<>(found.size());
    if (!found.isEmpty()) {
      List<String> values = new ArrayList<>(found.size());
      for (Attribute attribute : found) {
        values.add(attribute.value());
        List<String> context = markedContext(attribute.context());
        if (context != null) {
          attributes.add(new Attribute(attribute.type(), attribute.key(), attribute.value(), context, null));
        }
      }
      content.put(field, new JsonArray(values));
    }
    if (!unconfirmed.isEmpty()) {
      content.put(UNCONFIRMED_HOSTNAME, new JsonArray(List.copyOf(unconfirmed)));
    }
    return new InspectionResult(List.of(Finding.of(Finding.HOST, content)), attributes);
  }

  /** The context with the dns word added once, or null when the engine allows no further word. */
  private static List<String> markedContext(List<String> context) {
    if (context.contains(DnsInspectorFactory.DNS_CONTEXT)) {
      return context;
    }
    if (context.size() >= AlertValidator.MAX_CONTEXT_WORDS) {
      return null;
    }
    List<String> marked = new ArrayList<>(context.size() + 1);
    marked.addAll(context);
    marked.add(DnsInspectorFactory.DNS_CONTEXT);
    return marked;
  }

  /**
   * The records of one query; no records and NXDOMAIN are an empty list. Any other failure is a
   * {@link PluginException}: SERVFAIL, REFUSED and no answer are retryable, since the server may answer
   * later; FORMERR and NOTIMP are permanent, since the same question gets the same answer.
   */
  private Future<List<String>> query(String type, String name, Future<List<String>> sent) {
    return sent.recover(failure -> {
      String question = "the " + type + " query for " + name + " to the DNS server " + serverName;
      if (failure instanceof DnsException dns) {
        DnsResponseCode code = dns.code();
        if (code == DnsResponseCode.NXDOMAIN) {
          return Future.succeededFuture(List.of());
        }
        boolean permanent = code == DnsResponseCode.FORMERROR || code == DnsResponseCode.NOTIMPL;
        return Future.failedFuture(new PluginException(question + " was answered " + code.name(), !permanent));
      }
      if (isTimeout(failure)) {
        return Future.failedFuture(PluginException.retryable(question + " got no answer within "
            + settings.queryTimeout().toMillis() + " ms"));
      }
      return Future.failedFuture(new PluginException(question + " failed: " + failure, true, failure));
    });
  }

  private static boolean isTimeout(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof DnsNameResolverTimeoutException || cause instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static String clip(String value) {
    return value.length() > 100 ? value.substring(0, 97) + "..." : value;
  }

  /** Closes the DNS client, if one was made; the engine calls it when it stops. */
  @Override
  public void close() {
    DnsClient made = client;
    if (made != null) {
      made.close();
    }
  }
}
