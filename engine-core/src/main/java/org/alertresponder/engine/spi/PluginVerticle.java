package org.alertresponder.engine.spi;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import org.alertresponder.engine.bus.ReportMessageCodec;

import java.lang.System.Logger.Level;

/**
 * The shell shared by the plugin verticles: consume the plugin's address, decode the request, call the
 * plugin, encode the answer or fail the message with a permanent (400) or retryable (500) code.
 *
 * <p>A plugin that throws instead of failing its future is treated as having failed its future, so a
 * bug in one plugin never takes a verticle down.
 */
public abstract class PluginVerticle<I, O> extends VerticleBase {
  private static final System.Logger LOG = System.getLogger(PluginVerticle.class.getName());
  private final String address;

  protected PluginVerticle(String address) {
    this.address = address;
  }

  public String address() {
    return address;
  }

  @Override
  public Future<?> start() {
    ReportMessageCodec.register(vertx.eventBus());
    MessageConsumer<Object> consumer = vertx.eventBus().consumer(address, this::handle);
    return consumer.completion();
  }

  /**
   * Closes {@code plugin} when it implements {@link AutoCloseable}: a plugin that holds a client, a timer or
   * a file releases it when its verticle is undeployed (when the engine stops), so that an engine stopped and
   * started again in the same Vert.x leaves nothing behind. A failure to close is logged, never thrown.
   */
  protected static Future<Void> closeIfCloseable(Object plugin, String address) {
    if (plugin instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "the plugin at " + address + " failed to close: " + e);
      }
    }
    return Future.succeededFuture();
  }

  protected abstract I decode(Object body);

  protected abstract Future<O> call(I request);

  protected abstract Object encode(O answer);

  private void handle(Message<Object> message) {
    I request;
    try {
      request = decode(message.body());
    } catch (RuntimeException e) {
      message.fail(PluginCodec.PERMANENT_FAILURE, e.getMessage());
      return;
    }
    Future<O> answer;
    try {
      answer = call(request);
      if (answer == null) {
        answer = Future.failedFuture(new IllegalStateException("plugin returned a null future"));
      }
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    answer.onComplete(result -> {
      if (result.succeeded()) {
        try {
          message.reply(encode(result.result()));
        } catch (RuntimeException e) {
          message.fail(PluginCodec.PERMANENT_FAILURE, "could not encode the plugin's answer: " + e.getMessage());
        }
        return;
      }
      Throwable failure = result.cause();
      boolean permanent = failure instanceof PluginException pluginException && !pluginException.retryable();
      String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
      if (!(failure instanceof PluginException)) {
        LOG.log(Level.DEBUG, () -> "plugin at " + address + " failed", failure);
      }
      message.fail(permanent ? PluginCodec.PERMANENT_FAILURE : PluginCodec.RETRYABLE_FAILURE, reason);
    });
  }
}
