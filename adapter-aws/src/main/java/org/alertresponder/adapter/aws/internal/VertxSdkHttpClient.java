package org.alertresponder.adapter.aws.internal;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpResponseHandler;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An AWS SDK HTTP client on the Vert.x HTTP client, so that the SDK's requests travel on the
 * application's event loops instead of an event-loop group of the SDK's own.
 *
 * <p>Every exchange runs on one Vert.x context from start to end: the caller's, when the SDK calls from
 * an event loop of this client's Vert.x instance (the adapter's ports do), otherwise one that Vert.x
 * gives the calling thread. This matters: Vert.x hands a response's body to whichever handler is set
 * when the bytes arrive and drops them otherwise, and in Vert.x 5.0 {@code body()} asked for after the
 * response has ended never completes. A continuation that runs as a later event-loop task (a future
 * chained across contexts) therefore hangs whenever the whole response arrived in one read. So the body
 * is asked for in the very callback that receives the response, on the request's own context.
 *
 * <p>Request and response bodies of the JSON services the adapter calls (DynamoDB, SQS, SNS, Lambda) are
 * small, so each is handled whole: the request body is collected before it is sent, and the response is
 * read to its end before the SDK sees it, which also means the SDK learns of exactly one outcome, the
 * response or a failure. A streaming API (S3 objects) would need a streaming client.
 *
 * <p>Transport failures reach the SDK as {@link IOException}s, which its retry policy retries (a pooled
 * connection the server closed just as a request went out, a connection refused).
 */
public final class VertxSdkHttpClient implements SdkAsyncHttpClient {
  /**
   * The limits, by default those of the SDK's own Netty client: 2 s to connect, 30 s without a byte of
   * the response, 50 connections per endpoint and 10 s to wait for one, at most 10,000 requests waiting.
   */
  public record Limits(Duration connectTimeout, Duration readTimeout, int maxConnections, Duration acquireTimeout,
                       int maxWaiting) {
    public static Limits defaults() {
      return new Limits(Duration.ofSeconds(2), Duration.ofSeconds(30), 50, Duration.ofSeconds(10), 10_000);
    }
  }

  /**
   * Headers Vert.x writes itself: the length of the body it sends, the framing, and the host (given to
   * Vert.x as the request's authority instead, so that the signed value is the one sent). The SDK's
   * {@code Expect: 100-continue} is left out because the body always goes with the head.
   */
  private static final Set<String> WRITTEN_BY_VERTX = Set.of("host", "content-length", "transfer-encoding",
      "expect", "connection");

  private final Limits limits;
  private final AtomicReference<Bound> bound = new AtomicReference<>();

  /** The Vert.x instance and the HTTP client on it, once known. */
  private record Bound(Vertx vertx, HttpClient http) {
  }

  private VertxSdkHttpClient(Limits limits) {
    this.limits = limits;
  }

  /** A client that sends on {@code vertx}'s event loops. */
  public static VertxSdkHttpClient on(Vertx vertx, Limits limits) {
    VertxSdkHttpClient client = new VertxSdkHttpClient(limits);
    client.bind(vertx);
    return client;
  }

  /**
   * A client whose Vert.x instance is given later by {@link #bind}: for SDK clients that must exist
   * before the application's Vert.x instance is known (the engine takes its ports before it opens the
   * adapter). Requests sent before then fail.
   */
  public static VertxSdkHttpClient unbound(Limits limits) {
    return new VertxSdkHttpClient(limits);
  }

  /**
   * Sends from now on through {@code vertx}. Binding again to the same instance does nothing; another
   * instance is refused, since requests in flight belong to the first. Vert.x closes an HTTP client
   * created inside a verticle when that verticle is undeployed, so bind from outside one (the engine
   * opens its adapter, and {@link org.alertresponder.adapter.aws.AwsConnection} binds, where
   * {@code AlertEngine.start} is called).
   */
  public void bind(Vertx vertx) {
    Bound current = bound.get();
    if (current != null) {
      if (current.vertx() != vertx) {
        throw new IllegalStateException("this AWS HTTP client already sends through another Vert.x instance");
      }
      return;
    }
    HttpClient http = vertx.httpClientBuilder()
        .with(new HttpClientOptions()
            .setKeepAlive(true)
            .setTcpNoDelay(true)
            .setConnectTimeout(Math.toIntExact(limits.connectTimeout().toMillis())))
        .with(new PoolOptions()
            .setHttp1MaxSize(limits.maxConnections())
            .setMaxWaitQueueSize(limits.maxWaiting()))
        .build();
    if (!bound.compareAndSet(null, new Bound(vertx, http))) {
      http.close();
      bind(vertx);
    }
  }

  @Override
  public CompletableFuture<Void> execute(AsyncExecuteRequest request) {
    Bound target = bound.get();
    if (target == null) {
      Exchange refused = new Exchange(request, null, null);
      refused.fail(new IllegalStateException("this AWS HTTP client has no Vert.x instance yet (the adapter is not open)"));
      return refused.done;
    }
    // The caller's context when it is one of this instance's, otherwise the one Vert.x gives this
    // thread; everything of the exchange then happens on it.
    Context context = target.vertx().getOrCreateContext();
    Exchange exchange = new Exchange(request, context, target.http());
    exchange.onContext(exchange::start);
    return exchange.done;
  }

  @Override
  public String clientName() {
    return "VertxHttp";
  }

  /** Closes the HTTP client; the Vert.x instance is the application's and stays open. */
  @Override
  public void close() {
    Bound current = bound.get();
    if (current != null) {
      current.http().close();
    }
  }

  /** One request and its response, settled exactly once: the SDK hears of the response or of a failure. */
  private final class Exchange {
    private final AsyncExecuteRequest sdk;
    private final SdkAsyncHttpResponseHandler handler;
    private final Context context;
    private final HttpClient http;
    final CompletableFuture<Void> done = new CompletableFuture<>();
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile HttpClientRequest inFlight;

    Exchange(AsyncExecuteRequest sdk, Context context, HttpClient http) {
      this.sdk = sdk;
      this.handler = sdk.responseHandler();
      this.context = context;
      this.http = http;
      // The SDK completes the future itself when it gives up on the attempt (its timeouts, a
      // cancellation): the request is then reset, so that its connection does not wait for a response
      // nobody reads, and the SDK hears nothing more of it.
      done.whenComplete((ignored, failure) -> {
        if (failure != null && settled.compareAndSet(false, true)) {
          HttpClientRequest request = inFlight;
          if (request != null) {
            onContext(() -> request.reset(0, failure));
          }
        }
      });
    }

    void onContext(Runnable action) {
      if (Vertx.currentContext() == context) {
        action.run();
      } else {
        context.runOnContext(v -> action.run());
      }
    }

    void start() {
      // The SDK's body publisher may answer on a thread of its own: the exchange goes on on its context.
      collect(sdk.requestContentPublisher()).whenComplete((body, failure) -> onContext(() -> {
        if (failure != null) {
          fail(failure);
        } else {
          send(body);
        }
      }));
    }

    private void send(Buffer body) {
      SdkHttpRequest request = sdk.request();
      RequestOptions options = new RequestOptions()
          .setMethod(HttpMethod.valueOf(request.method().name()))
          .setAbsoluteURI(request.getUri().toString())
          .setConnectTimeout(limits.acquireTimeout().toMillis())
          .setIdleTimeout(limits.readTimeout().toMillis())
          .setFollowRedirects(false);
      request.forEachHeader((name, values) -> {
        if (!WRITTEN_BY_VERTX.contains(name.toLowerCase(Locale.ROOT))) {
          for (String value : values) {
            options.addHeader(name, value);
          }
        }
      });
      HostAndPort signedHost = request.firstMatchingHeader("Host")
          .map(value -> HostAndPort.parseAuthority(value, request.port())).orElse(null);
      http.request(options).onComplete(obtained -> {
        if (obtained.failed()) {
          fail(obtained.cause());
          return;
        }
        HttpClientRequest outgoing = obtained.result();
        inFlight = outgoing;
        if (settled.get()) {
          // The SDK gave up while a connection was being found.
          outgoing.reset();
          return;
        }
        if (signedHost != null) {
          outgoing.authority(signedHost);
        }
        // The response's body is asked for in this same callback, registered directly on the future
        // that the response completes: see the class comment for why a chained continuation hangs.
        outgoing.send(body).onComplete(answered -> {
          if (answered.failed()) {
            fail(answered.cause());
            return;
          }
          HttpClientResponse response = answered.result();
          response.body().onComplete(read -> {
            if (read.failed()) {
              fail(read.cause());
            } else {
              succeed(response, read.result());
            }
          });
        });
      });
    }

    private void succeed(HttpClientResponse response, Buffer body) {
      if (!settled.compareAndSet(false, true)) {
        return;
      }
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      response.headers().forEach(header -> headers.computeIfAbsent(header.getKey(), k -> new ArrayList<>())
          .add(header.getValue()));
      handler.onHeaders(SdkHttpResponse.builder().statusCode(response.statusCode())
          .statusText(response.statusMessage()).headers(headers).build());
      handler.onStream(new WholeBody(body.getBytes()));
      done.complete(null);
    }

    void fail(Throwable failure) {
      if (!settled.compareAndSet(false, true)) {
        return;
      }
      Throwable reported = failure instanceof IOException ? failure
          : new IOException("the request to " + sdk.request().host() + " failed: " + failure, failure);
      handler.onError(reported);
      done.completeExceptionally(reported);
    }
  }

  /** The request body, whole. The SDK's bodies for these services are small JSON documents. */
  private static CompletableFuture<Buffer> collect(Publisher<ByteBuffer> body) {
    CompletableFuture<Buffer> collected = new CompletableFuture<>();
    if (body == null) {
      collected.complete(Buffer.buffer());
      return collected;
    }
    Buffer bytes = Buffer.buffer();
    body.subscribe(new Subscriber<>() {
      @Override
      public void onSubscribe(Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(ByteBuffer chunk) {
        // The publisher may reuse its buffer after this call returns, so the bytes are copied now.
        byte[] copy = new byte[chunk.remaining()];
        chunk.get(copy);
        bytes.appendBytes(copy);
      }

      @Override
      public void onError(Throwable failure) {
        collected.completeExceptionally(failure);
      }

      @Override
      public void onComplete() {
        collected.complete(bytes);
      }
    });
    return collected;
  }

  /**
   * A response body already read, published as Reactive Streams requires: to one subscriber, its single
   * buffer only once demanded, then completion exactly once; nothing after a cancellation.
   */
  static final class WholeBody implements Publisher<ByteBuffer> {
    private final byte[] bytes;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    WholeBody(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
      if (!subscribed.compareAndSet(false, true)) {
        // Rule 1.9 wants onSubscribe before any other signal, even for a refused subscriber.
        subscriber.onSubscribe(new Subscription() {
          @Override
          public void request(long n) {
          }

          @Override
          public void cancel() {
          }
        });
        subscriber.onError(new IllegalStateException("a response body can be read once"));
        return;
      }
      AtomicBoolean finished = new AtomicBoolean();
      subscriber.onSubscribe(new Subscription() {
        @Override
        public void request(long n) {
          // The flag is set before any signal, so a request made from within onNext does nothing.
          if (!finished.compareAndSet(false, true)) {
            return;
          }
          if (n <= 0) {
            subscriber.onError(new IllegalArgumentException("demand must be positive (Reactive Streams rule 3.9), was " + n));
            return;
          }
          if (bytes.length > 0) {
            subscriber.onNext(ByteBuffer.wrap(bytes).asReadOnlyBuffer());
          }
          subscriber.onComplete();
        }

        @Override
        public void cancel() {
          finished.set(true);
        }
      });
      // An empty body completes without waiting for demand, which rule 1.1 allows.
      if (bytes.length == 0 && finished.compareAndSet(false, true)) {
        subscriber.onComplete();
      }
    }
  }
}
