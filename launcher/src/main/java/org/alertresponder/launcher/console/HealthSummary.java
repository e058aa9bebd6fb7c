package org.alertresponder.launcher.console;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.AlertEngine;
import org.alertresponder.engine.api.PluginTraffic;
import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.launcher.metrics.EngineMetrics;

import java.util.ArrayList;
import java.util.List;

/**
 * What the console's health panel shows, read when asked: whether the store answers, the engine's backlog,
 * the depth of every queue, and per plugin its calls and its failures since start. A part that cannot be
 * read is reported as such rather than failing the whole answer, since a failing store is exactly when
 * someone looks.
 */
public final class HealthSummary {
  private final AlertEngine engine;
  private final Adapter adapter;
  private final List<String> inspectors;
  private final String reviewer;
  private final List<String> emitters;
  private final EngineMetrics metrics;

  public HealthSummary(AlertEngine engine, Adapter adapter, List<String> inspectors, String reviewer,
                       List<String> emitters, EngineMetrics metrics) {
    this.engine = engine;
    this.adapter = adapter;
    this.inspectors = List.copyOf(inspectors);
    this.reviewer = reviewer;
    this.emitters = List.copyOf(emitters);
    this.metrics = metrics;
  }

  public Future<JsonObject> read() {
    JsonObject out = new JsonObject();
    Future<Void> store = engine.ready()
        .map(v -> out.put("store", new JsonObject().put("status", "ok").put("adapter", adapter.describe())))
        .otherwise(e -> out.put("store", new JsonObject().put("status", "failing").put("adapter", adapter.describe())
            .put("error", String.valueOf(e.getMessage()))))
        .mapEmpty();
    out.put("backlog", new JsonObject().put("current", engine.backlog())
        .put("limit", engine.config().intake().maxBacklog()));
    JsonArray queues = new JsonArray();
    List<Future<Void>> sizes = new ArrayList<>();
    sizes.add(queue(queues, "timers", adapter.timers().size()));
    for (String inspector : inspectors) {
      sizes.add(queue(queues, "inspector:" + inspector, adapter.work().size(inspector)));
    }
    for (String emitter : emitters) {
      sizes.add(queue(queues, "emitter:" + emitter, adapter.outbox().pending(emitter)));
    }
    out.put("queues", queues);
    JsonArray plugins = new JsonArray();
    for (String inspector : inspectors) {
      plugins.add(plugin("inspector", inspector, "inspector:" + inspector)
          .put("failed", metrics.count("alertresponder_inspection_errors", "inspector", inspector, "status", "failed"))
          .put("timed_out", metrics.count("alertresponder_inspection_errors", "inspector", inspector, "status",
              "timed_out")));
    }
    plugins.add(plugin("reviewer", reviewer, "reviewer")
        .put("failed", metrics.count("alertresponder_reviewer_failures", "reviewer", reviewer)));
    for (String emitter : emitters) {
      plugins.add(plugin("emitter", emitter, "emitter:" + emitter)
          .put("failed", metrics.count("alertresponder_delivery_attempts", "emitter", emitter, "outcome", "failed"))
          .put("dead_letters", metrics.count("alertresponder_dead_letters", "emitter", emitter)));
    }
    out.put("plugins", plugins);
    sizes.add(store);
    return Future.join(sizes).transform(ignored -> Future.succeededFuture(out));
  }

  /** A plugin's entry; {@code traffic} is its name in {@link AlertEngine#pluginTraffic}. */
  private JsonObject plugin(String kind, String name, String traffic) {
    PluginTraffic calls = engine.pluginTraffic(traffic);
    return new JsonObject().put("kind", kind).put("name", name).put("calls", calls.sent())
        .put("in_flight", engine.callsInFlight(traffic));
  }

  private static Future<Void> queue(JsonArray queues, String name, Future<Long> size) {
    JsonObject entry = new JsonObject().put("name", name);
    synchronized (queues) {
      queues.add(entry);
    }
    return size.map(n -> entry.put("depth", n))
        .otherwise(e -> entry.put("depth", (Long) null).put("error", String.valueOf(e.getMessage())))
        .mapEmpty();
  }
}
