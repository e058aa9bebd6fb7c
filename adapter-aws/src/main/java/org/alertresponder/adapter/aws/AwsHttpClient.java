package org.alertresponder.adapter.aws;

/**
 * Which HTTP client carries the AWS SDK's requests of an {@link AwsConnection}. How the two compare, and
 * why the default is what it is, is in adapter-aws/README.md ("HTTP client: Netty or Vert.x").
 */
public enum AwsHttpClient {
  /** The SDK's own netty-nio-client, with an event-loop group and connection pool per SDK client. */
  NETTY,
  /** The Vert.x HTTP client on the application's own event loops, one connection pool for the connection's clients. */
  VERTX
}
