package org.alertresponder.engine.api;

import java.time.Instant;

/**
 * An accepted alert as stored in a report.
 *
 * @param id         the alert's id: a content hash when the alert carried its own timestamp (so a
 *                   re-sent alert is stored once), otherwise a time-ordered UUID
 * @param receivedAt when the engine accepted it
 * @param alert      the validated, normalised alert; its timestamp is never null
 */
public record ReceivedAlert(String id, Instant receivedAt, Alert alert) {
}
