/**
 * The emitter type {@code file}: every publication as one line of JSON in a file that rotates by size
 * ({@link org.alertresponder.plugins.file.FileEmitterFactory}), for a SIEM's file collector, {@code jq}, or an
 * archive.
 *
 * <h2>Options</h2>
 * <table>
 *   <caption>Options of the file emitter</caption>
 *   <tr><th>Option</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@code path}</td><td>(required)</td><td>The file; a relative path is relative to the configuration
 *       file's folder. Missing folders are created.</td></tr>
 *   <tr><td>{@code max-size}</td><td>{@code 100MiB}</td><td>The file is rotated before a line would make it larger:
 *       a number of bytes or a size with a unit ({@code KiB}, {@code MiB}, {@code GiB}; {@code KB}, {@code MB},
 *       {@code GB} are powers of 1000), at least {@code 1KiB}. A single line larger than this is written alone in
 *       its file rather than dropped.</td></tr>
 *   <tr><td>{@code max-files}</td><td>{@code 5}</td><td>Rotated files kept: {@code path.1} (the newest) to
 *       {@code path.5}; the oldest is deleted when the next rotation needs its place.</td></tr>
 *   <tr><td>{@code fsync}</td><td>{@code false}</td><td>Force every line to the disk before the delivery counts
 *       as done; slower, but a power cut loses no publication the engine considers delivered.</td></tr>
 * </table>
 *
 * <h2>What it writes</h2>
 * One line per publication: the report in its wire form ({@link org.alertresponder.engine.api.ReportCodec#encode}),
 * the same JSON the API returns, followed by {@code \n}. Lines are written whole, one at a time, from a worker thread.
 *
 * <p>Delivery is at-least-once: after a crash or a retry the same publication may appear twice (also across a
 * rotation). A consumer deduplicates on {@code (id, version)}. Only one emitter (and one server) may write a given
 * file; two servers writing one file on a shared disk would interleave.
 *
 * <h2>Failures</h2>
 * Every write failure (a full disk, a missing permission, a path that is a folder) is retryable: the operator can
 * fix it, and the engine retries with backoff until {@code emission.max-attempts}, then dead-letters the delivery.
 * A line a full disk cut short is truncated away again, so that the file stays made of whole lines.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * emitters:
 *   - name: archive
 *     type: file
 *     options:
 *       path: data/reports.jsonl
 *       max-size: 50MiB
 *       max-files: 10
 * }</pre>
 */
package org.alertresponder.plugins.file;
