package org.alertresponder.launcher.testplugins;

import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.spi.InspectionResult;
import org.alertresponder.engine.spi.Inspector;
import org.alertresponder.engine.spi.InspectorFactory;
import org.alertresponder.engine.spi.PluginContext;

import java.time.Duration;
import java.util.Set;

/**
 * A third-party-style inspector type for the launcher's tests: {@code slow} answers every IP address
 * with a host finding after {@code options.delay}. The end-to-end test packages this class in a jar in
 * the {@code plugins/} folder to show that such a jar adds a type.
 */
public final class SlowInspectorFactory implements InspectorFactory {
  @Override
  public String type() {
    return "slow";
  }

  @Override
  public Set<String> defaultAttributeTypes() {
    return Set.of("ipaddr");
  }

  @Override
  public Inspector create(PluginContext context) {
    Duration delay = context.options().duration("delay", Duration.ZERO);
    String note = context.options().string("note", "seen by the slow inspector");
    return task -> {
      Promise<InspectionResult> answer = Promise.promise();
      Runnable reply = () -> answer.complete(InspectionResult.of(
          Finding.of(Finding.HOST, new JsonObject().put("note", note).put("value", task.attribute().value()))));
      if (delay.isZero()) {
        reply.run();
      } else {
        context.vertx().setTimer(delay.toMillis(), id -> reply.run());
      }
      return answer.future();
    };
  }
}
