package org.alertresponder.plugins.inventory;

import java.util.List;

/** The records of one inventory file: assets or users (the other list is empty). */
record ParsedFile(List<Asset> assets, List<DirectoryUser> users) {
  static final ParsedFile EMPTY = new ParsedFile(List.of(), List.of());

  ParsedFile {
    assets = List.copyOf(assets);
    users = List.copyOf(users);
  }
}
