package org.alertresponder.launcher.config;

import org.alertresponder.engine.api.EngineConfig;
import org.alertresponder.engine.spi.EmitterSpec;
import org.alertresponder.engine.spi.PluginOptions;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything a configuration file says, validated: the server's settings, the engine's settings and the
 * plugins to create.
 *
 * @param configDir the configuration file's folder (relative paths and the {@code plugins/} folder)
 */
public record LauncherConfig(HttpSettings http, StoreSettings store, EngineConfig engine,
                             List<InspectorDeclaration> inspectors, ReviewerDeclaration reviewer,
                             List<EmitterDeclaration> emitters, Path configDir, SqsIntake sqsIntake) {

  public LauncherConfig {
    inspectors = List.copyOf(inspectors);
    emitters = List.copyOf(emitters);
  }

  /**
   * Where the server keeps its state.
   *
   * @param type      {@code sqlite} (durable, the default) or {@code memory}
   * @param path      the SQLite file
   * @param retention how long published reports are kept after their last change
   * @param fullSync  fsync every commit (survives power loss) rather than only a killed process
   */
  public record StoreSettings(String type, Path path, java.time.Duration retention, boolean fullSync, AwsStore aws) {
    /** What the startup line and {@code config check} say about the store. */
    public String describe() {
      return switch (type) {
        case "sqlite" -> "sqlite " + path;
        case "dynamodb" -> "dynamodb table " + aws.table() + ", timers " + aws.timerQueue();
        default -> type;
      };
    }
  }

  /**
   * Where the {@code dynamodb} store keeps things (AWS: DynamoDB and SQS). Endpoints and region are null
   * when the SDK's defaults apply; {@code httpClient} is {@code vertx} or {@code netty}.
   */
  public record AwsStore(String table, String timerQueue, String workQueuePrefix, String workDeadLetterQueue,
                         int maxReceives, String region, java.net.URI dynamoDbEndpoint, java.net.URI sqsEndpoint,
                         boolean createResources, String httpClient) {
  }

  /**
   * Alerts read from an SQS queue next to the HTTP API ({@code intake.sqs}); null when not configured.
   *
   * @param region   the AWS region, or null for the SDK's default chain
   * @param endpoint an endpoint override, or null
   */
  public record SqsIntake(String queue, String region, java.net.URI endpoint) {
  }

  /** The reviewer: a factory {@code type} with its options. */
  public record ReviewerDeclaration(String name, String type, PluginOptions options) {
  }

  /** An emitter: its engine settings and a factory {@code type} with its options. */
  public record EmitterDeclaration(EmitterSpec spec, String type, PluginOptions options) {
  }
}
