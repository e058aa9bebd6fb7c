package org.alertresponder.adapter.aws;

import org.alertresponder.adapter.aws.internal.AwsClients;
import org.alertresponder.adapter.aws.internal.VertxSdkHttpClient;
import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.tck.ports.ReportRepositoryContract;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The report repository contract on dynalite with the SDK's requests sent by {@link VertxSdkHttpClient}
 * on the test's own Vert.x instance, as {@link AwsConnection} arranges it: the port's calls come from
 * the event loops the HTTP client runs on. (The other suites run on a Vert.x client of their own when
 * {@code -Dalertresponder.aws.http-client=vertx}; see {@link TestHttpClient}.)
 */
class VertxHttpClientReportRepositoryTest extends ReportRepositoryContract {
  @Override
  protected Adapter newAdapter() {
    VertxSdkHttpClient http = VertxSdkHttpClient.on(vertx, VertxSdkHttpClient.Limits.defaults());
    DynamoDbAsyncClient client = AwsClients.configure(DynamoDbAsyncClient.builder(), http, "us-east-1",
            Dynalite.endpoint())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
    // The SDK client does not close an HTTP client it was given; the test's Vert.x instance, closed
    // after each test, closes it.
    return new DynamoDbPortsAdapter(client, true);
  }
}
