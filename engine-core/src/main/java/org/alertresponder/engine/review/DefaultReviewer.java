package org.alertresponder.engine.review;

import io.vertx.core.Future;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.Section;
import org.alertresponder.engine.api.Verdict;
import org.alertresponder.engine.spi.Reviewer;

/**
 * The reviewer used when none is configured: it does not guess. Every report is {@code unclassified},
 * with a reason that says so and summarises what was found, so that an analyst looks at it.
 */
public final class DefaultReviewer implements Reviewer {
  @Override
  public Future<Verdict> review(Report report) {
    int findings = 0;
    for (Section section : report.sections()) {
      findings += section.findings().size();
    }
    return Future.succeededFuture(Verdict.unclassified("no reviewer policy is configured; " + report.alerts().size()
        + (report.alerts().size() == 1 ? " alert, " : " alerts, ") + report.attributes().size()
        + (report.attributes().size() == 1 ? " attribute, " : " attributes, ") + findings
        + (findings == 1 ? " finding" : " findings")));
  }
}
