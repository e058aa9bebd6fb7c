package org.alertresponder.adapter.local.sqlite;

/** The store file cannot be used: named, with the reason and what to do. */
public final class StoreUnavailableException extends RuntimeException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreUnavailableException(String message) {
    super(message);
  }
}
