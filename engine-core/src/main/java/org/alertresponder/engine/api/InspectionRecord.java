package org.alertresponder.engine.api;

import java.time.Instant;

/**
 * The outcome of inspecting one attribute with one inspector.
 *
 * @param attributeHash the inspected attribute
 * @param inspector     the inspector's name
 * @param status        done, failed, timed out, skipped or pending
 * @param error         why it failed, or null
 * @param attempts      calls made (0 for a cache hit)
 * @param finishedAt    when the outcome was recorded, or null while pending
 */
public record InspectionRecord(String attributeHash, String inspector, InspectionStatus status, String error,
                               int attempts, Instant finishedAt) {
}
