package org.alertresponder.launcher.cli;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/** The CLI's HTTP client for a running server. The token is sent, never printed. */
final class ApiClient {
  /** A response: status and body text. */
  record Response(int status, String body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The problem's detail (or the raw body) for an error message. */
    String problemDetail() {
      try {
        JsonObject problem = new JsonObject(body);
        String detail = problem.getString("detail", body);
        return problem.getInteger("status", status) + " " + problem.getString("title", "") + ": " + detail;
      } catch (RuntimeException e) {
        return status + ": " + body;
      }
    }
  }

  private final URI base;
  private final String token;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * @throws IllegalArgumentException when {@code url} is not an http or https URL
   */
  ApiClient(String url, String token) {
    URI parsed;
    try {
      parsed = URI.create(url.endsWith("/") ? url : url + "/");
    } catch (IllegalArgumentException e) {
      parsed = null;
    }
    if (parsed == null || parsed.getHost() == null
        || !("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme()))) {
      throw new IllegalArgumentException("--url: expected an http or https URL like http://127.0.0.1:8080, found \""
          + url + "\"");
    }
    this.base = parsed;
    this.token = token;
  }

  Response get(String path, Map<String, String> query) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(path + queryString(query))).GET());
  }

  Response post(String path, byte[] body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
    if (token != null && !token.isEmpty()) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(response.statusCode(), response.body());
    } catch (ConnectException e) {
      throw new IOException("no server answers at " + base + " (start one with: alertresponder serve)", e);
    }
  }

  private static String queryString(Map<String, String> query) {
    StringJoiner joiner = new StringJoiner("&", "?", "");
    joiner.setEmptyValue("");
    query.forEach((key, value) -> {
      if (value != null) {
        joiner.add(key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
      }
    });
    return joiner.toString();
  }

  static String pretty(String json) {
    try {
      return Json.encodePrettily(Json.decodeValue(json));
    } catch (RuntimeException e) {
      return json;
    }
  }
}
