package org.alertresponder.adapter.aws;

import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * LocalStack in a container, started once per test JVM, for the variant of the suites that runs where a
 * Docker engine is available (the classes using it are skipped elsewhere). It is a second opinion on the
 * DynamoDB semantics, never the only test of anything: dynalite runs the same suites everywhere.
 */
final class LocalStack {
  private static LocalStackContainer container;
  private static DynamoDbAsyncClient dynamoDb;

  private LocalStack() {
  }

  static synchronized DynamoDbAsyncClient dynamoDb() {
    if (container == null) {
      container = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
          .withServices("dynamodb");
      container.start();
      Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
      dynamoDb = DynamoDbAsyncClient.builder()
          .endpointOverride(container.getEndpoint())
          .region(Region.of(container.getRegion()))
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(container.getAccessKey(),
              container.getSecretKey())))
          .httpClientBuilder(NettyNioAsyncHttpClient.builder())
          .build();
    }
    return dynamoDb;
  }
}
