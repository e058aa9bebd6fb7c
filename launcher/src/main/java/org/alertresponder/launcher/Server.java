package org.alertresponder.launcher;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.alertresponder.engine.api.AlertEngine;
import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.launcher.config.InspectorDeclaration;
import org.alertresponder.launcher.config.LauncherConfig;
import org.alertresponder.launcher.console.ConsoleEvents;
import org.alertresponder.launcher.console.HealthSummary;
import org.alertresponder.engine.spi.EngineObserver;
import org.alertresponder.launcher.http.ApiVerticle;
import org.alertresponder.launcher.metrics.EngineMetrics;
import org.alertresponder.launcher.plugins.PluginRegistry;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The standalone server: the engine with its configured store and plugins, the HTTP API in front, and
 * metrics. {@link #shutdown(Duration)} stops intake first, lets in-flight work finish, then stops.
 */
public final class Server {
  private static final System.Logger LOG = System.getLogger(Server.class.getName());
  private static final long QUEUE_SAMPLE_MILLIS = 5000;
  /** How often the console's live views hear of changes: often enough to look live, rarely enough to be cheap. */
  private static final Duration CONSOLE_EVENT_INTERVAL = Duration.ofMillis(500);

  private final Vertx vertx;
  private final LauncherConfig config;
  private final AlertEngine engine;
  private final Adapter adapter;
  private final EngineMetrics metrics;
  private final ConsoleEvents events;
  private final AtomicReference<String> apiDeployment = new AtomicReference<>();
  private final List<ApiVerticle> apiInstances = new ArrayList<>();
  private int port;
  private long sampler = -1;
  private org.alertresponder.adapter.aws.SqsAlertQueue queuedIntake;

  private Server(Vertx vertx, LauncherConfig config, AlertEngine engine, Adapter adapter, EngineMetrics metrics,
                 ConsoleEvents events) {
    this.events = events;
    this.vertx = vertx;
    this.config = config;
    this.engine = engine;
    this.adapter = adapter;
    this.metrics = metrics;
  }

  /**
   * Builds the engine from the configuration (failing with a {@code ConfigurationException} before
   * anything starts), starts it and the HTTP API.
   */
  public static Future<Server> start(Vertx vertx, LauncherConfig config, PluginRegistry registry) {
    return start(vertx, config, registry, new EngineMetrics());
  }

  /** As {@link #start(Vertx, LauncherConfig, PluginRegistry)}, with metrics created beforehand. */
  public static Future<Server> start(Vertx vertx, LauncherConfig config, PluginRegistry registry,
                                     EngineMetrics metrics) {
    Server server;
    try {
      Adapter adapter = EngineAssembly.adapter(config);
      if (adapter instanceof org.alertresponder.adapter.aws.AwsConnection aws) {
        metrics.watchAwsRequests(aws::requestCounts);
      }
      ConsoleEvents events = new ConsoleEvents();
      AlertEngine engine = EngineAssembly.builder(config, registry, vertx, Clock.system())
          .adapter(adapter).observer(EngineObserver.all(List.of(metrics, events))).build();
      server = new Server(vertx, config, engine, adapter, metrics, events);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return server.run();
  }

  private Future<Server> run() {
    metrics.watch(engine);
    List<ApiVerticle> instances = apiInstances;
    List<String> inspectors = config.inspectors().stream().map(InspectorDeclaration::name).toList();
    List<String> emitters = config.emitters().stream().map(e -> e.spec().name()).toList();
    HealthSummary health = new HealthSummary(engine, adapter, inspectors, engine.config().review().reviewer(),
        emitters, metrics);
    return engine.start(vertx)
        .compose(v -> vertx.deployVerticle(() -> {
          ApiVerticle verticle = new ApiVerticle(engine, config.http(), metrics, health);
          synchronized (instances) {
            instances.add(verticle);
          }
          return verticle;
        }, new DeploymentOptions().setInstances(config.http().instances())))
        .map(id -> {
          apiDeployment.set(id);
          port = instances.get(0).actualPort();
          events.start(vertx, CONSOLE_EVENT_INTERVAL);
          sampler = vertx.setPeriodic(1, QUEUE_SAMPLE_MILLIS, t -> metrics.sampleQueues(adapter, inspectors, emitters));
          LauncherConfig.SqsIntake sqs = config.sqsIntake();
          if (sqs != null) {
            var store = new org.alertresponder.launcher.intake.QueuedAlertIntake(engine, config.http().maxBatch(),
                metrics);
            queuedIntake = new org.alertresponder.adapter.aws.SqsAlertQueue(sqs.queue(), sqs.region(), sqs.endpoint(),
                store::store);
            queuedIntake.start(vertx);
          }
          return this;
        })
        .recover(failure -> engine.stop().transform(ignored -> Future.failedFuture(failure)));
  }

  public int port() {
    return port;
  }

  public AlertEngine engine() {
    return engine;
  }

  /**
   * Stops intake (the HTTP API stops accepting connections and answers the requests in progress), waits
   * up to {@code grace} for in-flight work to finish, then stops the engine. Work still waiting is durable
   * in the store or, for the in-memory store, lost with the process.
   */
  public Future<Void> shutdown(Duration grace) {
    if (sampler >= 0) {
      vertx.cancelTimer(sampler);
    }
    events.stop();
    String api = apiDeployment.getAndSet(null);
    List<Future<Void>> answered = new ArrayList<>();
    synchronized (apiInstances) {
      apiInstances.forEach(instance -> answered.add(instance.shutdown(grace)));
    }
    if (queuedIntake != null) {
      answered.add(queuedIntake.stop());
    }
    Future<Void> intakeStopped = Future.join(answered).otherwiseEmpty()
        .compose(v -> api == null ? Future.succeededFuture() : vertx.undeploy(api));
    return intakeStopped
        .compose(v -> engine.whenIdle().timeout(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
            .recover(e -> {
              LOG.log(Level.WARNING, "work was still running after " + grace.toSeconds() + "s; stopping anyway");
              return Future.succeededFuture();
            }))
        .compose(v -> engine.stop());
  }
}
