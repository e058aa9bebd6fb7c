/**
 * Inspector type {@code dns}: forward and reverse lookups through one DNS server, with the Vert.x DNS
 * client.
 *
 * <h2>What it answers</h2>
 * <ul>
 *   <li>{@code ipaddr}: a PTR query ({@code 7.113.0.203.in-addr.arpa} for 203.0.113.7, the nibbles under
 *       {@code ip6.arpa} for IPv6). The name found comes back as a {@code host} finding
 *       {@code {"hostname": [...]}} and as a new {@code domain} attribute (key {@code PTR record}) with the
 *       inspected attribute's context. The Vert.x 5.0 client returns the first PTR record only.</li>
 *   <li>{@code domain}: A and AAAA queries, sent together. The addresses (IPv6 in RFC 5952 form, at most
 *       {@code max-answers}, A records first) come back as a {@code host} finding {@code {"ipaddr": [...]}}
 *       and as new {@code ipaddr} attributes (keys {@code A record}, {@code AAAA record}) with the inspected
 *       attribute's context.</li>
 * </ul>
 * Private and loopback values are inspected like any other. A value the engine would refuse as a new
 * attribute (a PTR name that is not a host name) is left out, and so is a value equal to the inspected one.
 *
 * <h2>Options</h2>
 * <ul>
 *   <li>{@code server} (default: the first usable {@code nameserver} of {@code /etc/resolv.conf}, read
 *       without blocking, else {@code 127.0.0.1}): the IPv4 or IPv6 address of the DNS server.</li>
 *   <li>{@code port} (default {@code 53}).</li>
 *   <li>{@code query-timeout} (default {@code 5s}): how long one query waits for its answer. Keep it under
 *       the inspector's {@code timeout}.</li>
 *   <li>{@code max-answers} (default {@code 10}, 1 to 100): addresses kept per name.</li>
 *   <li>{@code reverse} (default {@code true}): look addresses up; when false, {@code ipaddr} attributes get
 *       an empty result.</li>
 *   <li>{@code forward} (default {@code true}): look names up; when false, {@code domain} attributes get an
 *       empty result. One of the two must be on.</li>
 * </ul>
 *
 * <h2>Failures</h2>
 * <ul>
 *   <li>NXDOMAIN, or an answer without records: an empty result, not a failure.</li>
 *   <li>SERVFAIL, REFUSED, no answer within {@code query-timeout}, or a socket error: retryable; the
 *       engine tries again with backoff. One failing query of the A/AAAA pair fails the inspection, so that a
 *       partial answer is not cached as the whole one.</li>
 *   <li>FORMERR and NOTIMP, a value that is not an address or a host name, or another attribute type:
 *       permanent.</li>
 *   <li>A {@code server} that is not an address, a port or number out of range, a zero
 *       {@code query-timeout}, or both lookups off: a
 *       {@link org.alertresponder.engine.spi.ConfigurationException} at start-up naming the option.</li>
 * </ul>
 *
 * <h2>Configuration example</h2>
 * <pre>{@code
 * inspectors:
 *   - name: dns
 *     type: dns
 *     attribute-types: [ipaddr, domain]
 *     timeout: 15s
 *     options:
 *       server: 10.0.0.2
 *       query-timeout: 3s
 *       max-answers: 5
 * }</pre>
 */
package org.alertresponder.plugins.dns;
