package org.alertresponder.engine.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Passes engine messages between stage verticles by reference. Every message type is an immutable
 * record, so sharing the instance is safe and costs no copy. Stage messages never leave the JVM;
 * plugins get the JSON of {@link org.alertresponder.engine.spi.PluginCodec}, except for the report, which
 * {@link ReportMessageCodec} hands over as the record within the JVM.
 */
public final class LocalCodec implements MessageCodec<Object, Object> {
  public static final String NAME = "alertresponder-local";

  /** Registers the codec once per event bus. */
  public static void register(EventBus eventBus) {
    registerOnce(eventBus, new LocalCodec());
  }

  /**
   * Registers a codec unless one of its name is registered already: by an engine that ran earlier on this
   * Vert.x instance, or by a plugin. The engine's codecs are stateless, so the first one serves.
   */
  static void registerOnce(EventBus eventBus, MessageCodec<?, ?> codec) {
    try {
      eventBus.registerCodec(codec);
    } catch (IllegalStateException alreadyRegistered) {
      // Registered before: keep that one.
    }
  }

  /**
   * Delivery options selecting this codec, with the given send timeout in milliseconds. Built afresh for
   * every message (the caller may add headers), without the JSON round trip of the copy constructor, which
   * showed among the costs of every stage hop.
   */
  public static DeliveryOptions options(long timeoutMillis) {
    return new DeliveryOptions().setCodecName(NAME).setLocalOnly(true).setSendTimeout(timeoutMillis);
  }

  @Override
  public void encodeToWire(Buffer buffer, Object o) {
    throw new UnsupportedOperationException("engine stage messages are local to one JVM");
  }

  @Override
  public Object decodeFromWire(int pos, Buffer buffer) {
    throw new UnsupportedOperationException("engine stage messages are local to one JVM");
  }

  @Override
  public Object transform(Object o) {
    return o;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
