package org.alertresponder.engine.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportCodec;

/**
 * Carries a {@link Report} to a reviewer or an emitter. Within one JVM the record itself is handed over:
 * it is deeply immutable (its lists are copies, its findings' JSON is frozen), so sharing it is safe, and
 * it saves encoding the whole report to JSON, copying that JSON for local delivery and decoding it back
 * into records in the plugin, which was most of the engine's own work per publication. Across JVMs (a
 * plugin in a clustered Vert.x) it travels as the report's JSON ({@link ReportCodec}) and arrives as a
 * {@link JsonObject}, which the plugin base classes decode.
 */
public final class ReportMessageCodec implements MessageCodec<Report, Object> {
  public static final String NAME = "alertresponder-report";

  /**
   * Registers the codec once per event bus: by the engine, and by every plugin verticle, so that a plugin
   * in another JVM of a cluster can decode what the engine sends it.
   */
  public static void register(EventBus eventBus) {
    LocalCodec.registerOnce(eventBus, new ReportMessageCodec());
  }

  @Override
  public void encodeToWire(Buffer buffer, Report report) {
    Buffer json = ReportCodec.encode(report).toBuffer();
    buffer.appendInt(json.length()).appendBuffer(json);
  }

  @Override
  public Object decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return new JsonObject(buffer.slice(pos + 4, pos + 4 + length));
  }

  @Override
  public Object transform(Report report) {
    return report;
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
