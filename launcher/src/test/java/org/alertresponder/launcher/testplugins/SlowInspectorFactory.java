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
 * with a host finding after {@code options.delay}, and with {@code options.record} appends each call
 * ({@code <report id> <value>}) to that file. The end-to-end test packages this class in a jar in the
 * {@code plugins/} folder to show that such a jar adds a type.
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
    String record = context.options().string("record", null);
    java.nio.file.Path calls = record == null ? null : context.resolve(record);
    return task -> {
      if (calls != null) {
        byte[] line = (task.reportId() + " " + task.attribute().value() + "\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        synchronized (SlowInspectorFactory.class) {
          try {
            java.nio.file.Files.write(calls, line, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
          } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot record a call in " + calls, e);
          }
        }
      }
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
