package org.alertresponder.engine.api;

/**
 * Requests the engine has sent to one plugin and answers (or failures) it has received back, counted
 * since the engine started. Calls the engine gave up on (a timeout) still count their late answer.
 *
 * @param sent     requests delivered to a listener
 * @param answered answers and failure replies received
 */
public record PluginTraffic(long sent, long answered) {
}
