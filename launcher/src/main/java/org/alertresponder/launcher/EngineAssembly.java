package org.alertresponder.launcher;

import io.vertx.core.Vertx;
import org.alertresponder.adapter.aws.AwsConnection;
import org.alertresponder.adapter.aws.AwsHttpClient;
import org.alertresponder.adapter.aws.DeepAlertInspector;
import org.alertresponder.adapter.local.InMemoryAdapter;
import org.alertresponder.adapter.local.sqlite.SqliteAdapter;
import org.alertresponder.engine.api.AlertEngine;
import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.Emitter;
import org.alertresponder.engine.spi.EmitterFactory;
import org.alertresponder.engine.spi.Inspector;
import org.alertresponder.engine.spi.InspectorFactory;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.Reviewer;
import org.alertresponder.engine.spi.ReviewerFactory;
import org.alertresponder.launcher.config.InspectorDeclaration;
import org.alertresponder.launcher.config.LauncherConfig;
import org.alertresponder.launcher.plugins.PluginRegistry;

/**
 * Builds an engine from a configuration: the store it names and every plugin, each created by the
 * factory of its {@code type} and checked for options it did not read.
 */
public final class EngineAssembly {
  private EngineAssembly() {
  }

  /** The store the configuration names. */
  public static Adapter adapter(LauncherConfig config) {
    LauncherConfig.StoreSettings store = config.store();
    return switch (store.type()) {
      case "memory" -> new InMemoryAdapter();
      case "sqlite" -> new SqliteAdapter(store.path(), SqliteAdapter.Settings.defaults()
          .withRetention(store.retention()).withFullSync(store.fullSync()));
      case "dynamodb" -> aws(store, config.engine());
      default -> throw new ConfigurationException("store.type", "sqlite, memory or dynamodb",
          "\"" + store.type() + "\"");
    };
  }

  private static AwsConnection aws(LauncherConfig.StoreSettings store, org.alertresponder.engine.api.EngineConfig engine) {
    LauncherConfig.AwsStore aws = store.aws();
    // A report's items must outlive its window, its delays and the retention: time to live deletes them.
    java.time.Duration keepFor = store.retention().plus(engine.aggregation().window())
        .plus(engine.review().delay()).plus(java.time.Duration.ofDays(1));
    return new AwsConnection(new AwsConnection.Settings(aws.table(), aws.timerQueue(), aws.workQueuePrefix(),
        aws.workDeadLetterQueue(), aws.maxReceives(), aws.region(), aws.dynamoDbEndpoint(), aws.sqsEndpoint(),
        aws.createResources(), keepFor, AwsHttpClient.valueOf(aws.httpClient().toUpperCase(java.util.Locale.ROOT))));
  }

  /**
   * A builder with the configuration's settings and plugins; the caller adds the adapter and observers.
   *
   * @throws ConfigurationException for an unknown plugin type or a bad plugin option
   */
  public static AlertEngine.Builder builder(LauncherConfig config, PluginRegistry registry, Vertx vertx, Clock clock) {
    AlertEngine.Builder builder = AlertEngine.builder().config(config.engine()).clock(clock);
    for (InspectorDeclaration declaration : config.inspectors()) {
      InspectorFactory factory = registry.inspector(declaration.type(), declaration.path() + ".type");
      Inspector inspector = factory.create(context(declaration.name(), declaration.options(), vertx, clock, config));
      declaration.options().requireAllRead();
      if (inspector instanceof DeepAlertInspector deepAlert) {
        // Its calls last as long as its wait: a shorter engine timeout would abandon every one of them.
        deepAlert.requireTimeoutBeyondWait(declaration.timeout(), declaration.path() + ".timeout");
      }
      builder.inspector(declaration.spec(factory.defaultAttributeTypes()), inspector);
    }
    LauncherConfig.ReviewerDeclaration reviewer = config.reviewer();
    ReviewerFactory reviewerFactory = registry.reviewer(reviewer.type(), "reviewer.type");
    Reviewer created = reviewerFactory.create(context(reviewer.name(), reviewer.options(), vertx, clock, config));
    reviewer.options().requireAllRead();
    builder.reviewer(created);
    for (int i = 0; i < config.emitters().size(); i++) {
      LauncherConfig.EmitterDeclaration declaration = config.emitters().get(i);
      EmitterFactory factory = registry.emitter(declaration.type(), "emitters[" + i + "].type");
      Emitter emitter = factory.create(context(declaration.spec().name(), declaration.options(), vertx, clock, config));
      declaration.options().requireAllRead();
      builder.emitter(declaration.spec(), emitter);
    }
    return builder;
  }

  private static PluginContext context(String name, org.alertresponder.engine.spi.PluginOptions options, Vertx vertx,
                                       Clock clock, LauncherConfig config) {
    return new PluginContext(name, options, vertx, clock, config.configDir());
  }
}
