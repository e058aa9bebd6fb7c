package org.alertresponder.engine.internal;

import org.alertresponder.engine.api.PluginTraffic;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Per-plugin counts of requests sent and answers received. Thread-safe. */
public final class TrafficCounters {
  private record Counters(AtomicLong sent, AtomicLong answered) {
  }

  private final Map<String, Counters> byPlugin = new ConcurrentHashMap<>();

  private Counters of(String plugin) {
    return byPlugin.computeIfAbsent(plugin, p -> new Counters(new AtomicLong(), new AtomicLong()));
  }

  public void sent(String plugin) {
    of(plugin).sent().incrementAndGet();
  }

  /** A request found no listener: it was never delivered. */
  public void undelivered(String plugin) {
    of(plugin).sent().decrementAndGet();
  }

  public void answered(String plugin) {
    of(plugin).answered().incrementAndGet();
  }

  public PluginTraffic get(String plugin) {
    Counters counters = of(plugin);
    return new PluginTraffic(counters.sent().get(), counters.answered().get());
  }
}
