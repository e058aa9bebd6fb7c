package org.alertresponder.plugins.dns;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.Durations;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.Inspector;
import org.alertresponder.engine.spi.InspectorFactory;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginOptions;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * The inspector type {@code dns}: forward and reverse lookups through one DNS server. The package
 * documentation lists the options.
 */
public final class DnsInspectorFactory implements InspectorFactory {
  public static final int DEFAULT_PORT = 53;
  public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(5);
  public static final int DEFAULT_MAX_ANSWERS = 10;
  public static final int MAX_ANSWERS_LIMIT = 100;
  /**
   * The context word every attribute this inspector adds carries, besides the inspected attribute's own
   * words: whoever controls a zone chooses what it answers, so policies and other inspectors need to tell
   * what DNS said from what was observed.
   */
  public static final String DNS_CONTEXT = "dns";
  /** The server when neither the options nor the host's resolver configuration name one. */
  public static final String FALLBACK_SERVER = "127.0.0.1";
  private static final Path RESOLV_CONF = Path.of("/etc/resolv.conf");
  private static final System.Logger LOG = System.getLogger(DnsInspectorFactory.class.getName());

  private final Path resolvConf;

  public DnsInspectorFactory() {
    this(RESOLV_CONF);
  }

  /** With another resolver configuration than the host's; for tests. */
  DnsInspectorFactory(Path resolvConf) {
    this.resolvConf = resolvConf;
  }

  @Override
  public String type() {
    return "dns";
  }

  @Override
  public Set<String> defaultAttributeTypes() {
    return Set.of(Attribute.IPADDR, Attribute.DOMAIN);
  }

  @Override
  public Inspector create(PluginContext context) {
    return createInspector(context);
  }

  DnsInspector createInspector(PluginContext context) {
    PluginOptions options = context.options();
    String server = options.string("server", null);
    if (server != null) {
      server = server.trim();
      if (!ResolvConf.isAddress(server)) {
        throw new ConfigurationException(options.pathOf("server"), "the IPv4 or IPv6 address of a DNS server (a "
            + "server named by a host name would need DNS to be found)", PluginOptions.describe(server));
      }
    }
    int port = options.integer("port", DEFAULT_PORT, 1, 65535);
    Duration queryTimeout = options.duration("query-timeout", DEFAULT_QUERY_TIMEOUT);
    if (queryTimeout.isZero()) {
      throw new ConfigurationException(options.pathOf("query-timeout"), "a positive duration such as 5s",
          Durations.format(queryTimeout));
    }
    int maxAnswers = options.integer("max-answers", DEFAULT_MAX_ANSWERS, 1, MAX_ANSWERS_LIMIT);
    boolean reverse = options.bool("reverse", true);
    boolean forward = options.bool("forward", true);
    if (!reverse && !forward) {
      throw new ConfigurationException(options.pathOf("forward"), "true, or reverse: true (with both off the "
          + "inspector has nothing to look up)", "false, and reverse: false");
    }
    boolean forwardConfirm = options.bool("forward-confirm", true);
    Future<String> host = server != null ? Future.succeededFuture(server) : hostResolver(context.vertx(), context.name());
    return new DnsInspector(context.vertx(), host,
        new DnsInspector.Settings(port, queryTimeout, maxAnswers, forward, reverse, forwardConfirm));
  }

  /**
   * The first name server of the host's resolver configuration, read through Vert.x's file system so
   * that nothing blocks, or {@link #FALLBACK_SERVER} when there is none.
   */
  private Future<String> hostResolver(Vertx vertx, String name) {
    return vertx.fileSystem().readFile(resolvConf.toString())
        .map(text -> ResolvConf.firstNameserver(text.toString(StandardCharsets.UTF_8)).orElse(null))
        .otherwise(failure -> null)
        .map(found -> {
          if (found == null) {
            LOG.log(Level.WARNING, "dns inspector " + name + ": " + resolvConf + " names no usable name server, "
                + "asking " + FALLBACK_SERVER + "; set the option server to choose one");
            return FALLBACK_SERVER;
          }
          return found;
        });
  }
}
