/**
 * The emitter type {@code email}: one e-mail per publication, through an SMTP server
 * ({@link org.alertresponder.plugins.email.EmailEmitterFactory}).
 *
 * <h2>Options</h2>
 * <table>
 *   <caption>Options of the email emitter</caption>
 *   <tr><th>Option</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@code host}</td><td>(required)</td><td>The SMTP server.</td></tr>
 *   <tr><td>{@code port}</td><td>{@code 25}, or {@code 465} with {@code ssl: true}</td><td>Its port (587 for
 *       submission with STARTTLS).</td></tr>
 *   <tr><td>{@code starttls}</td><td>{@code required} with {@code username} (and {@code ssl: false}), else
 *       {@code optional}</td><td>{@code disabled}, {@code optional} (upgrade when the server offers it) or
 *       {@code required} (refuse to send in clear). With {@code username} and without {@code ssl}, only
 *       {@code required} is accepted unless {@code allow-plaintext-login} is true.</td></tr>
 *   <tr><td>{@code ssl}</td><td>{@code false}</td><td>TLS from the first byte (SMTPS, usually port 465).</td></tr>
 *   <tr><td>{@code username}</td><td>none</td><td>Log in with this user; the login is then required.</td></tr>
 *   <tr><td>{@code allow-plaintext-login}</td><td>{@code false}</td><td>Accept {@code starttls: optional} or
 *       {@code disabled} with a {@code username}, knowing that the password then goes in clear whenever the
 *       server does not offer STARTTLS (see below). No effect without {@code username} or with
 *       {@code ssl: true}.</td></tr>
 *   <tr><td>{@code password}</td><td>(required with {@code username})</td><td>A secret: write
 *       {@code ${SMTP_PASSWORD}} rather than the password itself. Never shown in logs or errors.</td></tr>
 *   <tr><td>{@code from}</td><td>(required)</td><td>The sender, {@code alerts@example.org} or
 *       {@code AlertResponder <alerts@example.org>}; also the envelope sender, and its domain ends every
 *       {@code Message-ID}.</td></tr>
 *   <tr><td>{@code to}</td><td>(required)</td><td>A list of recipients (one address may be written without a
 *       list).</td></tr>
 *   <tr><td>{@code cc}</td><td>none</td><td>More recipients, shown as {@code Cc}.</td></tr>
 *   <tr><td>{@code subject-prefix}</td><td>{@code [AlertResponder]}</td><td>Put before every subject; empty for
 *       none.</td></tr>
 *   <tr><td>{@code report-url}</td><td>none</td><td>A link to the report in the message, with {@code {id}} (and
 *       optionally {@code {version}}) in place of the report's id (and version).</td></tr>
 *   <tr><td>{@code connect-timeout}</td><td>{@code 10s}</td><td>How long connecting to the server may take.</td></tr>
 *   <tr><td>{@code reply-timeout}</td><td>{@code 20s}</td><td>How long the server may stay silent while a message
 *       is being sent before the connection is dropped. Keep it under the emitter's {@code timeout}.</td></tr>
 * </table>
 *
 * <h2>The message</h2>
 * Subject {@code <subject-prefix> <SEVERITY>: <rule name or id> (<detector>)}, e.g.
 * {@code [AlertResponder] URGENT: SSH brute force (guardduty)}, with every control character replaced by a space so
 * that no alert can add a header. The body is {@code multipart/alternative} with a plain-text and an HTML part of the
 * same content: the verdict and its reason, the report's id and version (and link), how many alerts and when, the
 * newest five alerts, the alerts' own attributes and what the inspectors found (at most ten lines each, see
 * {@link org.alertresponder.plugins.support.ReportDigest}). Every value in the HTML part is escaped.
 *
 * <p>Headers: {@code Message-ID: <report-id.vN@sender-domain>}, the same for every delivery of one version, so
 * that a delivery repeated by the engine (delivery is at-least-once) is recognisable as the same message; from
 * version 2 on, {@code In-Reply-To} and {@code References} name version 1's id, so that mail clients thread all
 * versions of one report; {@code Date} from the engine's clock; {@code X-AlertResponder-Report: <id>; version=N}
 * for mail filters.
 *
 * <h2>The login and TLS</h2>
 * With {@code starttls: optional} the mail client logs in (AUTH PLAIN or LOGIN, the password readable to anyone
 * on the way) whenever the server's EHLO reply does not offer STARTTLS; a man-in-the-middle only has to strip
 * that word from the reply. So with a {@code username} and without {@code ssl}, {@code starttls} defaults to
 * {@code required}, and {@code optional} or {@code disabled} stop start-up with a
 * {@link org.alertresponder.engine.spi.ConfigurationException} naming {@code starttls}, unless
 * {@code allow-plaintext-login: true} says the risk is accepted (a relay on the same host, say). With
 * {@code required}, a server that does not offer STARTTLS fails the delivery for good before anything is sent.
 * Certificates and host names are checked for both {@code ssl} and STARTTLS.
 *
 * <h2>Failures</h2>
 * An SMTP reply decides: 5xx (such as {@code 550} no such mailbox, {@code 554} rejected, {@code 535} bad login) is
 * permanent, 4xx (such as {@code 451} or {@code 421}) is retried. A server that cannot be reached, closes the
 * connection or stays silent beyond {@code reply-timeout} is retried. A server that does not offer what the options
 * require (STARTTLS, a login) fails for good; the message says so, for STARTTLS that it may be stripped on the
 * way. Every connection carries one message and ends with {@code QUIT}; the
 * mail client does not pool connections, since publications are minutes apart.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * emitters:
 *   - name: soc-mail
 *     type: email
 *     min-severity: unclassified
 *     options:
 *       host: smtp.example.org
 *       port: 587
 *       starttls: required          # the default with a username; the password never goes in clear
 *       username: alertresponder
 *       password: ${SMTP_PASSWORD}
 *       from: "AlertResponder <alerts@example.org>"
 *       to: [soc@example.org]
 *       report-url: "https://alerts.example.org/reports/{id}"
 * }</pre>
 */
package org.alertresponder.plugins.email;
