package org.alertresponder.launcher.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code policy test}: the example policy passes its own cases; a failing case or a broken file says so. */
class PolicyCommandTest {
  private static final Path EXAMPLE_POLICY = Path.of("../config/policy/policy.yaml");
  private static final Path EXAMPLE_CASES = Path.of("../config/policy/cases.yaml");

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void theExamplePolicyPassesItsCases() {
    int status = run(EXAMPLE_POLICY, EXAMPLE_CASES);

    assertThat(text(err)).isEmpty();
    assertThat(text(out)).contains("a blocklisted source address is urgent").endsWith("7 cases: 7 passed, 0 failed\n");
    assertThat(status).isZero();
  }

  @Test
  void aFailingCaseExitsOne(@TempDir Path dir) throws IOException {
    Path cases = Files.writeString(dir.resolve("cases.yaml"), """
        cases:
          - name: expects too much
            alert: {detector: proxy, rule_id: r, attributes: [{type: domain, value: www.example.com}]}
            expect: urgent
        """);

    int status = run(EXAMPLE_POLICY, cases);

    assertThat(status).isEqualTo(1);
    assertThat(text(out)).contains("FAIL").contains("safe (our-own-domains)").endsWith("1 case: 0 passed, 1 failed\n");
  }

  @Test
  void aPolicyThatDoesNotCompileExitsTwoNamingTheRule(@TempDir Path dir) throws IOException {
    Path policy = Files.writeString(dir.resolve("policy.yaml"), """
        rules:
          - name: broken
            when: report.detector = "x"
            severity: urgent
        """);

    int status = run(policy, EXAMPLE_CASES);

    assertThat(status).isEqualTo(2);
    assertThat(text(err)).contains("rules[0] \"broken\".when (line 3, column");
    assertThat(text(out)).isEmpty();
  }

  private int run(Path policy, Path cases) {
    return PolicyCommand.Test.run(policy, cases, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static String text(ByteArrayOutputStream stream) {
    return stream.toString(StandardCharsets.UTF_8);
  }
}
