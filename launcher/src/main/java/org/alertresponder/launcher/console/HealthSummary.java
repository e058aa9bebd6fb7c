package org.alertresponder.launcher.console;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.AlertEngine;
import org.alertresponder.engine.api.InspectionStatus;
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
    // Each part is answered on whichever thread its store answers on; the answer is put together once
    // all of them have come, on one thread.
    Future<JsonObject> store = engine.ready()
        .map(v -> new JsonObject().put("status", "ok").put("adapter", adapter.describe()))
        .otherwise(e -> new JsonObject().put("status", "failing").put("adapter", adapter.describe())
            .put("error", String.valueOf(e.getMessage())));
    List<Future<JsonObject>> queues = new ArrayList<>();
    queues.add(queue("timers", adapter.timers().size()));
    for (String inspector : inspectors) {
      queues.add(queue("inspector:" + inspector, adapter.work().size(inspector)));
    }
    for (String emitter : emitters) {
      queues.add(queue("emitter:" + emitter, adapter.outbox().pending(emitter)));
    }
    return Future.all(store, Future.all(queues)).map(all -> {
      JsonArray depths = new JsonArray();
      queues.forEach(q -> depths.add(q.result()));
      return new JsonObject()
          .put("store", store.result())
          .put("backlog", new JsonObject().put("current", engine.backlog())
              .put("limit", engine.config().intake().maxBacklog()))
          .put("queues", depths)
          .put("plugins", plugins());
    });
  }

  private JsonArray plugins() {
    JsonArray plugins = new JsonArray();
    for (String inspector : inspectors) {
      plugins.add(plugin("inspector", inspector, "inspector:" + inspector)
          .put("failed", metrics.inspectionErrors(inspector, InspectionStatus.FAILED))
          .put("timed_out", metrics.inspectionErrors(inspector, InspectionStatus.TIMED_OUT)));
    }
    plugins.add(plugin("reviewer", reviewer, "reviewer")
        .put("failed", metrics.reviewerFailures(reviewer)));
    for (String emitter : emitters) {
      plugins.add(plugin("emitter", emitter, "emitter:" + emitter)
          .put("failed", metrics.failedDeliveries(emitter))
          .put("dead_letters", metrics.deadLetters(emitter)));
    }
    return plugins;
  }

  /** A plugin's entry; {@code traffic} is its name in {@link AlertEngine#pluginTraffic}. */
  private JsonObject plugin(String kind, String name, String traffic) {
    PluginTraffic calls = engine.pluginTraffic(traffic);
    return new JsonObject().put("kind", kind).put("name", name).put("calls", calls.sent())
        .put("in_flight", engine.callsInFlight(traffic));
  }

  /** A queue's entry: its depth, or why it could not be read. */
  private static Future<JsonObject> queue(String name, Future<Long> size) {
    return size.map(n -> new JsonObject().put("name", name).put("depth", n))
        .otherwise(e -> new JsonObject().put("name", name).putNull("depth").put("error", String.valueOf(e.getMessage())));
  }
}
