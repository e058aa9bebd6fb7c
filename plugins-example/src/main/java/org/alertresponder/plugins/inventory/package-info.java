/**
 * Inspector type {@code inventory}: what the organisation knows about its own hosts and people, read from
 * local files (an export of a CMDB, an asset spreadsheet, a directory dump).
 *
 * <h2>What it answers</h2>
 * <ul>
 *   <li>{@code ipaddr} in the asset inventory: one {@code host} finding per asset with that address, in
 *       deepalert's host shape ({@code ipaddr[]}, {@code hostname[]}, {@code owner[]}, {@code os[]}) plus
 *       {@code team[]}; and each asset's host names as new {@code domain} attributes (key
 *       {@code inventory hostname}, context {@code local}), so that correlation follows them.</li>
 *   <li>{@code domain} in the asset inventory (case-insensitive, a final dot ignored): the same findings,
 *       and the assets' addresses as new {@code ipaddr} attributes (key {@code inventory address}, context
 *       {@code local}).</li>
 *   <li>{@code username} in the user directory (case-insensitive): one {@code user} finding with the
 *       directory's fields ({@code username}, {@code name}, {@code email}, {@code team}, {@code title},
 *       {@code manager}, those that have a value).</li>
 *   <li>Anything the files do not know: an empty result. Another attribute type fails permanently.</li>
 *   <li>An attribute with the context word {@code dns}, which the {@code dns} inspector puts on everything
 *       it derives: an empty result, whatever the files list, unless {@code trust-dns} is true.</li>
 * </ul>
 * At most 100 assets and 100 new attributes come back from one lookup. Addresses and host names are
 * checked and put in the engine's canonical form when a file is read, so lookups are single hash-map
 * accesses and every new attribute is one the engine accepts.
 *
 * <h2>Options</h2>
 * <ul>
 *   <li>{@code assets} (list of paths, relative to the configuration's folder): asset files.</li>
 *   <li>{@code users} (list of paths): user directory files. At least one file in {@code assets} or
 *       {@code users} is required.</li>
 *   <li>{@code asset-fields} (map, default: each field under its own name): which column or field holds
 *       {@code ip}, {@code hostname}, {@code owner}, {@code os} and {@code team}, e.g.
 *       {@code {ip: "IP Address", hostname: fqdn}}.</li>
 *   <li>{@code user-fields} (map, default: each field under its own name): which column or field holds
 *       {@code username}, {@code name}, {@code email}, {@code team}, {@code title} and {@code manager}.</li>
 *   <li>{@code reload-interval} (default {@code 30s}; {@code 0s} reads the files once): how often each
 *       file's last-modified time and size are looked at; a file whose either changed is read again.</li>
 *   <li>{@code trust-dns} (default {@code false}): also match attributes with the context word
 *       {@code dns}. Leave it off unless you accept the risk below.</li>
 * </ul>
 *
 * <h2>Why DNS-derived attributes are not matched</h2>
 * A host name or address that came from DNS is what the zone's owner chose to publish, not something
 * observed. An attacker at 198.51.100.7 can set its PTR record to {@code dc01.corp.example.com}, and an
 * attacker's domain can have an A record pointing at 10.0.0.5. Matched against the inventory, either would
 * give the attacker's alert the asset's owner and team and a {@code local} address, and a rule such as "the
 * inventory knows the host, so it is safe" would clear the attack. The {@code dns} inspector only follows
 * forward-confirmed PTR names, but a forward answer cannot be confirmed at all, so the inventory ignores
 * everything marked {@code dns} by default. With {@code trust-dns: true} it matches them as well; do that
 * only when every zone the dns inspector can be led to is your own, and make policies that trust host
 * findings check where the attribute came from.
 *
 * <h2>Files</h2>
 * The extension says the format: {@code .csv} (a header row, then one record per row; RFC 4180 quoting),
 * {@code .json} (an array of objects) or {@code .jsonl} / {@code .ndjson} (one object per line). Column and
 * field names match case-insensitively. A JSON value may be a string, a number or a list of strings; in
 * CSV, {@code ip} and {@code hostname} cells may list several values separated by {@code ;} or spaces.
 * Each asset needs an address or a host name, each user a user name; other columns are ignored. When a host
 * name or address is listed by several assets, all of them answer; when a user name is listed twice, the
 * later entry (in the order of the options) wins.
 *
 * <h2>Failures</h2>
 * <ul>
 *   <li>At start-up, a missing file, a file without the needed columns (the {@code ip} or {@code hostname}
 *       column, the {@code username} column, or any column that a mapping option names), a value that is
 *       not an address or host name, or malformed CSV or JSON stops the engine with a
 *       {@link org.alertresponder.engine.spi.ConfigurationException} naming the option (such as
 *       {@code inspectors[0].options.assets[1]} or {@code inspectors[0].options.asset-fields.os}), the file
 *       and the line (or JSON item). A factory called on a Vert.x thread (when embedding) cannot wait for
 *       the files; there the same message fails its inspections, permanently.</li>
 *   <li>On reload, a file that cannot be read or parsed keeps the data read before and logs one warning
 *       (until it changes again). Messages name lines and columns but never quote the file's text.</li>
 * </ul>
 * Files are read through {@code vertx.fileSystem()} and parsed and indexed in {@code executeBlocking}, so no
 * event loop waits for them. Since the inspector answers from memory, set the engine's {@code cache-ttl}
 * to {@code 0s} for it: otherwise a reloaded inventory shows only once cached results expire.
 *
 * <h2>Configuration example</h2>
 * <pre>{@code
 * inspectors:
 *   - name: inventory
 *     type: inventory
 *     cache-ttl: 0s
 *     options:
 *       assets: [inventory/cmdb-export.csv, inventory/cloud-hosts.json]
 *       users: [inventory/directory.jsonl]
 *       asset-fields: {ip: "IP Address", hostname: FQDN, owner: "Owned By"}
 *       user-fields: {username: sAMAccountName, email: mail}
 *       reload-interval: 1m
 * }</pre>
 */
package org.alertresponder.plugins.inventory;
