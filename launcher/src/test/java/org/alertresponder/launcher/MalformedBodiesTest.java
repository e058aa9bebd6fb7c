package org.alertresponder.launcher;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hundreds of malformed bodies — truncated JSON, wrong types, huge numbers, deep nesting, invalid UTF-8,
 * 10 MiB strings, random bytes — each answered with a 4xx problem, and the server keeps serving.
 */
class MalformedBodiesTest {
  private static final String VALID = """
      {"detector": "guardduty", "rule_id": "UnauthorizedAccess:EC2/SSHBruteForce", "rule_name": "SSH brute force",
       "alert_key": "i-0abc12", "description": "198.51.100.7 is performing SSH brute force attacks",
       "timestamp": "2026-11-27T10:00:00Z",
       "attributes": [{"type": "ipaddr", "key": "source address", "value": "198.51.100.7", "context": ["remote"]}],
       "body": {"severity": 5}}""";
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new TestServer(TestServer.config("emitters: []\n"));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static List<byte[]> malformedBodies() {
    List<byte[]> bodies = new ArrayList<>();
    byte[] valid = VALID.getBytes(StandardCharsets.UTF_8);
    // Every truncation of a valid alert.
    for (int length = 0; length < valid.length - 1; length += 2) {
      bodies.add(java.util.Arrays.copyOf(valid, length));
    }
    // Wrong types for every field.
    for (String field : List.of("detector", "rule_id", "rule_name", "alert_key", "description", "timestamp",
        "attributes")) {
      for (Object wrong : List.of(42, true, List.of(1), new JsonObject().put("a", 1), 1.5)) {
        bodies.add(new JsonObject(VALID).put(field, wrong).encode().getBytes(StandardCharsets.UTF_8));
      }
    }
    for (Object wrong : List.of(42, "x", List.of(1), new JsonObject().put("type", 1))) {
      JsonObject alert = new JsonObject(VALID);
      alert.put("attributes", List.of(wrong));
      bodies.add(alert.encode().getBytes(StandardCharsets.UTF_8));
    }
    // Not an alert at all.
    for (String text : List.of("null", "42", "\"alert\"", "true", "[]", "[1, 2]", "{}", "[{}]", "[null]",
        "{\"detector\": null, \"rule_id\": null}")) {
      bodies.add(text.getBytes(StandardCharsets.UTF_8));
    }
    // Huge numbers.
    bodies.add(("{\"detector\": 1" + "0".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8));
    bodies.add("{\"detector\": 1e999999999}".getBytes(StandardCharsets.UTF_8));
    bodies.add(("{\"detector\": \"x\", \"rule_id\": \"y\", \"body\": {\"n\": -" + "9".repeat(3000) + "}}")
        .getBytes(StandardCharsets.UTF_8));
    // Deep nesting beyond what the parser accepts, and nesting in the wrong place.
    bodies.add("[".repeat(100_000).getBytes(StandardCharsets.UTF_8));
    bodies.add(("{\"detector\": \"x\", \"rule_id\": \"y\", \"body\": " + "[".repeat(5000) + "]".repeat(5000) + "}")
        .getBytes(StandardCharsets.UTF_8));
    bodies.add(("{\"detector\": " + "{\"a\": ".repeat(2000) + "1" + "}".repeat(2000) + ", \"rule_id\": \"y\"}")
        .getBytes(StandardCharsets.UTF_8));
    // Invalid UTF-8 in a string, an overlong encoding, a lone surrogate.
    for (byte[] invalid : List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xC0, (byte) 0xAF},
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0x80})) {
      bodies.add(concat("{\"detector\": \"".getBytes(StandardCharsets.UTF_8), invalid,
          "\", \"rule_id\": \"y\"}".getBytes(StandardCharsets.UTF_8)));
    }
    // Strings of 10 MiB (beyond the body limit) and just under the limit but beyond field limits.
    bodies.add(("{\"detector\": \"" + "x".repeat(10 * 1024 * 1024) + "\", \"rule_id\": \"y\"}")
        .getBytes(StandardCharsets.UTF_8));
    bodies.add(("{\"detector\": \"" + "x".repeat(900 * 1024) + "\", \"rule_id\": \"y\"}")
        .getBytes(StandardCharsets.UTF_8));
    bodies.add(("[" + (VALID + ",").repeat(1001) + VALID + "]").getBytes(StandardCharsets.UTF_8));
    // Random bytes, with a fixed seed so a failure reproduces.
    Random random = new Random(20261127);
    for (int i = 0; i < 20; i++) {
      byte[] noise = new byte[1 + random.nextInt(2000)];
      random.nextBytes(noise);
      noise[0] = (byte) '{';
      bodies.add(noise);
    }
    return bodies;
  }

  @Test
  void everyMalformedBodyGetsA4xxProblemAndTheServerKeepsServing() throws Exception {
    List<byte[]> bodies = malformedBodies();
    assertThat(bodies).hasSizeGreaterThanOrEqualTo(200);
    for (int i = 0; i < bodies.size(); i++) {
      HttpResponse<String> response = server.post("api/v1/alerts", bodies.get(i), null);
      assertThat(response.statusCode()).as("body #%d (%d bytes): %s", i, bodies.get(i).length, response.body())
          .isBetween(400, 499);
      assertThat(response.headers().firstValue("Content-Type")).as("body #%d", i).contains("application/problem+json");
      assertThat(new JsonObject(response.body()).getInteger("status")).isEqualTo(response.statusCode());
    }
    assertThat(server.get("healthz", null).statusCode()).isEqualTo(200);
    assertThat(server.post("api/v1/alerts", VALID, null).statusCode()).isEqualTo(202);
    assertThat(new JsonObject(server.get("api/v1/reports", null).body()).getJsonArray("items")).hasSize(1);
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }
}
