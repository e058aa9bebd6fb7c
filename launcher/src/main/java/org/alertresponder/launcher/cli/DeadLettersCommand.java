package org.alertresponder.launcher.cli;

import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code dead-letters list|replay ID}. */
@Command(name = "dead-letters", mixinStandardHelpOptions = true,
    description = "Lists deliveries that exhausted their attempts, or sends one again.",
    subcommands = {DeadLettersCommand.ListDeadLetters.class, DeadLettersCommand.Replay.class})
public final class DeadLettersCommand extends CommandGroup {

  /** {@code dead-letters list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists dead letters, oldest first.")
  public static final class ListDeadLetters implements Callable<Integer> {
    @Option(names = "--limit", description = "page size, 1 to 1000") String limit;
    @Option(names = "--cursor", description = "next_cursor of the previous page") String cursor;
    @Option(names = "--json", description = "print the API's JSON instead of a table") boolean json;
    @Mixin ClientOptions client;

    @Override
    public Integer call() throws IOException, InterruptedException {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("limit", limit);
      query.put("cursor", cursor);
      return CommandOutput.print(client, "api/v1/dead-letters", query, json, page -> {
        System.out.printf("%-60s  %8s  %s%n", "ID", "ATTEMPTS", "LAST ERROR");
        for (Object item : page.getJsonArray("items")) {
          JsonObject letter = (JsonObject) item;
          System.out.printf("%-60s  %8d  %s%n", letter.getString("id"), letter.getInteger("attempts"),
              letter.getString("last_error"));
        }
        if (page.getString("next_cursor") != null) {
          System.out.println("more: --cursor " + page.getString("next_cursor"));
        }
      });
    }
  }

  /** {@code dead-letters replay ID}. */
  @Command(name = "replay", mixinStandardHelpOptions = true, description = "Sends a dead letter again.")
  public static final class Replay implements Callable<Integer> {
    @Parameters(paramLabel = "ID") String id;
    @Mixin ClientOptions client;

    @Override
    public Integer call() throws IOException, InterruptedException {
      ApiClient api;
      try {
        api = client.client();
      } catch (IllegalArgumentException e) {
        System.err.println("error: " + e.getMessage());
        return 2;
      }
      ApiClient.Response response = api.post("api/v1/dead-letters/" + CommandOutput.segment(id) + "/replay",
          new byte[0]);
      if (response.ok()) {
        System.out.println("replayed " + id);
        return 0;
      }
      System.err.println("error: " + response.problemDetail());
      return 1;
    }
  }
}
