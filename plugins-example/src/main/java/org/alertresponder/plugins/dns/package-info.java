/**
 * Inspector type {@code dns}: forward and reverse lookups through one DNS server, with the Vert.x DNS
 * client.
 *
 * <h2>What it answers</h2>
 * <ul>
 *   <li>{@code ipaddr}: a PTR query ({@code 7.113.0.203.in-addr.arpa} for 203.0.113.7, the nibbles under
 *       {@code ip6.arpa} for IPv6). The name found is then forward-confirmed: an A query for an IPv4
 *       address, an AAAA query for an IPv6 one, and the name counts only when its addresses include the
 *       inspected one. A confirmed name comes back as a {@code host} finding {@code {"hostname": [...]}} and
 *       as a new {@code domain} attribute (key {@code PTR record}). A name that does not lead back comes back
 *       in the finding only, as {@code {"unconfirmed_hostname": [...]}}, and never as an attribute. The
 *       Vert.x 5.0 client returns the first PTR record only.</li>
 *   <li>{@code domain}: A and AAAA queries, sent together. The addresses (IPv6 in RFC 5952 form, at most
 *       {@code max-answers}, A records first) come back as a {@code host} finding {@code {"ipaddr": [...]}}
 *       and as new {@code ipaddr} attributes (keys {@code A record}, {@code AAAA record}).</li>
 * </ul>
 * Every new attribute carries the inspected attribute's context words plus {@code dns}
 * ({@link org.alertresponder.plugins.dns.DnsInspectorFactory#DNS_CONTEXT}), added once: an attribute
 * from {@code remote} becomes {@code [remote, dns]}. A value whose context already holds the most words the
 * engine allows (16) and so cannot take {@code dns} is in the finding only. Private and loopback values are
 * inspected like any other. A value the engine would refuse as a new attribute (a PTR name that is not a
 * host name) is left out, and so is a value equal to the inspected one.
 *
 * <h2>Why DNS answers are marked and PTR names confirmed</h2>
 * DNS answers are whatever the owner of a zone chose to publish, not something observed. The owner of an
 * address range writes its PTR records: an attacker at 198.51.100.7 can make its PTR name
 * {@code dc01.corp.example.com}, and an attacker's domain can have an A record pointing at an internal
 * address such as 10.0.0.5. Followed blindly, such a name or address matches an internal asset (the
 * {@code inventory} inspector adds its owner and team and the {@code local} context), and a rule such as
 * "the inventory knows the host, so it is safe" clears the attack. Forward confirmation stops the first
 * trick, since only the owner of {@code corp.example.com} can make that name lead back to the attacker's
 * address; the {@code dns} context word lets policies and other inspectors tell every DNS-derived value from
 * an observed one (the {@code inventory} inspector ignores them unless told {@code trust-dns: true}). A
 * policy that trusts host facts should check that the attribute they came from has no {@code dns} word.
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
 *   <li>{@code forward-confirm} (default {@code true}): keep a PTR name only when its A (for IPv4) or AAAA
 *       (for IPv6) records include the inspected address; others are reported as
 *       {@code unconfirmed_hostname} without a new attribute. When false, any PTR name becomes a new
 *       attribute (still marked {@code dns}), which lets whoever controls the address's reverse zone choose
 *       the host name correlation follows: only for addresses whose reverse zones you trust.</li>
 * </ul>
 *
 * <h2>Failures</h2>
 * <ul>
 *   <li>NXDOMAIN, or an answer without records: an empty result, not a failure.</li>
 *   <li>SERVFAIL, REFUSED, no answer within {@code query-timeout}, or a socket error: retryable; the
 *       engine tries again with backoff. One failing query of the A/AAAA pair, or a failing confirmation
 *       query of a PTR name, fails the inspection, so that a partial answer is not cached as the whole
 *       one.</li>
 *   <li>FORMERR and NOTIMP, a value that is not an address or a host name, or another attribute type:
 *       permanent.</li>
 *   <li>A {@code server} that is not an address, a port or number out of range, a zero
 *       {@code query-timeout}, a {@code reverse}, {@code forward} or {@code forward-confirm} that is not
 *       true or false, or both lookups off: a
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
 *       forward-confirm: true   # the default: follow only PTR names that lead back
 * }</pre>
 */
package org.alertresponder.plugins.dns;
