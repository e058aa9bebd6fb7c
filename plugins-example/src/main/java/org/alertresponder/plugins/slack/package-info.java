/**
 * The emitter type {@code slack}: each publication becomes one message in a Slack channel, posted to an
 * <a href="https://api.slack.com/messaging/webhooks">incoming webhook</a> as Block Kit.
 *
 * <h2>Options</h2>
 * <table>
 *   <caption>Options of the slack emitter</caption>
 *   <tr><th>Option</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@code webhook-url}</td><td>required</td><td>The webhook's URL,
 *       {@code https://hooks.slack.com/services/...}. Its path is a token that lets anyone post to the channel,
 *       so it is a secret: keep it in an environment variable, it is never quoted in an error or a failure.</td></tr>
 *   <tr><td>{@code username}</td><td>none</td><td>The {@code username} field; honoured by legacy webhooks only
 *       (an app's webhook posts as the app).</td></tr>
 *   <tr><td>{@code icon-emoji}</td><td>none</td><td>The {@code icon_emoji} field, such as {@code :rotating_light:};
 *       legacy webhooks only.</td></tr>
 *   <tr><td>{@code channel}</td><td>none</td><td>The {@code channel} field, such as {@code #security-alerts};
 *       legacy webhooks only (an app's webhook posts to the channel it was created for).</td></tr>
 *   <tr><td>{@code report-url}</td><td>none</td><td>A link template such as
 *       {@code https://console.example/reports/{id}} ({@code {version}} is also replaced); when set, the message
 *       ends with an "Open report" button.</td></tr>
 *   <tr><td>{@code request-timeout}</td><td>{@code 10s}</td><td>How long Slack may take to answer.</td></tr>
 * </table>
 *
 * <h2>What is sent</h2>
 * {@code POST <webhook-url>} with {@code Content-Type: application/json} and a body of:
 * <ul>
 *   <li>{@code text}: the fallback Slack shows in notifications, {@code "Urgent: <rule> (<detector>) — <reason>"};</li>
 *   <li>{@code blocks}: a {@code header} with the severity and the title; a {@code section} with the reason; a
 *       {@code section} whose {@code fields} are the alerts' own attributes (the last field counts those left out);
 *       a {@code section} listing what the inspectors found; a {@code context} with the version, the number of
 *       alerts, first and last seen (as Slack date tokens, shown in each reader's time zone) and the report id;
 *       an {@code actions} block with the link button when {@code report-url} is set;</li>
 *   <li>{@code username}, {@code icon_emoji}, {@code channel} when configured.</li>
 * </ul>
 * Every text stays within Block Kit's limits (a header's text at most 150 characters, a section's 3000, at most
 * 10 fields of 2000 each), cut with an ellipsis, so that Slack never refuses a large report as
 * {@code invalid_blocks}. Text from alerts is escaped as Slack documents ({@code &amp;}, {@code &lt;},
 * {@code &gt;}), so that an alert holding {@code <!channel>} or {@code <https://evil|click>} neither pings the
 * channel nor shows a disguised link.
 *
 * <h2>Failures</h2>
 * Slack answers {@code 200 ok}. {@code 400 invalid_payload}/{@code invalid_blocks}, {@code 403}, {@code 404
 * no_service}/{@code channel_not_found} and {@code 410 channel_is_archived} are permanent: the delivery goes to
 * the dead letters at once, since sending it again gets the same answer. {@code 429} (its {@code Retry-After} is
 * quoted in the failure), {@code 5xx}, a timeout and a refused connection are retryable: the engine tries again
 * with backoff. Failure messages never hold the webhook URL, not even the path Vert.x names in its timeout
 * message.
 *
 * <p>Incoming webhooks have no idempotency key: a delivery retried after Slack took it but the answer was lost
 * posts the message twice. The context line names the report and the version, so a reader can tell.
 *
 * <h2>Configuration</h2>
 * <pre>{@code
 * emitters:
 *   - name: slack-soc
 *     type: slack
 *     min-severity: unclassified
 *     options:
 *       webhook-url: ${SLACK_WEBHOOK_URL}
 *       report-url: https://alertresponder.example/reports/{id}
 *       request-timeout: 10s
 * }</pre>
 */
package org.alertresponder.plugins.slack;
