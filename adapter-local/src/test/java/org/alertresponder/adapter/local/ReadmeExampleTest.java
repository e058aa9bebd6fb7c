package org.alertresponder.adapter.local;

import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportStatus;
import org.alertresponder.engine.api.Severity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's embedding example is the code between the tags of {@link EmbeddingExample}, which this
 * test compiles (by being in the build) and runs, so the README cannot drift from working code.
 */
class ReadmeExampleTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path EXAMPLE = Path.of("src", "test", "java", "org", "alertresponder", "adapter", "local",
      "EmbeddingExample.java");

  @Test
  void theReadmeShowsExactlyTheExampleThatRuns() throws IOException {
    String readme = Files.readString(README);
    String readmeBlock = between(readme, "<!-- embedding:start -->\n```java\n", "```\n<!-- embedding:end -->");
    String exampleBlock = dedent(between(Files.readString(EXAMPLE), "// tag::embedding[]\n",
        "    // end::embedding[]"));
    assertThat(readmeBlock).isEqualTo(exampleBlock);
    assertThat(readmeBlock.lines().count()).as("the example stays short").isBetween(15L, 30L);
  }

  @Test
  void theExamplePublishesAnUrgentReportForABlocklistedSource() {
    Report report = EmbeddingExample.run();
    assertThat(report.status()).isEqualTo(ReportStatus.PUBLISHED);
    assertThat(report.version()).isEqualTo(1);
    assertThat(report.result().severity()).isEqualTo(Severity.URGENT);
    assertThat(report.sections()).hasSize(1);
  }

  private static String between(String text, String start, String end) {
    int from = text.indexOf(start);
    assertThat(from).as("marker %s", start.trim()).isNotNegative();
    int to = text.indexOf(end, from + start.length());
    assertThat(to).as("marker %s", end.trim()).isNotNegative();
    return text.substring(from + start.length(), to);
  }

  private static String dedent(String block) {
    List<String> lines = block.lines().collect(Collectors.toList());
    return lines.stream().map(line -> line.startsWith("    ") ? line.substring(4) : line)
        .collect(Collectors.joining("\n", "", "\n"));
  }
}
