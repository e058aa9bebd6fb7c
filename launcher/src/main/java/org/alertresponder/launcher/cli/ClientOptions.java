package org.alertresponder.launcher.cli;

import picocli.CommandLine.Option;

/** Where the server is and which environment variable holds the token (never the token itself). */
public final class ClientOptions {
  @Option(names = "--url", description = "The server's base URL (default: $ALERTRESPONDER_URL or "
      + "http://127.0.0.1:8080).")
  String url;

  @Option(names = "--token-env", defaultValue = "ALERTRESPONDER_TOKEN",
      description = "The environment variable holding the API token (default: ${DEFAULT-VALUE}).")
  String tokenEnv;

  ApiClient client() {
    String chosen = url != null ? url : System.getenv().getOrDefault("ALERTRESPONDER_URL", "http://127.0.0.1:8080");
    return new ApiClient(chosen, System.getenv(tokenEnv));
  }
}
