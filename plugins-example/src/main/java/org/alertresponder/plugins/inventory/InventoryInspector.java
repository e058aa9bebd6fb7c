package org.alertresponder.plugins.inventory;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.alertresponder.engine.api.AlertValidator;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.spi.InspectionResult;
import org.alertresponder.engine.spi.InspectionTask;
import org.alertresponder.engine.spi.Inspector;
import org.alertresponder.engine.spi.PluginException;
import org.alertresponder.plugins.dns.DnsInspectorFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Answers from the asset inventory and the user directory (see the package documentation): a {@code host}
 * finding per asset with the inspected address or host name, plus the asset's host names or addresses as
 * new attributes; a {@code user} finding for a known user. What the inventory does not know gets an empty
 * result, and so, unless {@code trust-dns} is set, does an attribute the dns inspector derived.
 */
final class InventoryInspector implements Inspector, AutoCloseable {
  /** At most this many assets answer one lookup, so that a shared address cannot flood a report. */
  static final int MAX_ASSETS = 100;
  /** At most this many new attributes come back from one lookup. */
  static final int MAX_NEW_ATTRIBUTES = 100;
  static final String HOSTNAME_KEY = "inventory hostname";
  static final String ADDRESS_KEY = "inventory address";
  /** The attribute types the inventory answers; others fail whatever their context. */
  private static final Set<String> ANSWERED = Set.of(Attribute.IPADDR, Attribute.DOMAIN, Attribute.USERNAME);

  private final InventoryLoader loader;
  private final Future<Inventory> firstLoad;
  private final boolean trustDns;

  /**
   * @param trustDns whether attributes marked with the {@code dns} context word are matched too
   */
  InventoryInspector(InventoryLoader loader, Future<Inventory> firstLoad, boolean trustDns) {
    this.loader = loader;
    this.firstLoad = firstLoad;
    this.trustDns = trustDns;
  }

  @Override
  public Future<InspectionResult> inspect(InspectionTask task) {
    if (!trustDns && task.attribute().hasContext(DnsInspectorFactory.DNS_CONTEXT) && ANSWERED.contains(
        task.attribute().type())) {
      // What DNS answered is whatever the zone's owner published: an attacker's PTR name or A record can name
      // an internal asset, and a match would lend the attacker that asset's owner, team and local address.
      return Future.succeededFuture(InspectionResult.empty());
    }
    Inventory inventory = loader.current();
    if (inventory != null) {
      return answer(inventory, task.attribute());
    }
    // Only an inspector created on a Vert.x thread gets here: its factory could not wait for the first read.
    Promise<InspectionResult> answered = Promise.promise();
    firstLoad.onComplete(loaded -> {
      if (loaded.failed()) {
        answered.fail(PluginException.permanent("the inventory could not be read: " + loaded.cause().getMessage()));
      } else {
        answer(loaded.result(), task.attribute()).onComplete(answered);
      }
    });
    return answered.future();
  }

  /** Waits for the first read of the files; for tests. */
  Future<Inventory> loaded() {
    return firstLoad;
  }

  InventoryLoader loader() {
    return loader;
  }

  private static Future<InspectionResult> answer(Inventory inventory, Attribute attribute) {
    String value = AlertValidator.normalize(attribute).value();
    return switch (attribute.type()) {
      case Attribute.IPADDR -> Future.succeededFuture(hosts(inventory.assetsWithIp(value), attribute,
          Attribute.DOMAIN, HOSTNAME_KEY));
      case Attribute.DOMAIN -> Future.succeededFuture(hosts(inventory.assetsNamed(value), attribute,
          Attribute.IPADDR, ADDRESS_KEY));
      case Attribute.USERNAME -> {
        DirectoryUser user = inventory.user(value);
        yield Future.succeededFuture(user == null ? InspectionResult.empty()
            : InspectionResult.of(Finding.of(Finding.USER, user.toUserContent())));
      }
      default -> Future.failedFuture(PluginException.permanent("the inventory inspector reads ipaddr, domain and "
          + "username attributes, not " + attribute.type() + ": remove that type from its types"));
    };
  }

  /**
   * One host finding per asset, and the assets' values of the other kind as new attributes (an address's
   * host names, a host name's addresses), in the {@code local} context since the inventory lists the
   * organisation's own hosts.
   */
  private static InspectionResult hosts(List<Asset> assets, Attribute inspected, String newType, String newKey) {
    if (assets.isEmpty()) {
      return InspectionResult.empty();
    }
    List<Finding> findings = new ArrayList<>(Math.min(assets.size(), MAX_ASSETS));
    Set<String> values = new LinkedHashSet<>();
    for (Asset asset : assets.subList(0, Math.min(assets.size(), MAX_ASSETS))) {
      findings.add(Finding.of(Finding.HOST, asset.toHostContent()));
      values.addAll(newType.equals(Attribute.DOMAIN) ? asset.hostnames() : asset.ips());
    }
    List<Attribute> attributes = new ArrayList<>();
    for (String value : values) {
      if (attributes.size() == MAX_NEW_ATTRIBUTES) {
        break;
      }
      if (!(newType.equals(inspected.type()) && value.equals(inspected.value()))) {
        attributes.add(Attribute.of(newType, newKey, value, Attribute.LOCAL));
      }
    }
    return new InspectionResult(findings, attributes);
  }

  /** Stops the reload checks; the engine calls it when it stops. */
  @Override
  public void close() {
    loader.close();
  }
}
