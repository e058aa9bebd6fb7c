package org.alertresponder.engine.spi;

import org.alertresponder.engine.api.Attribute;

/**
 * What an inspector is asked: look at this attribute of this report. deepalert's task shape plus the
 * correlation depth.
 */
public record InspectionTask(String reportId, Attribute attribute, int depth) {
}
