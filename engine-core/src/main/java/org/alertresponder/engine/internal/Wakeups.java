package org.alertresponder.engine.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's pumps by name, so that a stage that queues work can wake the pump that will run it
 * (the aggregation stage wakes the timer pump, the review stage an emitter's pump) without either
 * knowing the other's verticle.
 */
public final class Wakeups {
  public static final String TIMERS = "timers";
  private final Map<String, Pump> pumps = new ConcurrentHashMap<>();

  public static String inspector(String name) {
    return "inspector:" + name;
  }

  public static String emitter(String name) {
    return "emitter:" + name;
  }

  public void register(String name, Pump pump) {
    pumps.put(name, pump);
  }

  public void unregister(String name) {
    pumps.remove(name);
  }

  /** Wakes the named pump; does nothing if it is not running (it claims everything when it starts). */
  public void wake(String name) {
    Pump pump = pumps.get(name);
    if (pump != null) {
      pump.wake();
    }
  }

  public void wakeAll() {
    pumps.values().forEach(Pump::wake);
  }

  public int size() {
    return pumps.size();
  }
}
