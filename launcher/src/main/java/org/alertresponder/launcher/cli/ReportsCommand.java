package org.alertresponder.launcher.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code reports list|show ID}. */
@Command(name = "reports", mixinStandardHelpOptions = true, description = "Lists reports or shows one.",
    subcommands = {ReportsCommand.ListReports.class, ReportsCommand.ShowReport.class})
public final class ReportsCommand extends CommandGroup {

  /** {@code reports list}: a table of report headers, newest first. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists reports, newest first.")
  public static final class ListReports implements Callable<Integer> {
    @Option(names = "--status", description = "open, reviewing or published") String status;
    @Option(names = "--severity", description = "safe, unclassified or urgent") String severity;
    @Option(names = "--detector", description = "only this detector") String detector;
    @Option(names = "--since", description = "created at or after (RFC 3339)") String since;
    @Option(names = "--until", description = "created before (RFC 3339)") String until;
    @Option(names = "--limit", description = "page size, 1 to 1000") String limit;
    @Option(names = "--cursor", description = "next_cursor of the previous page") String cursor;
    @Option(names = "--json", description = "print the API's JSON instead of a table") boolean json;
    @Mixin ClientOptions client;

    @Override
    public Integer call() throws Exception {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("status", status);
      query.put("severity", severity);
      query.put("detector", detector);
      query.put("since", since);
      query.put("until", until);
      query.put("limit", limit);
      query.put("cursor", cursor);
      return CommandOutput.print(client, "api/v1/reports", query, json, page -> {
        JsonArray items = page.getJsonArray("items");
        System.out.printf("%-36s  %-9s  %3s  %-12s  %6s  %-20s  %s%n", "ID", "STATUS", "VER", "SEVERITY", "ALERTS",
            "CREATED", "DETECTOR / RULE");
        for (Object item : items) {
          JsonObject header = (JsonObject) item;
          JsonObject result = header.getJsonObject("result");
          System.out.printf("%-36s  %-9s  %3d  %-12s  %6d  %-20s  %s / %s%n", header.getString("id"),
              header.getString("status"), header.getInteger("version"),
              result == null ? "-" : result.getString("severity"), header.getInteger("alert_count"),
              header.getString("created_at"), header.getString("detector"), header.getString("rule_id"));
        }
        if (page.getString("next_cursor") != null) {
          System.out.println("more: --cursor " + page.getString("next_cursor"));
        }
      });
    }
  }

  /** {@code reports show ID}: the full report. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one report in full (JSON).")
  public static final class ShowReport implements Callable<Integer> {
    @Parameters(paramLabel = "ID") String id;
    @Option(names = "--published", paramLabel = "VERSION",
        description = "show that published version instead of the current state") String version;
    @Mixin ClientOptions client;

    @Override
    public Integer call() throws IOException, InterruptedException {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("version", version);
      return CommandOutput.print(client, "api/v1/reports/" + CommandOutput.segment(id), query, true, page -> { });
    }
  }
}
