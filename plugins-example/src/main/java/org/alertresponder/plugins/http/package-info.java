/**
 * The inspector type {@code http}: an inspector in any language behind an HTTP endpoint
 * ({@link org.alertresponder.plugins.http.HttpInspectorFactory}). It handles {@code ipaddr}, {@code domain},
 * {@code username}, {@code filehash} and {@code url} attributes unless the inspector's {@code attribute-types} says
 * otherwise.
 *
 * <h2>Options</h2>
 * <table>
 *   <caption>Options of the http inspector</caption>
 *   <tr><th>Option</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@code url}</td><td>(required)</td><td>The endpoint, {@code http://} or {@code https://}. Failure
 *       messages name it without its query, which may hold a token.</td></tr>
 *   <tr><td>{@code secret}</td><td>none</td><td>The key that signs every request (write {@code ${ENV_VARIABLE}});
 *       without it requests are not signed. Never shown in logs or errors.</td></tr>
 *   <tr><td>{@code headers}</td><td>none</td><td>More request headers, such as {@code Authorization}; they cannot
 *       replace the ones below.</td></tr>
 *   <tr><td>{@code verify-answers}</td><td>{@code false}</td><td>Accept only answers the endpoint signed (needs
 *       {@code secret}).</td></tr>
 *   <tr><td>{@code request-timeout}</td><td>{@code 10s}</td><td>How long one request may take; keep it under the
 *       inspector's {@code timeout}.</td></tr>
 * </table>
 *
 * <h2>The request</h2>
 * {@code POST <url>} with the task as JSON, the shape the {@code lambda} inspector and the event-bus plugins get:
 * <pre>{@code
 * {"report_id": "0193...", "attribute": {"type": "ipaddr", "key": "source address", "value": "198.51.100.7",
 *  "context": ["remote"], "timestamp": "2026-11-27T10:00:00Z"}, "depth": 0}
 * }</pre>
 * ({@code timestamp} only when the attribute has one), and the headers {@code Content-Type: application/json},
 * {@code X-AlertResponder-Timestamp: <Unix time in seconds>} and, with a {@code secret},
 * {@code X-AlertResponder-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">}: the timestamp header's
 * value, a dot and the exact bytes of the body. A receiver recomputes it, compares it in constant time, and refuses
 * a timestamp more than five minutes away from its own clock, so that a recorded request cannot be replayed later.
 *
 * <h2>The answer</h2>
 * {@code 200} with {@code {"findings": [{"type": "host", "content": {...}}], "attributes": [...]}}; both lists are
 * optional. {@code 204}, or an empty body, means nothing found. A finding's {@code type} is {@code host},
 * {@code user}, {@code binary} or another lower-case word, its {@code content} an object; new attributes follow the
 * rules of an alert's attributes and are inspected in turn. At most 1 MiB, 1000 findings and 1000 attributes.
 *
 * <p>With {@code verify-answers: true} every {@code 2xx} answer must carry
 * {@code X-AlertResponder-Signature: sha256=<hex HMAC-SHA256 of "<request signature>.<answer body>">}, where the
 * request signature is the request's whole {@code X-AlertResponder-Signature} value: this binds the answer to the
 * one task it answers (the engine asks about many attributes at once). An empty answer signs
 * {@code "<request signature>."}.
 *
 * <h2>Failures</h2>
 * 3xx answers (redirects are not followed) and 4xx answers other than 408, 425 and 429 are permanent; 408, 425,
 * 429 and 5xx are retried, as are a refused connection and a request beyond {@code request-timeout}. An answer that is not JSON, is
 * of the wrong shape (the message names each wrong field, e.g. {@code findings[0].type}), is too large, or lacks a
 * required signature is permanent.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * inspectors:
 *   - name: asset-inventory
 *     type: http
 *     attribute-types: [ipaddr, username]
 *     options:
 *       url: "https://inventory.internal.example.org/alertresponder/inspect"
 *       secret: ${INVENTORY_SIGNING_KEY}
 *       headers: {Authorization: "Bearer ${INVENTORY_TOKEN}"}
 *       verify-answers: true
 *       request-timeout: 5s
 * }</pre>
 */
package org.alertresponder.plugins.http;
