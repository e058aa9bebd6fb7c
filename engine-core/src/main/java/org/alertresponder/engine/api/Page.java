package org.alertresponder.engine.api;

import java.util.List;

/**
 * One page of results.
 *
 * @param nextCursor pass it to the next query to continue, or null on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {
  public Page {
    items = List.copyOf(items);
  }
}
