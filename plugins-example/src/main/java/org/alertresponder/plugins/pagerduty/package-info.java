/**
 * The emitter type {@code pagerduty}: triggers a PagerDuty alert for every publication that is not safe, and
 * resolves it when a later version is safe, through the
 * <a href="https://developer.pagerduty.com/docs/events-api-v2/overview/">Events API v2</a>.
 *
 * <h2>Options</h2>
 * <table>
 *   <caption>Options of the pagerduty emitter</caption>
 *   <tr><th>Option</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@code routing-key}</td><td>required</td><td>The 32-character integration key of an Events API v2
 *       integration of a service. A secret: it is never quoted in an error or a failure.</td></tr>
 *   <tr><td>{@code url}</td><td>{@code https://events.pagerduty.com/v2/enqueue}</td><td>The endpoint (the EU
 *       service region uses {@code https://events.eu.pagerduty.com/v2/enqueue}).</td></tr>
 *   <tr><td>{@code severity-map}</td><td>{@code {urgent: critical, unclassified: warning}}</td><td>Our severities
 *       to PagerDuty's ({@code critical}, {@code error}, {@code warning}, {@code info}); keys given override the
 *       defaults. {@code safe} is not a key: a safe verdict never triggers.</td></tr>
 *   <tr><td>{@code resolve-when-safe}</td><td>{@code true}</td><td>Whether a safe version resolves the alert that
 *       an earlier version triggered; with {@code false} a person resolves it.</td></tr>
 *   <tr><td>{@code source}</td><td>{@code alertresponder}</td><td>{@code payload.source}.</td></tr>
 *   <tr><td>{@code component}, {@code group}, {@code class}</td><td>none</td><td>{@code payload.component},
 *       {@code payload.group}, {@code payload.class}, for PagerDuty's event rules.</td></tr>
 *   <tr><td>{@code report-url}</td><td>none</td><td>A link template such as
 *       {@code https://console.example/reports/{id}}, sent in {@code links}.</td></tr>
 *   <tr><td>{@code request-timeout}</td><td>{@code 10s}</td><td>How long PagerDuty may take to answer.</td></tr>
 * </table>
 *
 * <h2>What is sent</h2>
 * {@code POST <url>} with {@code Content-Type: application/json}. For a version that is {@code urgent} or
 * {@code unclassified}, a trigger:
 * <pre>{@code
 * {"routing_key": "...", "event_action": "trigger", "dedup_key": "<report id>",
 *  "payload": {"summary": "[urgent] SSH brute force (guardduty): 198.51.100.7 is on the blocklist",
 *              "source": "alertresponder", "severity": "critical", "timestamp": "2026-11-27T10:10:00Z",
 *              "component": "...", "group": "...", "class": "...",
 *              "custom_details": {"reason": "...", "version": 1, "detector": "guardduty", "rule_id": "...",
 *                                 "alert_count": 2, "attributes": [{"type", "key", "value"}],
 *                                 "findings": ["blocklist: 1 host finding on 198.51.100.7"]}},
 *  "links": [{"href": "https://console.example/reports/<id>", "text": "AlertResponder report <id>"}],
 *  "client": "AlertResponder"}
 * }</pre>
 * The summary is cut to the API's 1024 characters; {@code timestamp} is when the version was published; the
 * attributes and findings are the report's digest (at most 10 of each, with {@code more_attributes} and
 * {@code more_findings} counting the rest). The report's id is the {@code dedup_key}: a retried delivery and
 * every later version land on the same PagerDuty alert instead of opening another.
 *
 * <p>For a {@code safe} version: when an earlier version was not safe ({@code report.verdicts()} holds every
 * published version) and {@code resolve-when-safe} is on, a resolve with nothing but
 * {@code routing_key}, {@code event_action: "resolve"} and {@code dedup_key}; when no earlier version was
 * anything but safe, nothing is sent and the delivery succeeds.
 *
 * <h2>Order of versions</h2>
 * The deliveries of one report go out one after another: a version waits until the delivery of the one before it
 * has ended (succeeded or failed), so keep the emitter's {@code timeout} above twice {@code request-timeout}. A
 * version older than one already delivered is not sent, and its delivery succeeds: a trigger of version 1 that
 * arrives late (replayed from the dead letters, or retried while version 2 went out) would otherwise open a new
 * incident for a report that version 2 resolved. The highest version delivered is remembered in memory for the
 * last 10,000 reports; it does not survive a restart, after which such a late version is sent again.
 *
 * <h2>Failures</h2>
 * PagerDuty answers {@code 202 {"status": "success", "message": "Event processed", "dedup_key": ...}}. Another
 * 2xx body that is not this JSON is accepted; a JSON {@code status} other than {@code success} is retryable, with
 * its message. {@code 400} (invalid event) and other 4xx are permanent; {@code 429}, {@code 5xx}, a timeout and a
 * refused connection are retryable. Failure messages never hold the routing key, even when an answer quotes it.
 *
 * <h2>Configuration</h2>
 * <pre>{@code
 * emitters:
 *   - name: pagerduty-oncall
 *     type: pagerduty          # no min-severity: the safe versions resolve
 *     options:
 *       routing-key: ${PAGERDUTY_ROUTING_KEY}
 *       severity-map: {urgent: critical, unclassified: warning}
 *       resolve-when-safe: true
 *       component: aws
 *       group: production
 *       report-url: https://alertresponder.example/reports/{id}
 * }</pre>
 * With {@code min-severity} above {@code safe} (or {@code first-version-only}), the engine never hands the emitter
 * a safe later version, so nothing is resolved: keep the default filter for {@code resolve-when-safe} to work.
 */
package org.alertresponder.plugins.pagerduty;
