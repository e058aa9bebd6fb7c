package org.alertresponder.launcher.config;

import java.util.List;
import java.util.Set;

/**
 * The HTTP server's settings.
 *
 * @param bodyLimit  largest request body in bytes (413 beyond)
 * @param maxBatch   most alerts in one request
 * @param requestLog log one line per request (method, path, status, time, token name; never bodies)
 * @param instances  HTTP server verticles (event loops serving requests)
 * @param console    serve the web console at {@code /} (its pages hold no data; the API behind it asks for tokens)
 */
public record HttpSettings(String host, int port, Auth auth, long bodyLimit, int maxBatch, boolean requestLog,
                           int instances, boolean console) {

  /** Bearer tokens, or none (explicitly, or by default on a loopback address). */
  public record Auth(boolean required, List<Token> tokens) {
    public Auth {
      tokens = List.copyOf(tokens);
    }

    public static Auth none() {
      return new Auth(false, List.of());
    }
  }

  /**
   * A token the server accepts. Only its SHA-256 is kept in memory; its value is never logged.
   *
   * @param name   shown in request logs instead of the token
   * @param scopes {@code read} and/or {@code write}
   */
  public record Token(String name, Set<String> scopes, byte[] sha256) {
    public Token {
      scopes = Set.copyOf(scopes);
      sha256 = sha256.clone();
    }

    @Override
    public byte[] sha256() {
      return sha256.clone();
    }

    @Override
    public String toString() {
      return "Token[name=" + name + ", scopes=" + scopes + "]";
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Token token && name.equals(token.name) && scopes.equals(token.scopes)
          && java.util.Arrays.equals(sha256, token.sha256);
    }

    @Override
    public int hashCode() {
      return name.hashCode();
    }
  }
}
