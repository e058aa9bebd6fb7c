package org.alertresponder.plugins.examples;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.spi.InspectionResult;
import org.alertresponder.engine.spi.Inspector;
import org.alertresponder.engine.spi.InspectorFactory;
import org.alertresponder.engine.spi.PluginContext;

/** An inspector: says which addresses are private, loopback or link-local, for a policy to tell them apart. */
public final class ReservedAddressInspectorFactory implements InspectorFactory {
  @Override
  public String type() {
    return "example-reserved-address";
  }

  @Override
  public java.util.Set<String> defaultAttributeTypes() {
    return java.util.Set.of("ipaddr");
  }

  @Override
  public Inspector create(PluginContext context) {
    return task -> {
      try {
        // The engine sends only valid ipaddr literals, and parsing a literal never asks DNS.
        java.net.InetAddress address = java.net.InetAddress.getByName(task.attribute().value());
        String kind = address.isLoopbackAddress() ? "loopback" : address.isLinkLocalAddress() ? "link-local"
            : address.isSiteLocalAddress() ? "private" : null;
        return Future.succeededFuture(kind == null ? InspectionResult.empty()
            : InspectionResult.of(Finding.of(Finding.HOST, new JsonObject().put("reserved", kind))));
      } catch (java.net.UnknownHostException e) {
        return Future.failedFuture(e);
      }
    };
  }
}
