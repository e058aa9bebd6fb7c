package org.alertresponder.engine.api;

/**
 * The answer to an accepted alert: it is stored, and this is the report it joined.
 *
 * @param alertId  the stored alert's id
 * @param reportId the report it belongs to
 * @param status   that report's status after the alert joined
 * @param created  true when this alert created the report
 * @param reopened true when this alert re-opened a published report
 */
public record Receipt(String alertId, String reportId, ReportStatus status, boolean created, boolean reopened) {
}
