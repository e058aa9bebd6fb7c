package org.alertresponder.plugins.http;

import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.Inspector;
import org.alertresponder.engine.spi.InspectorFactory;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginOptions;
import org.alertresponder.plugins.support.HmacSignatures;
import org.alertresponder.plugins.support.PluginHttpClient;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The inspector type {@code http}: an inspector written in any language behind an HTTP endpoint. The options
 * and the request and answer contract are described in the package documentation.
 */
public final class HttpInspectorFactory implements InspectorFactory {
  /** Headers the inspector sets itself; a custom header may not replace them. */
  private static final Set<String> RESERVED = Set.of("content-type", "content-length", "accept", "host",
      "transfer-encoding", "connection", HmacSignatures.SIGNATURE_HEADER.toLowerCase(Locale.ROOT),
      HmacSignatures.TIMESTAMP_HEADER.toLowerCase(Locale.ROOT));
  /** RFC 9110's token: the characters a header name may have. */
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  @Override
  public String type() {
    return "http";
  }

  @Override
  public Set<String> defaultAttributeTypes() {
    return Set.of(Attribute.IPADDR, Attribute.DOMAIN, Attribute.USERNAME, Attribute.FILEHASH, Attribute.URL);
  }

  @Override
  public Inspector create(PluginContext context) {
    PluginOptions options = context.options();
    String url = PluginHttpClient.url(options, "url", null);
    String secret = options.has("secret") ? PluginHttpClient.secret(options, "secret", null) : null;
    Map<String, String> headers = options.stringMap("headers");
    for (Map.Entry<String, String> header : headers.entrySet()) {
      String name = header.getKey();
      if (!HEADER_NAME.matcher(name).matches()) {
        throw new ConfigurationException(options.pathOf("headers"), "header names made of letters, digits and "
            + "-_.!#$%&'*+^`|~", PluginOptions.describe(name));
      }
      if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
        throw new ConfigurationException(options.pathOf("headers") + "." + name,
            "a header the inspector does not set itself", "the reserved header " + name);
      }
      // The value is not quoted: headers are where tokens go.
      if (header.getValue().chars().anyMatch(c -> c == '\r' || c == '\n')) {
        throw new ConfigurationException(options.pathOf("headers") + "." + name, "a value on one line",
            "a line break");
      }
    }
    boolean verifyAnswers = options.bool("verify-answers", false);
    if (verifyAnswers && secret == null) {
      throw new ConfigurationException(options.pathOf("secret"), "a secret, since verify-answers is true",
          "nothing");
    }
    PluginHttpClient client = PluginHttpClient.create(context);
    return new HttpInspector(client, context.clock(), url, peer(url), secret, headers, verifyAnswers);
  }

  /**
   * How failures name the endpoint: its scheme, host, port and path, without a query or user information,
   * which may hold a token.
   */
  static String peer(String url) {
    URI uri = URI.create(url);
    return "the HTTP inspector at " + uri.getScheme() + "://" + uri.getHost()
        + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }
}
