package org.alertresponder.plugins.examples;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.alertresponder.engine.spi.Emitter;
import org.alertresponder.engine.spi.EmitterFactory;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginException;

/** An emitter: posts one line per published report to a chat webhook ({"text": "..."}). */
public final class ChatEmitterFactory implements EmitterFactory {
  @Override
  public String type() {
    return "example-chat";
  }

  @Override
  public Emitter create(PluginContext context) {
    String url = context.options().requiredString("url");
    WebClient client = WebClient.create(context.vertx());
    return report -> {
      String text = "[" + report.result().severity() + "] " + report.detector() + " / " + report.ruleId() + ": "
          + report.result().reason() + " (report " + report.id() + ", version " + report.version() + ")";
      return client.postAbs(url).sendJsonObject(new JsonObject().put("text", text)).compose(response -> {
        if (response.statusCode() / 100 == 2) {
          return Future.succeededFuture();
        }
        // The engine retries and backs off; the emitter only says whether trying again could help.
        boolean retryable = response.statusCode() >= 500 || response.statusCode() == 429;
        return Future.failedFuture(new PluginException("chat answered " + response.statusCode(), retryable));
      });
    };
  }
}
