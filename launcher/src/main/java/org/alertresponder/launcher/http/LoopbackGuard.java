package org.alertresponder.launcher.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;

import java.net.URI;
import java.util.Locale;

/**
 * Protects a server that listens on loopback without authentication from the browser on the same
 * machine: a web page could otherwise post alerts cross-site (a plain-text POST needs no pre-flight) or,
 * with DNS rebinding, read reports under its own host name. Requests must name a loopback host, and a
 * request from a browser (it carries an {@code Origin}) must come from a loopback origin.
 */
public final class LoopbackGuard implements SecurityPolicyHandler {
  @Override
  public void handle(RoutingContext context) {
    String host = context.request().getHeader("Host");
    if (host == null || !isLoopbackName(stripPort(host))) {
      Problem.of(421, "misdirected-request", "Misdirected Request", "this server answers only requests for a "
          + "loopback host (127.0.0.1, ::1 or localhost) while it runs without authentication").send(context);
      return;
    }
    String origin = context.request().getHeader("Origin");
    if (origin != null && !loopbackOrigin(origin)) {
      Problem.of(403, "cross-origin", "Forbidden", "cross-origin requests are refused while the server runs "
          + "without authentication").send(context);
      return;
    }
    context.next();
  }

  private static boolean loopbackOrigin(String origin) {
    try {
      String host = URI.create(origin).getHost();
      return host != null && isLoopbackName(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static String stripPort(String host) {
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end < 0 ? host : host.substring(1, end);
    }
    int colon = host.indexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }

  static boolean isLoopbackName(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    return name.equals("localhost") || name.startsWith("127.") || name.equals("::1") || name.equals("[::1]");
  }
}
