package org.alertresponder.plugins.examples;

import io.vertx.core.Future;
import org.alertresponder.engine.api.Section;
import org.alertresponder.engine.api.Verdict;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.Reviewer;
import org.alertresponder.engine.spi.ReviewerFactory;

import java.util.List;

/** A reviewer: urgent when the named inspectors found something at least {@code min-findings} times. */
public final class FindingCountReviewerFactory implements ReviewerFactory {
  @Override
  public String type() {
    return "example-finding-count";
  }

  @Override
  public Reviewer create(PluginContext context) {
    // Read options once, at start-up: a typo or a bad value stops the server with the option's path.
    List<String> inspectors = context.options().strings("inspectors", List.of());
    int min = context.options().integer("min-findings", 1, 1, 1000);
    return report -> {
      long count = report.sections().stream().map(Section::findings).flatMap(List::stream)
          .filter(finding -> inspectors.isEmpty() || inspectors.contains(finding.author())).count();
      return Future.succeededFuture(count >= min
          ? Verdict.urgent(count + " findings from " + (inspectors.isEmpty() ? "the inspectors" : inspectors))
          : Verdict.unclassified("only " + count + " findings; an analyst should look"));
    };
  }
}
