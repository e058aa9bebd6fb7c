package org.alertresponder.engine.spi;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.Optional;

/**
 * Inspection results reused across reports, so one IP address seen in a thousand reports costs one
 * call. Keys are opaque strings built by the engine from (inspector, type, value).
 */
public interface ResultCache {
  /** The result stored under the key, unless it expired at or before {@code now}. */
  Future<Optional<InspectionResult>> get(String key, Instant now);

  /** Stores a result until {@code expiresAt}, replacing any earlier one. */
  Future<Void> put(String key, InspectionResult result, Instant expiresAt);
}
