package org.alertresponder.launcher.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import org.alertresponder.launcher.config.HttpSettings;
import org.alertresponder.launcher.config.LauncherConfigBinder;

import java.security.MessageDigest;

/**
 * Bearer-token authentication with {@code read} and {@code write} scopes. A presented token is hashed
 * and compared with every configured hash in constant time (all of them, whatever matched), so timing
 * tells nothing about the tokens; tokens never reach a log.
 */
public final class BearerAuth {
  /** The routing-context key holding the name of the authenticated token (for request logs). */
  public static final String PRINCIPAL = "alertresponder.principal";
  /** The routing-context key holding the scopes of the authenticated token, as a {@code Set<String>}. */
  public static final String SCOPES = "alertresponder.scopes";
  private static final java.util.Set<String> ALL_SCOPES = java.util.Set.of("read", "write");

  private final HttpSettings.Auth auth;

  public BearerAuth(HttpSettings.Auth auth) {
    this.auth = auth;
  }

  /**
   * A handler that lets the request through only with a token holding {@code scope}. It is a security
   * policy handler so that vertx-web runs it before the body is read: a request without a valid token
   * never gets to upload a body.
   */
  public SecurityPolicyHandler require(String scope) {
    return context -> {
      if (!auth.required()) {
        context.put(SCOPES, ALL_SCOPES);
        context.next();
        return;
      }
      String header = context.request().getHeader("Authorization");
      if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
        context.response().putHeader("WWW-Authenticate", "Bearer realm=\"alertresponder\"");
        Problem.of(401, "unauthorized", "Unauthorized",
            "send a token in the Authorization header: Authorization: Bearer <token>").send(context);
        return;
      }
      HttpSettings.Token token = match(header.substring(7).trim());
      if (token == null) {
        context.response().putHeader("WWW-Authenticate", "Bearer realm=\"alertresponder\", error=\"invalid_token\"");
        Problem.of(401, "unauthorized", "Unauthorized", "the token is not one this server accepts").send(context);
        return;
      }
      context.put(PRINCIPAL, token.name());
      context.put(SCOPES, token.scopes());
      if (scope != null && !token.scopes().contains(scope)) {
        Problem.of(403, "forbidden", "Forbidden", "token " + token.name() + " lacks the " + scope + " scope")
            .send(context);
        return;
      }
      context.next();
    };
  }

  /** As {@link #require}, for any token the server accepts, whatever its scopes. */
  public SecurityPolicyHandler identify() {
    return require(null);
  }

  /** Whether requests need a token at all. */
  public boolean required() {
    return auth.required();
  }

  private HttpSettings.Token match(String presented) {
    byte[] digest = LauncherConfigBinder.sha256(presented);
    HttpSettings.Token found = null;
    for (HttpSettings.Token token : auth.tokens()) {
      if (MessageDigest.isEqual(digest, token.sha256()) && found == null) {
        found = token;
      }
    }
    return found;
  }
}
