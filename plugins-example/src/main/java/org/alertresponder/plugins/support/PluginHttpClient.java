package org.alertresponder.plugins.support;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginOptions;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP client of one plugin, with the options every HTTP plugin shares:
 *
 * <ul>
 *   <li>{@code request-timeout} (default {@code 10s}): how long one request may take before it counts as
 *       unanswered (and is retried by the engine): to connect, between two pieces of the answer, and for the
 *       whole answer (which is checked as it arrives, so a peer that trickles it fails within about twice this).
 *       Keep it under the plugin's {@code timeout}, the engine's bound on a whole call.</li>
 *   <li>{@code max-answer-size} (default {@code 16MiB}): a larger answer fails the request (retryably) as soon
 *       as it passes the bound, instead of being held in memory.</li>
 * </ul>
 *
 * <p>Requests are sent with keep-alive and a {@code User-Agent} naming AlertResponder; redirects are not
 * followed, so that a signed body never goes to a host the configuration did not name.
 */
public final class PluginHttpClient {
  /** The default of {@code request-timeout}. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final String USER_AGENT = "AlertResponder";

  /** The default of {@code max-answer-size}: a page of 100 GitHub issues with long bodies fits. */
  public static final long DEFAULT_MAX_ANSWER = 16L * 1024 * 1024;

  private final WebClient client;
  private final long timeoutMillis;
  private final long maxAnswerBytes;

  private PluginHttpClient(WebClient client, long timeoutMillis, long maxAnswerBytes) {
    this.client = client;
    this.timeoutMillis = timeoutMillis;
    this.maxAnswerBytes = maxAnswerBytes;
  }

  /** A client for the plugin of {@code context}, reading {@code request-timeout}. */
  public static PluginHttpClient create(PluginContext context) {
    Duration timeout = context.options().duration("request-timeout", DEFAULT_REQUEST_TIMEOUT);
    if (timeout.isZero() || timeout.isNegative()) {
      throw new ConfigurationException(context.options().pathOf("request-timeout"), "a positive duration such as 10s",
          timeout.toString());
    }
    WebClientOptions options = new WebClientOptions()
        .setUserAgent(USER_AGENT)
        .setFollowRedirects(false)
        .setKeepAlive(true)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    long maxAnswer = context.options().size("max-answer-size", DEFAULT_MAX_ANSWER, 1024, 1L << 30);
    return new PluginHttpClient(WebClient.create(context.vertx(), options), timeout.toMillis(), maxAnswer);
  }

  /**
   * Sends {@code body} to {@code url} and checks the answer with {@link HttpAnswers#check}.
   *
   * @param headers request headers (the body's {@code Content-Type} among them)
   * @param peer    names the peer in failure messages
   */
  public Future<HttpResponse<Buffer>> send(HttpMethod method, String url, Map<String, String> headers, Buffer body,
                                           String peer) {
    return HttpAnswers.check(exchange(method, url, headers, body, peer), peer);
  }

  /**
   * Sends {@code body} to {@code url} and hands back whatever the peer answered, for a plugin that classifies
   * some answers itself (then {@link HttpAnswers#rejected} words the failure). Only a missing answer fails the
   * future, with {@link HttpAnswers#unanswered}.
   */
  public Future<HttpResponse<Buffer>> exchange(HttpMethod method, String url, Map<String, String> headers,
                                               Buffer body, String peer) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    HttpRequest<Buffer> request = client.requestAbs(method, url).timeout(timeoutMillis)
        .as(new BoundedBody(maxAnswerBytes, deadline));
    headers.forEach(request::putHeader);
    Future<HttpResponse<Buffer>> sent = body == null ? request.send() : request.sendBuffer(body);
    return sent.recover(failure -> Future.failedFuture(HttpAnswers.unanswered(failure, peer)));
  }

  /** Releases the connections; the plugin's verticle calls it when it stops. */
  public void close() {
    client.close();
  }

  /**
   * An option holding an absolute {@code http} or {@code https} URL.
   *
   * @param fallback the default, or null when the option is required
   * @throws ConfigurationException when it is missing or not such a URL
   */
  public static String url(PluginOptions options, String key, String fallback) {
    String value = fallback == null ? options.requiredString(key) : options.string(key, fallback);
    if (isHttpUrl(value)) {
      return value;
    }
    throw new ConfigurationException(options.pathOf(key), "an absolute http:// or https:// URL",
        PluginOptions.describe(value));
  }

  /**
   * An option holding an absolute {@code http} or {@code https} URL that may carry a credential (a webhook of
   * Slack, Teams or Discord has its token in the path; others take {@code ?token=}): an error never shows it.
   */
  public static String secretUrl(PluginOptions options, String key) {
    String value = secret(options, key, null);
    if (isHttpUrl(value)) {
      return value;
    }
    throw new ConfigurationException(options.pathOf(key), "an absolute http:// or https:// URL",
        "a value that is not one (not shown, as it may hold a token)");
  }

  static boolean isHttpUrl(String value) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /**
   * The parts of a URL that may be secret, for {@link HttpAnswers#withoutSecrets}: the whole URL, its path
   * and its query.
   */
  public static List<String> secretsOf(String url) {
    List<String> out = new java.util.ArrayList<>(List.of(url));
    try {
      URI uri = new URI(url);
      if (uri.getRawPath() != null && uri.getRawPath().length() > 1) {
        out.add(uri.getRawPath());
      }
      if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
        out.add(uri.getRawQuery());
      }
    } catch (URISyntaxException e) {
      // The whole URL is enough then.
    }
    return out;
  }

  /**
   * A secret option (a token, a signing key, a routing key). Its value never appears in an error message,
   * so that a configuration error does not print it into a log.
   *
   * @param fallback the default, or null when the option is required
   */
  public static String secret(PluginOptions options, String key, String fallback) {
    Object value = options.raw(key);
    if (value == null) {
      if (fallback != null) {
        return fallback;
      }
      throw new ConfigurationException(options.pathOf(key), "a secret (use ${ENV_VARIABLE} to keep it out of the file)",
          "nothing");
    }
    if (!(value instanceof String text) || text.isBlank()) {
      throw new ConfigurationException(options.pathOf(key), "a non-empty string", "a value that is not one");
    }
    return text;
  }
}
