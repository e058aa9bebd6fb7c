package org.alertresponder.plugins.inventory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the inventory files said when they were last read, indexed so that each lookup is one hash-map
 * access. Immutable: a reload builds a new one and swaps it in whole, so an inspection never sees half
 * of a reload.
 */
final class Inventory {
  static final Inventory EMPTY = new Inventory(Map.of(), Map.of(), Map.of(), 0, 0);

  private final Map<String, List<Asset>> assetsByIp;
  private final Map<String, List<Asset>> assetsByHostname;
  private final Map<String, DirectoryUser> usersByName;
  private final int assetCount;
  private final int userCount;

  private Inventory(Map<String, List<Asset>> assetsByIp, Map<String, List<Asset>> assetsByHostname,
                    Map<String, DirectoryUser> usersByName, int assetCount, int userCount) {
    this.assetsByIp = assetsByIp;
    this.assetsByHostname = assetsByHostname;
    this.usersByName = usersByName;
    this.assetCount = assetCount;
    this.userCount = userCount;
  }

  /**
   * Indexes the files' records, in the order of the options. An address or host name listed by several
   * assets finds all of them; a user name listed twice finds the later entry, so that a second file can
   * correct the first.
   */
  static Inventory of(List<ParsedFile> files) {
    Map<String, List<Asset>> byIp = new HashMap<>();
    Map<String, List<Asset>> byHostname = new HashMap<>();
    Map<String, DirectoryUser> users = new HashMap<>();
    int assets = 0;
    for (ParsedFile file : files) {
      for (Asset asset : file.assets()) {
        assets++;
        for (String ip : asset.ips()) {
          addOnce(byIp, ip, asset);
        }
        for (String hostname : asset.hostnames()) {
          addOnce(byHostname, hostname, asset);
        }
      }
      for (DirectoryUser user : file.users()) {
        users.put(userKey(user.username()), user);
      }
    }
    return new Inventory(freeze(byIp), freeze(byHostname), Map.copyOf(users), assets, users.size());
  }

  List<Asset> assetsWithIp(String canonicalIp) {
    return assetsByIp.getOrDefault(canonicalIp, List.of());
  }

  List<Asset> assetsNamed(String hostname) {
    return assetsByHostname.getOrDefault(hostKey(hostname), List.of());
  }

  DirectoryUser user(String username) {
    return usersByName.get(userKey(username));
  }

  int assetCount() {
    return assetCount;
  }

  int userCount() {
    return userCount;
  }

  /** Host names match case-insensitively and with or without their final dot. */
  static String hostKey(String hostname) {
    String lower = hostname.trim().toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  /** User names match case-insensitively, as directories such as Active Directory do. */
  static String userKey(String username) {
    return username.trim().toLowerCase(Locale.ROOT);
  }

  private static void addOnce(Map<String, List<Asset>> index, String key, Asset asset) {
    List<Asset> list = index.computeIfAbsent(key, k -> new ArrayList<>(1));
    // An asset naming one address twice is still one asset.
    if (list.isEmpty() || list.get(list.size() - 1) != asset) {
      list.add(asset);
    }
  }

  private static Map<String, List<Asset>> freeze(Map<String, List<Asset>> index) {
    Map<String, List<Asset>> frozen = new HashMap<>(index.size() * 4 / 3 + 1);
    index.forEach((key, value) -> frozen.put(key, List.copyOf(value)));
    return Map.copyOf(frozen);
  }
}
