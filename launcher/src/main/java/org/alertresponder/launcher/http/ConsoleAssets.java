package org.alertresponder.launcher.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Serves the web console, built into the jar under {@value #ROOT} by the launcher's build
 * ({@code launcher/console}). The files (some tens of kilobytes) are read into memory once: the server
 * resolves no files from its class path (start-up is faster without), and nothing from the working
 * directory can be served by mistake.
 *
 * <p>The pages hold no data and need no token: everything they show comes from the API with the token
 * the user signs in with. A strict content security policy keeps the pages to this server's own scripts,
 * styles and API, which is also what lets the console work on an isolated network.
 */
final class ConsoleAssets {
  private static final System.Logger LOG = System.getLogger(ConsoleAssets.class.getName());
  /** The class-path folder of the built console, with {@code files.txt} listing its files. */
  static final String ROOT = "alertresponder-console";
  static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; "
      + "frame-ancestors 'none'";
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
      "svg", "image/svg+xml", "png", "image/png", "json", "application/json", "txt", "text/plain; charset=utf-8");

  private record Asset(Buffer body, String contentType, String etag, boolean immutable) {
  }

  private final Map<String, Asset> assets;

  private ConsoleAssets(Map<String, Asset> assets) {
    this.assets = assets;
  }

  /** The console built into this jar; empty (and said so in the log) when the build left it out. */
  static ConsoleAssets load(ClassLoader loader) {
    Map<String, Asset> found = new LinkedHashMap<>();
    String list = read(loader, ROOT + "/files.txt");
    if (list == null) {
      LOG.log(Level.WARNING, "the web console is not in this build (no " + ROOT + "/files.txt on the class path); "
          + "build the launcher with Node.js and npm installed to have it");
      return new ConsoleAssets(found);
    }
    for (String name : list.split("\n")) {
      String file = name.strip();
      if (file.isEmpty()) {
        continue;
      }
      byte[] bytes = bytes(loader, ROOT + "/" + file);
      if (bytes == null) {
        throw new IllegalStateException("the web console lists " + file + " but the jar does not hold it");
      }
      String extension = file.substring(file.lastIndexOf('.') + 1);
      found.put("/" + file, new Asset(Buffer.buffer(bytes), TYPES.getOrDefault(extension, "application/octet-stream"),
          "\"" + sha256(bytes) + "\"", file.startsWith("assets/")));
    }
    return new ConsoleAssets(found);
  }

  /** Routes the console's own paths only: a catch-all would turn a POST to a mistyped API path into a 405. */
  void mount(Router router) {
    if (assets.isEmpty()) {
      return;
    }
    for (String path : assets.keySet()) {
      router.route(HttpMethod.GET, path).handler(this::serve);
      router.route(HttpMethod.HEAD, path).handler(this::serve);
    }
    router.route(HttpMethod.GET, "/").handler(this::serve);
    router.route(HttpMethod.HEAD, "/").handler(this::serve);
  }

  private void serve(RoutingContext context) {
    String path = context.normalizedPath();
    Asset asset = assets.get(path.equals("/") ? "/index.html" : path);
    var response = context.response()
        .putHeader("Content-Security-Policy", POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("ETag", asset.etag())
        // Built files carry a content hash in their names and never change; index.html names them and is
        // checked again on every load, so an upgrade shows at once.
        .putHeader("Cache-Control", asset.immutable() ? "public, max-age=31536000, immutable" : "no-cache");
    if (asset.etag().equals(context.request().getHeader("If-None-Match"))) {
      response.setStatusCode(304).end();
      return;
    }
    response.putHeader("Content-Type", asset.contentType());
    if (context.request().method() == HttpMethod.HEAD) {
      response.putHeader("Content-Length", String.valueOf(asset.body().length())).end();
    } else {
      response.end(asset.body());
    }
  }

  private static String read(ClassLoader loader, String name) {
    byte[] bytes = bytes(loader, name);
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(ClassLoader loader, String name) {
    try (InputStream in = loader.getResourceAsStream(name)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + name + " from the jar", e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
