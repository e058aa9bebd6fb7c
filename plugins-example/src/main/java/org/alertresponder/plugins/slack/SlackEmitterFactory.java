package org.alertresponder.plugins.slack;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.Emitter;
import org.alertresponder.engine.spi.EmitterFactory;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginOptions;
import org.alertresponder.plugins.support.HttpAnswers;
import org.alertresponder.plugins.support.PluginHttpClient;
import org.alertresponder.plugins.support.ReportLinks;

import java.util.List;
import java.util.Map;

/**
 * The emitter type {@code slack}: posts each publication to a Slack incoming webhook as a Block Kit message.
 * See the package documentation for the options and what is sent.
 */
public final class SlackEmitterFactory implements EmitterFactory {
  private static final String ICON_EMOJI = ":[a-z0-9_+'-]+:";

  @Override
  public String type() {
    return "slack";
  }

  @Override
  public Emitter create(PluginContext context) {
    PluginOptions options = context.options();
    String webhookUrl = PluginHttpClient.secretUrl(options, "webhook-url");
    String username = optional(options, "username");
    String iconEmoji = optional(options, "icon-emoji");
    if (iconEmoji != null && !iconEmoji.matches(ICON_EMOJI)) {
      throw new ConfigurationException(options.pathOf("icon-emoji"), "an emoji code such as :rotating_light:",
          PluginOptions.describe(iconEmoji));
    }
    String channel = optional(options, "channel");
    ReportLinks links = ReportLinks.option(options, "report-url");
    return new SlackEmitter(PluginHttpClient.create(context), webhookUrl, links, username, iconEmoji, channel);
  }

  private static String optional(PluginOptions options, String key) {
    String value = options.string(key, null);
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** Posts one message per publication; Slack's webhooks have no idempotency key, see the package notes. */
  static final class SlackEmitter implements Emitter, AutoCloseable {
    private static final Map<String, String> HEADERS = Map.of("Content-Type", "application/json; charset=utf-8");
    private static final String PEER = "Slack";

    private final PluginHttpClient http;
    private final String webhookUrl;
    private final List<String> secrets;
    private final ReportLinks links;
    private final String username;
    private final String iconEmoji;
    private final String channel;

    SlackEmitter(PluginHttpClient http, String webhookUrl, ReportLinks links, String username, String iconEmoji,
                 String channel) {
      this.http = http;
      this.webhookUrl = webhookUrl;
      this.links = links;
      this.username = username;
      this.iconEmoji = iconEmoji;
      this.channel = channel;
      // Vert.x names the request's path (without the host) in some failures, a timeout for one.
      this.secrets = PluginHttpClient.secretsOf(webhookUrl);
    }

    /** Releases the HTTP connections; the engine calls it when it stops. */
    @Override
    public void close() {
      http.close();
    }

    @Override
    public Future<Void> emit(Report report) {
      String link = links == null ? null : links.of(report);
      return http.send(HttpMethod.POST, webhookUrl, HEADERS,
              SlackMessage.of(report, link, username, iconEmoji, channel).toBuffer(), PEER)
          .<Void>mapEmpty()
          .recover(failure -> Future.failedFuture(HttpAnswers.withoutSecrets(failure, secrets)));
    }
  }
}
