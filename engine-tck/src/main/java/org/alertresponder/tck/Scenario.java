package org.alertresponder.tck;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.alertresponder.engine.api.Alert;
import org.alertresponder.engine.api.AlertEngine;
import org.alertresponder.engine.api.EngineConfig;
import org.alertresponder.engine.api.PluginTraffic;
import org.alertresponder.engine.api.Receipt;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportHeader;
import org.alertresponder.engine.api.ReportQuery;
import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.tck.fixtures.HeldCalls;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Runs an engine on a manual clock and moves time for a test: {@link #advance(Duration)} steps the
 * clock from one scheduled instant to the next and, at each, waits until the engine has done all the
 * work that instant made possible. Nothing sleeps; time moves only here.
 *
 * <p>Blocking methods wait on the calling (test) thread, never on an event loop.
 */
public final class Scenario implements AutoCloseable {
  private static final long WAIT_SECONDS = 30;

  private final ManualClock clock;
  private final AlertEngine engine;
  private final Map<String, HeldCalls> held;
  private final Set<String> heldCallTags;

  private Scenario(ManualClock clock, AlertEngine engine, Map<String, HeldCalls> held) {
    this.clock = clock;
    this.engine = engine;
    this.held = held;
    this.heldCallTags = held.keySet().stream().map(plugin -> "call:" + plugin).collect(Collectors.toSet());
  }

  public static Builder builder(Adapter adapter) {
    return new Builder(adapter);
  }

  /** Configures and starts a scenario. */
  public static final class Builder {
    private final Adapter adapter;
    private final ManualClock clock = ManualClock.atDefaultStart();
    private UnaryOperator<EngineConfig.Builder> config = UnaryOperator.identity();
    private Consumer<AlertEngine.Builder> plugins = builder -> { };
    private final Map<String, HeldCalls> held = new LinkedHashMap<>();

    private Builder(Adapter adapter) {
      this.adapter = adapter;
    }

    /** The manual clock the engine will run on; plugins may read it. */
    public ManualClock clock() {
      return clock;
    }

    public Builder config(UnaryOperator<EngineConfig.Builder> value) {
      this.config = value;
      return this;
    }

    public Builder plugins(Consumer<AlertEngine.Builder> value) {
      this.plugins = value;
      return this;
    }

    /**
     * A plugin that holds some calls on purpose ({@code inspector:<name>}, {@code reviewer},
     * {@code emitter:<name>}): {@link #settle()} does not wait for calls it holds, only for the engine's
     * work around them — and until every request the engine sent has reached the plugin and every
     * answer the plugin gave has reached the engine.
     */
    public Builder holding(String plugin, HeldCalls calls) {
      this.held.put(plugin, calls);
      return this;
    }

    public Scenario start(Vertx vertx) {
      // Polling is for work other instances queue; in a scenario it would only add wall-clock noise.
      EngineConfig engineConfig = config.apply(EngineConfig.builder().pollInterval(Duration.ZERO)).build();
      AlertEngine.Builder engineBuilder = AlertEngine.builder().adapter(adapter).clock(clock).config(engineConfig);
      plugins.accept(engineBuilder);
      AlertEngine engine = engineBuilder.build();
      Scenario scenario = new Scenario(clock, engine, Map.copyOf(held));
      await(engine.start(vertx));
      scenario.settle();
      return scenario;
    }
  }

  public ManualClock clock() {
    return clock;
  }

  public AlertEngine engine() {
    return engine;
  }

  public Instant now() {
    return clock.now();
  }

  /** Submits and waits for the receipt (the engine may still be working on it). */
  public Receipt submit(Alert alert) {
    return await(engine.submit(alert));
  }

  /** Submits an alert that must be refused, and returns why. */
  public Throwable submitRefused(Alert alert) {
    try {
      engine.submit(alert).await(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("submit neither succeeded nor failed within " + WAIT_SECONDS + "s", e);
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("the alert was accepted, but the test expected it to be refused");
  }

  /**
   * Waits until the engine has done everything the current time allows. With held plugins, also until
   * every call to them in flight has reached them (a message in transit is microseconds away, so this
   * polls briefly; it never waits for time to pass).
   */
  public void settle() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (true) {
      Map<String, PluginTraffic> before = traffic();
      if (heldCallsArrived(before)) {
        await(engine.whenIdle(heldCallTags));
        // Unchanged traffic means no answer arrived meanwhile whose work the idle check could have missed.
        if (traffic().equals(before)) {
          return;
        }
        continue;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("calls to held plugins did not arrive within " + WAIT_SECONDS + "s: " + held.keySet());
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }

  private Map<String, PluginTraffic> traffic() {
    Map<String, PluginTraffic> out = new LinkedHashMap<>();
    for (String plugin : held.keySet()) {
      out.put(plugin, engine.pluginTraffic(plugin));
    }
    return out;
  }

  /** Every request the engine sent reached the plugin, and every answer it gave reached the engine. */
  private boolean heldCallsArrived(Map<String, PluginTraffic> traffic) {
    for (Map.Entry<String, HeldCalls> plugin : held.entrySet()) {
      PluginTraffic counted = traffic.get(plugin.getKey());
      if (counted.sent() != plugin.getValue().received() || counted.answered() != plugin.getValue().answered()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Moves time forward by {@code duration}, stopping at every instant something is scheduled for and
   * settling there, then settles at the end.
   */
  public void advance(Duration duration) {
    Instant target = clock.now().plus(duration);
    settle();
    while (true) {
      Optional<Instant> next = clock.nextTaskAt();
      if (next.isEmpty() || next.get().isAfter(target)) {
        break;
      }
      await(clock.advanceTo(next.get()));
      settle();
    }
    clock.set(target);
    settle();
  }

  /** Advances to an absolute instant (not backwards). */
  public void advanceTo(Instant instant) {
    if (instant.isAfter(clock.now())) {
      advance(Duration.between(clock.now(), instant));
    } else {
      settle();
    }
  }

  /** The report as it stands, compiled. */
  public Report report(String id) {
    return await(engine.report(id)).orElseThrow(() -> new AssertionError("no report " + id));
  }

  /** A published version as it was published. */
  public Report publication(String id, int version) {
    return await(engine.publication(id, version))
        .orElseThrow(() -> new AssertionError("report " + id + " has no published version " + version));
  }

  /** Every report header, newest first. */
  public List<ReportHeader> reports() {
    List<ReportHeader> out = new ArrayList<>();
    ReportQuery query = ReportQuery.all().withLimit(ReportQuery.MAX_LIMIT);
    while (true) {
      var page = await(engine.reports(query));
      out.addAll(page.items());
      if (page.nextCursor() == null) {
        return out;
      }
      query = query.withCursor(page.nextCursor());
    }
  }

  @Override
  public void close() {
    await(engine.stop());
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.await(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("the engine did not answer within " + WAIT_SECONDS + "s", e);
    }
  }
}
