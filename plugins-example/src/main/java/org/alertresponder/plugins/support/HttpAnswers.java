package org.alertresponder.plugins.support;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.alertresponder.engine.spi.PluginException;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.concurrent.TimeoutException;

/**
 * Turns what an HTTP peer answered (or failed to answer) into the engine's vocabulary: success, a
 * failure worth retrying, or a permanent one. The engine owns retries and backoff; a plugin only says
 * which kind of failure it saw, always the same way, so that every HTTP plugin behaves alike:
 *
 * <ul>
 *   <li>2xx: success;</li>
 *   <li>408, 425, 429 and 5xx: retryable (the peer is busy or broken for now);</li>
 *   <li>any other status (3xx, 4xx): permanent, since sending the same request again gets the same answer;</li>
 *   <li>no answer (refused connection, reset, timeout, unknown host): retryable.</li>
 * </ul>
 *
 * <p>Messages name the peer and the status and quote at most 200 characters of the answer, which end up in
 * inspection records and dead letters; they never quote the request, whose headers may hold secrets.
 */
public final class HttpAnswers {
  private static final int EXCERPT = 200;

  private HttpAnswers() {
  }

  /**
   * The answer when it is a success; otherwise a failed future with a {@link PluginException}.
   *
   * @param peer names the peer in messages, e.g. "Slack" or "the webhook https://example.org/hook"
   */
  public static Future<HttpResponse<Buffer>> check(Future<HttpResponse<Buffer>> sent, String peer) {
    return sent.recover(failure -> Future.failedFuture(unanswered(failure, peer))).compose(response -> {
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return Future.succeededFuture(response);
      }
      return Future.failedFuture(rejected(response, peer, retryable(status)));
    });
  }

  /**
   * The failure for an answer that is not a success, with the usual message; for plugins whose peer documents
   * its own exceptions to {@link #retryable(int)} (GitHub's 403 on an exhausted rate limit, for one). A
   * {@code Retry-After} header is quoted, since it tells the operator how long the peer wants to be left alone.
   */
  public static PluginException rejected(HttpResponse<Buffer> response, String peer, boolean retryable) {
    String retryAfter = response.getHeader("Retry-After");
    String message = peer + " answered " + response.statusCode() + statusText(response) + excerpt(response.body())
        + (retryAfter == null || retryAfter.isBlank() ? "" : " (Retry-After: " + retryAfter.strip() + ")");
    return new PluginException(message, retryable);
  }

  /**
   * {@code failure} as a {@link PluginException} of the same kind whose message has every secret replaced by
   * {@code <redacted>}. Vert.x names the request's URI in some of its own messages (a timeout does), and a peer
   * may quote the request in its answer: a plugin whose URL or body holds a secret passes its failures through
   * here. The cause is dropped when something was redacted, since its message holds the secret too.
   */
  public static PluginException withoutSecrets(Throwable failure, Collection<String> secrets) {
    PluginException plugin = failure instanceof PluginException known ? known : unanswered(failure, "the peer");
    String message = plugin.getMessage() == null ? "" : plugin.getMessage();
    String redacted = message;
    for (String secret : secrets) {
      if (secret != null && !secret.isEmpty()) {
        redacted = redacted.replace(secret, "<redacted>");
      }
    }
    return redacted.equals(message) ? plugin : new PluginException(redacted, plugin.retryable());
  }

  /** Whether a request answered with {@code status} may succeed when sent again later. */
  public static boolean retryable(int status) {
    return status == 408 || status == 425 || status == 429 || status >= 500;
  }

  /** A failure to get any answer, as a retryable {@link PluginException}. */
  public static PluginException unanswered(Throwable failure, String peer) {
    if (failure instanceof PluginException plugin) {
      return plugin;
    }
    if (failure instanceof BoundedBody.AnswerTooLarge || failure instanceof BoundedBody.AnswerTooSlow) {
      return new PluginException(peer + " was cut off: " + failure.getMessage(), true);
    }
    if (failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout")) {
      // Neither quoted nor kept as the cause: Vert.x's timeout message repeats the request line, whose path or
      // query may be a secret (a Slack webhook's path is its token).
      return new PluginException(peer + " did not answer in time", true);
    }
    String what;
    if (failure instanceof ConnectException) {
      what = "refused the connection";
    } else if (failure instanceof UnknownHostException) {
      what = "could not be resolved";
    } else {
      what = "could not be reached";
    }
    String detail = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    return new PluginException(peer + " " + what + " (" + detail + ")", true, failure);
  }

  private static String statusText(HttpResponse<Buffer> response) {
    String text = response.statusMessage();
    return text == null || text.isBlank() ? "" : " " + text;
  }

  private static String excerpt(Buffer body) {
    if (body == null || body.length() == 0) {
      return "";
    }
    String text = new String(body.getBytes(0, Math.min(body.length(), EXCERPT * 4)), StandardCharsets.UTF_8)
        .replaceAll("\\s+", " ").strip();
    if (text.length() > EXCERPT) {
      text = text.substring(0, EXCERPT) + "...";
    }
    return text.isEmpty() ? "" : ": " + text;
  }
}
