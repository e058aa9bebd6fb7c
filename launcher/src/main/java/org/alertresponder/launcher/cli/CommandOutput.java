package org.alertresponder.launcher.cli;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

/** Shared output of the client commands: JSON or a table, and exit codes (0 ok, 1 failed). */
final class CommandOutput {
  private CommandOutput() {
  }

  static int print(ClientOptions options, String path, Map<String, String> query, boolean json,
                   Consumer<JsonObject> table) throws InterruptedException {
    try {
      ApiClient.Response response = options.client().get(path, query);
      if (!response.ok()) {
        System.err.println("error: " + response.problemDetail());
        return 1;
      }
      if (json) {
        System.out.println(ApiClient.pretty(response.body()));
      } else {
        table.accept(new JsonObject(response.body()));
      }
      return 0;
    } catch (IOException e) {
      System.err.println("error: " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
  }

  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
