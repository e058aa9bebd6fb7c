package org.alertresponder.engine.spi;

/**
 * The correlation bounds a store enforces when it admits attributes into a report.
 *
 * @param maxDepth      attributes deeper than this are cut
 * @param maxAttributes a report holds at most this many attributes; later ones are cut
 * @param maxCutRecords at most this many cut attributes are recorded (all are counted)
 */
public record AttributeBounds(int maxDepth, int maxAttributes, int maxCutRecords) {
}
