package org.alertresponder.adapter.aws.internal;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpResponseHandler;
import software.amazon.awssdk.http.async.SdkHttpContentPublisher;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Vert.x HTTP client of the AWS SDK against a plain HTTP server on 127.0.0.1 that plays the service:
 * whole responses, headers as signed, failures the SDK can retry, timeouts, cancellation, and a response
 * body published as Reactive Streams requires.
 */
class VertxSdkHttpClientTest {
  private static final String EMPTY_JSON = "{}";

  private Vertx vertx;
  private HttpServer server;
  private final AtomicReference<Handler<HttpServerRequest>> service = new AtomicReference<>(
      request -> request.response().putHeader("Content-Type", "application/x-amz-json-1.0").end(EMPTY_JSON));
  private VertxSdkHttpClient http;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(request -> service.get().handle(request))
        .listen(0, "127.0.0.1").await();
    http = VertxSdkHttpClient.on(vertx, VertxSdkHttpClient.Limits.defaults());
  }

  @AfterEach
  void stop() {
    http.close();
    vertx.close().await();
  }

  private URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.actualPort());
  }

  private DynamoDbAsyncClient dynamoDb(VertxSdkHttpClient client, URI endpoint) {
    return AwsClients.configure(DynamoDbAsyncClient.builder(), client, "us-east-1", endpoint)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }

  @Test
  void responsesThatArriveInOneReadAreDeliveredWholeToCallersOnAnyThread() throws Exception {
    // The server writes each small response in one go, so head, body and end reach the client in one
    // read: a body asked for one event-loop task too late never completes. Calls come from this plain
    // thread (a fresh context each time) and from event loops, one after the other and all at once.
    try (DynamoDbAsyncClient client = dynamoDb(http, endpoint())) {
      for (int i = 0; i < 300; i++) {
        client.describeTable(b -> b.tableName("t")).get(5, TimeUnit.SECONDS);
      }
      List<CompletableFuture<?>> concurrent = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        CompletableFuture<Object> call = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(v -> client.describeTable(b -> b.tableName("t"))
            .whenComplete((response, failure) -> {
              if (failure != null) {
                call.completeExceptionally(failure);
              } else {
                call.complete(response);
              }
            }));
        concurrent.add(call);
      }
      CompletableFuture.allOf(concurrent.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void moreConcurrentRequestsThanConnectionsWaitForAConnection() throws Exception {
    VertxSdkHttpClient narrow = VertxSdkHttpClient.on(vertx, new VertxSdkHttpClient.Limits(Duration.ofSeconds(2),
        Duration.ofSeconds(30), 2, Duration.ofSeconds(10), 1_000));
    service.set(request -> vertx.setTimer(20, id -> request.response().end(EMPTY_JSON)));
    try (DynamoDbAsyncClient client = dynamoDb(narrow, endpoint())) {
      List<CompletableFuture<?>> calls = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        calls.add(client.describeTable(b -> b.tableName("t")));
      }
      CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
    } finally {
      narrow.close();
    }
  }

  @Test
  void theSignedHostAndTheSdksHeadersAreSentOnceWithoutExpectContinue() throws Exception {
    CompletableFuture<Map<String, List<String>>> received = new CompletableFuture<>();
    CompletableFuture<String> body = new CompletableFuture<>();
    service.set(request -> {
      Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      request.headers().forEach(header -> headers.computeIfAbsent(header.getKey(), k -> new ArrayList<>())
          .add(header.getValue()));
      received.complete(headers);
      request.body().onSuccess(bytes -> body.complete(bytes.toString()));
      request.response().end(EMPTY_JSON);
    });
    try (DynamoDbAsyncClient client = dynamoDb(http, endpoint())) {
      client.describeTable(b -> b.tableName("headers")).get(5, TimeUnit.SECONDS);
    }
    Map<String, List<String>> headers = received.get(5, TimeUnit.SECONDS);
    assertThat(headers.get("Host")).containsExactly("127.0.0.1:" + server.actualPort());
    assertThat(headers.get("Content-Length")).containsExactly(
        Integer.toString(body.get(5, TimeUnit.SECONDS).getBytes(StandardCharsets.UTF_8).length));
    assertThat(headers.get("X-Amz-Target")).containsExactly("DynamoDB_20120810.DescribeTable");
    assertThat(headers.get("Authorization")).singleElement().asString().startsWith("AWS4-HMAC-SHA256 ");
    assertThat(headers).doesNotContainKeys("Expect", "Transfer-Encoding");
    assertThat(body.get()).contains("\"headers\"");
  }

  @Test
  void anEmptyRequestBodyIsSentAsAnEmptyBodyAndTheResponseComesWhole() throws Exception {
    CompletableFuture<String> seen = new CompletableFuture<>();
    service.set(request -> request.body().onSuccess(bytes -> {
      seen.complete(request.method() + " " + request.uri() + " [" + bytes + "] "
          + request.getHeader("Content-Length"));
      request.response().end("pong");
    }));
    RecordingHandler handler = new RecordingHandler();

    CompletableFuture<Void> done = http.execute(get("/ping?x=1", handler, new BytesPublisher(new byte[0])));

    done.get(5, TimeUnit.SECONDS);
    assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo("GET /ping?x=1 [] 0");
    assertThat(handler.headers.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(handler.body.get(5, TimeUnit.SECONDS)).isEqualTo("pong");
    assertThat(handler.errors).isEmpty();
  }

  @Test
  void anErrorStatusReachesTheCallerAsTheServicesException() {
    service.set(request -> request.response().setStatusCode(400)
        .putHeader("Content-Type", "application/x-amz-json-1.0")
        .end("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\","
            + "\"message\":\"The conditional request failed\"}"));
    try (DynamoDbAsyncClient client = dynamoDb(http, endpoint())) {
      assertThatThrownBy(() -> client.describeTable(b -> b.tableName("t")).get(5, TimeUnit.SECONDS))
          .hasCauseInstanceOf(ConditionalCheckFailedException.class);
    }
  }

  @Test
  void aRefusedConnectionFailsWithAnIoExceptionThatTheSdkRetries() throws Exception {
    URI closed = endpoint();
    server.close().await();
    try (DynamoDbAsyncClient client = dynamoDb(http, closed)) {
      assertThatThrownBy(() -> client.describeTable(b -> b.tableName("t")).get(20, TimeUnit.SECONDS))
          .cause().isInstanceOf(SdkClientException.class)
          .hasMessageContaining("SDK Attempt Count:").hasMessageNotContaining("SDK Attempt Count: 1)")
          .hasCauseInstanceOf(IOException.class);
    }
  }

  @Test
  void aServerThatNeverAnswersFailsTheRequestAfterTheReadTimeout() throws Exception {
    VertxSdkHttpClient impatient = VertxSdkHttpClient.on(vertx, new VertxSdkHttpClient.Limits(Duration.ofSeconds(2),
        Duration.ofMillis(300), 5, Duration.ofSeconds(2), 100));
    service.set(request -> { });
    RecordingHandler handler = new RecordingHandler();
    try {
      CompletableFuture<Void> done = impatient.execute(get("/", handler, new BytesPublisher(new byte[0])));

      assertThatThrownBy(() -> done.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
      assertThat(handler.errors).singleElement().isInstanceOf(IOException.class);
      assertThat(handler.headers).isNotDone();
    } finally {
      impatient.close();
    }
  }

  @Test
  void whenTheSdkGivesUpTheRequestIsResetAndTheHandlerHearsNothingMore() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    CompletableFuture<Void> connectionClosed = new CompletableFuture<>();
    service.set(request -> {
      request.connection().closeHandler(v -> connectionClosed.complete(null));
      arrived.countDown();
    });
    RecordingHandler handler = new RecordingHandler();
    CompletableFuture<Void> done = http.execute(get("/", handler, new BytesPublisher(new byte[0])));
    assertThat(arrived.await(5, TimeUnit.SECONDS)).isTrue();

    done.completeExceptionally(new java.util.concurrent.CancellationException("the SDK's attempt timed out"));

    connectionClosed.get(5, TimeUnit.SECONDS);
    assertThat(handler.errors).isEmpty();
    assertThat(handler.headers).isNotDone();
  }

  @Test
  void callsFromAnEventLoopOfTheClientsInstanceAreAnsweredOnThatEventLoop() throws Exception {
    Context caller = vertx.getOrCreateContext();
    CompletableFuture<Thread> callerThread = new CompletableFuture<>();
    RecordingHandler handler = new RecordingHandler();
    caller.runOnContext(v -> {
      callerThread.complete(Thread.currentThread());
      http.execute(get("/", handler, new BytesPublisher(new byte[0])));
    });

    handler.headers.get(5, TimeUnit.SECONDS);
    assertThat(handler.headersThread.get()).isSameAs(callerThread.get(5, TimeUnit.SECONDS));
  }

  @Test
  void anUnboundClientFailsItsRequestsThroughTheHandler() {
    VertxSdkHttpClient unbound = VertxSdkHttpClient.unbound(VertxSdkHttpClient.Limits.defaults());
    RecordingHandler handler = new RecordingHandler();

    CompletableFuture<Void> done = unbound.execute(get("/", handler, new BytesPublisher(new byte[0])));

    assertThat(done).isCompletedExceptionally();
    assertThat(handler.errors).singleElement().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
        .isInstanceOf(IOException.class).hasMessageContaining("no Vert.x instance yet");
  }

  @Test
  void bindingToASecondVertxInstanceIsRefused() {
    Vertx other = Vertx.vertx();
    try {
      http.bind(vertx);
      assertThatThrownBy(() -> http.bind(other)).isInstanceOf(IllegalStateException.class);
    } finally {
      other.close().await();
    }
  }

  @Test
  void theResponseBodyIsPublishedOnDemandToOneSubscriberAndCompletesOnce() {
    VertxSdkHttpClient.WholeBody body = new VertxSdkHttpClient.WholeBody("abc".getBytes(StandardCharsets.UTF_8));
    List<String> signals = new CopyOnWriteArrayList<>();
    AtomicReference<Subscription> subscription = new AtomicReference<>();
    body.subscribe(new Subscriber<>() {
      @Override
      public void onSubscribe(Subscription s) {
        subscription.set(s);
      }

      @Override
      public void onNext(ByteBuffer buffer) {
        signals.add("next " + StandardCharsets.UTF_8.decode(buffer));
        // A request from within onNext must not deliver the buffer again.
        subscription.get().request(1);
      }

      @Override
      public void onError(Throwable failure) {
        signals.add("error");
      }

      @Override
      public void onComplete() {
        signals.add("complete");
      }
    });
    assertThat(signals).isEmpty();

    subscription.get().request(1);
    subscription.get().request(5);

    assertThat(signals).containsExactly("next abc", "complete");
    RecordingSubscriber second = new RecordingSubscriber();
    body.subscribe(second);
    assertThat(second.signals).containsExactly("subscribe", "error IllegalStateException");
  }

  @Test
  void aNonPositiveDemandIsAnErrorAndAnEmptyBodyCompletesWithoutDemand() {
    RecordingSubscriber refused = new RecordingSubscriber();
    new VertxSdkHttpClient.WholeBody(new byte[] {1}).subscribe(refused);
    refused.subscription.request(0);
    RecordingSubscriber empty = new RecordingSubscriber();
    new VertxSdkHttpClient.WholeBody(new byte[0]).subscribe(empty);

    assertThat(refused.signals).containsExactly("subscribe", "error IllegalArgumentException");
    assertThat(empty.signals).containsExactly("subscribe", "complete");
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private AsyncExecuteRequest get(String pathAndQuery, SdkAsyncHttpResponseHandler handler,
                                  SdkHttpContentPublisher body) {
    URI uri = URI.create(endpoint() + pathAndQuery);
    return AsyncExecuteRequest.builder()
        .request(SdkHttpFullRequest.builder().method(SdkHttpMethod.GET).uri(uri)
            .putHeader("Host", uri.getHost() + ":" + uri.getPort()).build())
        .requestContentPublisher(body)
        .responseHandler(handler)
        .build();
  }

  /** What the SDK would be told: the response's head, its body read to the end, or failures. */
  private static final class RecordingHandler implements SdkAsyncHttpResponseHandler {
    final CompletableFuture<SdkHttpResponse> headers = new CompletableFuture<>();
    final AtomicReference<Thread> headersThread = new AtomicReference<>();
    final CompletableFuture<String> body = new CompletableFuture<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();

    @Override
    public void onHeaders(SdkHttpResponse response) {
      headersThread.set(Thread.currentThread());
      headers.complete(response);
    }

    @Override
    public void onStream(org.reactivestreams.Publisher<ByteBuffer> stream) {
      StringBuilder text = new StringBuilder();
      stream.subscribe(new Subscriber<>() {
        @Override
        public void onSubscribe(Subscription subscription) {
          subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(ByteBuffer buffer) {
          text.append(StandardCharsets.UTF_8.decode(buffer));
        }

        @Override
        public void onError(Throwable failure) {
          body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
          body.complete(text.toString());
        }
      });
    }

    @Override
    public void onError(Throwable failure) {
      errors.add(failure);
    }
  }

  private static final class RecordingSubscriber implements Subscriber<ByteBuffer> {
    final List<String> signals = new CopyOnWriteArrayList<>();
    Subscription subscription;

    @Override
    public void onSubscribe(Subscription s) {
      subscription = s;
      signals.add("subscribe");
    }

    @Override
    public void onNext(ByteBuffer buffer) {
      signals.add("next");
    }

    @Override
    public void onError(Throwable failure) {
      signals.add("error " + failure.getClass().getSimpleName());
    }

    @Override
    public void onComplete() {
      signals.add("complete");
    }
  }

  /** A request body of fixed bytes, delivered on demand. */
  private static final class BytesPublisher implements SdkHttpContentPublisher {
    private final byte[] bytes;

    BytesPublisher(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public Optional<Long> contentLength() {
      return Optional.of((long) bytes.length);
    }

    @Override
    public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
      subscriber.onSubscribe(new Subscription() {
        private boolean finished;

        @Override
        public void request(long n) {
          if (finished) {
            return;
          }
          finished = true;
          if (bytes.length > 0) {
            subscriber.onNext(ByteBuffer.wrap(bytes));
          }
          subscriber.onComplete();
        }

        @Override
        public void cancel() {
          finished = true;
        }
      });
    }
  }
}
