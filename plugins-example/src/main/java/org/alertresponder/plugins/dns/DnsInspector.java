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
 * Looks addresses and names up in DNS (see the package documentation): an address's PTR name, a name's
 * A and AAAA addresses, each returned as a {@code host} finding and as new attributes.
 */
final class DnsInspector implements Inspector {
  static final String PTR_KEY = "PTR record";
  static final String A_KEY = "A record";
  static final String AAAA_KEY = "AAAA record";

  /** How the inspector reaches its server and what it asks. */
  record Settings(int port, Duration queryTimeout, int maxAnswers, boolean forward, boolean reverse) {
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
        .map(names -> answer(inspected, "hostname", Attribute.DOMAIN, List.of(new Answer(PTR_KEY, names))));
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
      return Future.succeededFuture(answer(inspected, "ipaddr", Attribute.IPADDR,
          List.of(new Answer(A_KEY, a.result()), new Answer(AAAA_KEY, aaaa.result()))));
    });
  }

  /**
   * A host finding with the values found under {@code field}, and the same values as new attributes in the
   * inspected attribute's context. Values the engine would refuse (a PTR name that is not a host name) are
   * left out, and so is a value equal to the inspected one.
   */
  private InspectionResult answer(Attribute inspected, String field, String type, List<Answer> answers) {
    List<Attribute> attributes = new ArrayList<>();
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
          attributes.add(candidate);
        }
      }
    }
    if (values.isEmpty()) {
      return InspectionResult.empty();
    }
    JsonObject content = new JsonObject().put(field, new JsonArray(List.copyOf(values)));
    return new InspectionResult(List.of(Finding.of(Finding.HOST, content)), attributes);
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
}
