package org.alertresponder.launcher.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code submit FILE|-}: posts one alert or an array of alerts to a running server. */
@Command(name = "submit", mixinStandardHelpOptions = true,
    description = {"Posts alerts (one JSON object, an array, or an SNS notification) to a running server.",
        "Prints the receipt: the report each alert joined."})
public final class SubmitCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE|-", description = "A JSON file, or - to read standard input.")
  String file;

  @Mixin
  ClientOptions client;

  @Override
  public Integer call() throws Exception {
    byte[] body;
    try {
      body = "-".equals(file) ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
    } catch (NoSuchFileException e) {
      System.err.println("error: no such file: " + file);
      return 2;
    } catch (IOException e) {
      System.err.println("error: cannot read " + file + ": " + e.getMessage());
      return 2;
    }
    try {
      ApiClient.Response response = client.client().post("api/v1/alerts", body);
      if (response.ok()) {
        System.out.println(ApiClient.pretty(response.body()));
        return 0;
      }
      System.err.println("error: " + response.problemDetail());
      System.err.println(ApiClient.pretty(response.body()));
      return 1;
    } catch (IOException e) {
      System.err.println("error: " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
  }
}
