package org.alertresponder.launcher.cli;

import io.vertx.core.Vertx;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.launcher.Configurations;
import org.alertresponder.launcher.Server;
import org.alertresponder.launcher.Version;
import org.alertresponder.launcher.config.InspectorDeclaration;
import org.alertresponder.launcher.config.LauncherConfig;
import org.alertresponder.launcher.metrics.EngineMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code serve [--config FILE]}: runs the server until SIGTERM or SIGINT, then stops intake, lets
 * in-flight work finish (up to the grace period) and exits 0.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Runs the server. Without --config: a durable store in data/alertresponder.db, HTTP on "
        + "127.0.0.1:8080 without "
        + "authentication, the default reviewer and a log emitter printing each publication as a JSON line. "
        + "SIGTERM stops intake, lets in-flight work finish and exits 0.")
public final class ServeCommand implements Callable<Integer> {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "A YAML configuration (see config/README.md).")
  Path config;

  @Option(names = "--grace", defaultValue = "30s", paramLabel = "DURATION",
      description = "How long a shutdown waits for in-flight work (default: ${DEFAULT-VALUE}).")
  String grace;

  /**
   * The command for {@code serve}, {@code serve --config FILE} and {@code serve --grace DURATION} (in any
   * order, {@code -c} for {@code --config}, {@code --option=value} too), or null for any other arguments.
   */
  public static ServeCommand parsePlain(String[] args) {
    if (args.length == 0 || !args[0].equals("serve")) {
      return null;
    }
    ServeCommand command = new ServeCommand();
    command.grace = "30s";
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      int equals = arg.indexOf('=');
      String name = equals > 0 ? arg.substring(0, equals) : arg;
      String value;
      if (equals > 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length && !args[i + 1].startsWith("-")) {
        value = args[++i];
      } else {
        return null;
      }
      switch (name) {
        case "-c", "--config" -> command.config = Path.of(value);
        case "--grace" -> command.grace = value;
        default -> {
          return null;
        }
      }
    }
    return command;
  }

  /** Runs and returns the exit status. */
  public int run() {
    try {
      return call();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    // The metrics registry and the codecs of the first requests load on the other core meanwhile.
    CompletableFuture<EngineMetrics> metrics = CompletableFuture.supplyAsync(() -> {
      warmUp();
      return new EngineMetrics();
    });
    Duration gracePeriod;
    try {
      gracePeriod = org.alertresponder.engine.api.Durations.parse(grace);
    } catch (IllegalArgumentException e) {
      System.err.println("--grace: expected " + e.getMessage() + ", found \"" + grace + "\"");
      return 2;
    }
    LauncherConfig settings;
    org.alertresponder.launcher.plugins.PluginRegistry plugins;
    try {
      settings = Configurations.load(config, System::getenv);
      plugins = Configurations.plugins(settings, config != null);
    } catch (ConfigurationException e) {
      System.err.println("configuration error: " + e.getMessage());
      return 2;
    }
    Vertx vertx = Vertx.vertx();
    Server server;
    try {
      server = Server.start(vertx, settings, plugins, metrics.join()).await(60, TimeUnit.SECONDS);
    } catch (ConfigurationException e) {
      System.err.println("configuration error: " + e.getMessage());
      vertx.close();
      return 2;
    } catch (Exception e) {
      Throwable cause = e.getCause() != null && !(e instanceof BindException) ? e.getCause() : e;
      String reason = e instanceof BindException || cause instanceof BindException
          ? "cannot listen on " + settings.http().host() + ":" + settings.http().port() + ": " + e.getMessage()
          : String.valueOf(e.getMessage());
      System.err.println("start-up failed: " + reason);
      vertx.close();
      return 1;
    }
    System.err.println("alertresponder " + Version.current() + " serving http://" + settings.http().host() + ":"
        + server.port() + " (store " + server.engine().adapter().describe() + ", auth "
        + (settings.http().auth().required() ? settings.http().auth().tokens().size() + " token(s)" : "none")
        + ", inspectors [" + settings.inspectors().stream().map(InspectorDeclaration::name)
        .collect(Collectors.joining(", ")) + "], reviewer " + settings.reviewer().type() + ", emitters ["
        + settings.emitters().stream().map(e -> e.spec().name()).collect(Collectors.joining(", ")) + "])");

    CountDownLatch stopped = new CountDownLatch(1);
    // A shutdown hook runs on SIGTERM and SIGINT; halting once the graceful stop is done makes the exit
    // status 0 (the JVM would otherwise report 143 for SIGTERM), or 1 when the stop was not clean.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.err.println("shutting down: intake stopped, finishing in-flight work");
      int status = 0;
      try {
        server.shutdown(gracePeriod).await(gracePeriod.toSeconds() + 10, TimeUnit.SECONDS);
        // Closed separately, from this thread: a future of the engine's context cannot complete once its
        // event loop is gone.
        vertx.close().await(10, TimeUnit.SECONDS);
        System.err.println("stopped");
      } catch (Exception e) {
        System.err.println("shutdown did not complete cleanly: " + e.getMessage());
        status = 1;
      }
      stopped.countDown();
      Runtime.getRuntime().halt(status);
    }, "alertresponder-shutdown"));
    stopped.await();
    return 0;
  }

  /**
   * Loads what the first requests need (JSON codec, HTTP codec) ahead of them, so that the server answers
   * its first request sooner. Failures here are harmless.
   */
  private static void warmUp() {
    try {
      io.vertx.core.json.Json.decodeValue(new io.vertx.core.json.JsonObject().put("warm", java.util.List.of(1, "up"))
          .encode());
      for (String name : java.util.List.of("io.netty.handler.codec.http.HttpServerCodec",
          "io.netty.handler.codec.http.HttpObjectDecoder", "io.netty.handler.codec.http.HttpObjectEncoder",
          "io.vertx.core.http.impl.Http1xServerConnection", "io.vertx.core.http.impl.Http1xServerRequest",
          "io.vertx.core.http.impl.Http1xServerResponse", "io.vertx.ext.web.impl.RoutingContextImpl")) {
        Class.forName(name, true, ServeCommand.class.getClassLoader());
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError ignored) {
      // Only a head start: anything that fails here loads normally on the first request.
    }
  }
}
