/**
 * The emitter type {@code github}: a GitHub issue per report, holding the report in Markdown, opened by the first
 * version that is {@code urgent} or {@code unclassified}; every later version is a comment on that issue, and the
 * issue's title and severity label follow the severity of the latest version.
 *
 * <h2>Options</h2>
 * <table>
 *   <caption>Options of the github emitter</caption>
 *   <tr><th>Option</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@code repository}</td><td>required</td><td>{@code owner/name} of the repository.</td></tr>
 *   <tr><td>{@code token}</td><td>required</td><td>A token allowed to read and write the repository's issues (a
 *       fine-grained token with "Issues: read and write", or a GitHub App installation token). A secret: it is
 *       never quoted in an error or a failure.</td></tr>
 *   <tr><td>{@code api-url}</td><td>{@code https://api.github.com}</td><td>The REST API's root; GitHub Enterprise
 *       Server uses {@code https://<host>/api/v3}.</td></tr>
 *   <tr><td>{@code labels}</td><td>{@code [alertresponder]}</td><td>Labels of a new issue.</td></tr>
 *   <tr><td>{@code severity-labels}</td><td>{@code true}</td><td>Also label a new issue
 *       {@code severity:urgent} or {@code severity:unclassified}, and move that label when a later version has
 *       another severity ({@code severity:safe} for a safe one).</td></tr>
 *   <tr><td>{@code assignees}</td><td>{@code []}</td><td>User names a new issue is assigned to (at most 10).</td></tr>
 *   <tr><td>{@code close-when-safe}</td><td>{@code false}</td><td>When on, a safe version closes the issue (as
 *       completed) after commenting, and a later version that is not safe opens it again.</td></tr>
 *   <tr><td>{@code report-url}</td><td>none</td><td>A link template such as
 *       {@code https://console.example/reports/{id}}, linked from the issue.</td></tr>
 *   <tr><td>{@code request-timeout}</td><td>{@code 10s}</td><td>How long GitHub may take to answer one request.
 *       A delivery makes its requests one after another, up to seven (more when an issue has hundreds of
 *       comments), and waits for the delivery before it of the same report, so keep the emitter's
 *       {@code timeout} at several times this.</td></tr>
 * </table>
 *
 * <h2>What is sent</h2>
 * Every request carries {@code Accept: application/vnd.github+json}, {@code Authorization: Bearer <token>},
 * {@code X-GitHub-Api-Version: 2022-11-28} and {@code User-Agent: AlertResponder}.
 * <ul>
 *   <li>A version with no issue yet: {@code POST /repos/{owner}/{repo}/issues} with {@code title}
 *       ({@code "[urgent] <rule> (<detector>)"}), {@code body}, {@code labels} and {@code assignees}.</li>
 *   <li>A later version: {@code POST /repos/{owner}/{repo}/issues/{number}/comments} with {@code body}. When its
 *       severity is not the one the title ({@code [unclassified] ...}) or severity label says:
 *       {@code GET /repos/{owner}/{repo}/issues/{number}}, then {@code PATCH} of it with {@code title} (the
 *       {@code [severity]} tag replaced, the rest as people left it) and, with {@code severity-labels},
 *       {@code labels} (the labels as they are, the {@code severity:} one replaced); so a board filtered
 *       on {@code severity:urgent} shows an escalation. With {@code close-when-safe}, then
 *       {@code PATCH /repos/{owner}/{repo}/issues/{number}} with
 *       {@code {"state": "closed", "state_reason": "completed"}} or {@code {"state": "open"}}.</li>
 *   <li>A safe version of a report that never was anything but safe: nothing. A safe version whose issue cannot be
 *       found: nothing either (no issue is opened to say that all is well).</li>
 * </ul>
 * The body is Markdown: the severity and the version, the reason, the rule, detector, alert key, report id (and
 * link), the alerts (time and description), the alerts' own attributes, every finding per attribute and inspector
 * (its JSON in a collapsed {@code <details>} block), the inspections that failed or timed out, and the verdict
 * history. The whole body, issue or comment, stays within GitHub's 65,536 characters, counted as sent (fences
 * and escaped pipes included): tables show at most 50 rows and cells at most 300 characters (600 for a
 * description), a finding at most 8,000, and the findings that do not fit in what the rest leaves are counted
 * instead. When that is still too long, the body is written again with 20, 10 and then 2 rows a table and
 * shorter cells; a report too large even then gets a short body with the verdict and where the report is. A
 * body over the limit is never sent. Text from alerts is quoted as code, so that an alert cannot mention a team
 * ({@code @org/team}), link an issue, render HTML or an image, or break a table.
 *
 * <h2>Finding the issue again: idempotent delivery</h2>
 * The first line of every body is a hidden marker,
 * {@code <!-- alertresponder:report=<id> version=<n> -->}. Before posting, the emitter finds the report's issue:
 * <ol>
 *   <li>in memory (the last 10,000 reports), which saves the lookups while the process runs;</li>
 *   <li>among the repository's issues updated since the report was created
 *       ({@code GET /repos/{owner}/{repo}/issues?state=all&sort=created&direction=desc&per_page=100&since=...}),
 *       a listing that is up to date the moment an issue is created, so a delivery retried after a lost answer
 *       finds the issue its first attempt opened;</li>
 *   <li>for a later version, or when the listing is a full page of 100 (a busy repository), through the search
 *       ({@code GET /search/issues?q=repo:{owner}/{repo} in:body "alertresponder:report=<id>"}), which finds
 *       issues of any age but is indexed with a delay (and limited to 30 requests a minute, hence last).</li>
 * </ol>
 * An issue counts only when its body starts with the report's marker, so a pull request or an issue quoting one
 * does not. A version whose marker already starts the issue or one of its comments (read with
 * {@code GET /repos/{owner}/{repo}/issues/{number}/comments?per_page=100&since=...}, following up to 10 pages) is
 * not posted again: a retried delivery changes nothing, even after a restart. Only the comments of the issue's
 * author (the token's account) count, so that nobody else can hold back a version with a comment that starts
 * with its marker; after the token is changed to another account, a retried version may be commented twice.
 *
 * <h2>Order of versions</h2>
 * The deliveries of one report run one after another: a version waits until the delivery before it has ended,
 * so two versions in flight at once cannot both miss the issue and open one each. A version older than one
 * already delivered changes nothing, and its delivery succeeds: a late version 1 (replayed from the dead letters,
 * or a retry that an engine timeout did not stop) would otherwise comment an outdated verdict and re-open an issue
 * that a safe version 2 closed. The emitter remembers the highest version delivered, in memory, for the last
 * 10,000 reports; that does not survive a restart, but then a newer version's marker on the issue (its body, or a
 * comment of its author) tells the same.
 *
 * <h2>Failures</h2>
 * GitHub answers {@code 201 Created} with the issue ({@code number}, {@code html_url}, ...). {@code 401} (bad
 * token), {@code 403} (no permission), {@code 404} (no such repository, or no access) and {@code 422} (validation
 * failed) are permanent. A {@code 403} caused by a rate limit ({@code x-ratelimit-remaining: 0}, a
 * {@code retry-after} header, or a "rate limit" message, as GitHub documents its primary and secondary limits),
 * {@code 429}, {@code 5xx}, a timeout and a refused connection are retryable; the failure says when the limit
 * resets. A 2xx answer that is not the documented JSON (an issue creation answered without the number, a
 * listing that is not a list) is retryable: the issue was probably created, and the next attempt finds it by its
 * marker instead of opening another. When GitHub answers {@code 404}, {@code 410} or a redirect ({@code 301}, for
 * an issue transferred to another repository) for an issue the emitter remembered, the issue is looked up once
 * more as above, and a new one is opened when none is found (unless the version is safe). Failure messages never
 * hold the token.
 *
 * <h2>Configuration</h2>
 * <pre>{@code
 * emitters:
 *   - name: github-triage
 *     type: github             # no min-severity: safe versions comment on (and may close) their issue
 *     timeout: 60s
 *     options:
 *       repository: acme/security-alerts
 *       token: ${GITHUB_TOKEN}
 *       labels: [alertresponder, triage]
 *       assignees: [oncall-analyst]
 *       close-when-safe: true
 *       report-url: https://alertresponder.example/reports/{id}
 * }</pre>
 */
package org.alertresponder.plugins.github;
