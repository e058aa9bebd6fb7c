package org.alertresponder.plugins.policy;

import io.vertx.core.Future;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.Verdict;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginException;
import org.alertresponder.engine.spi.Reviewer;
import org.alertresponder.engine.spi.ReviewerFactory;

/**
 * The reviewer type {@code policy}: the organisation's rules in CEL, first match wins (see {@link PolicyLoader}
 * for the format and {@link PolicyEnvironment} for what an expression can use).
 *
 * <pre>
 * reviewer:
 *   name: policy
 *   type: policy
 *   options:
 *     file: policy.yaml       # or rules: [...], default: {...}, on-error: fail|skip inline
 * </pre>
 */
public final class PolicyReviewerFactory implements ReviewerFactory {
  @Override
  public String type() {
    return "policy";
  }

  @Override
  public Reviewer create(PluginContext context) {
    Policy policy = PolicyLoader.fromOptions(context.options(), context.configDir());
    return new PolicyReviewer(policy);
  }

  /** Evaluates the policy on the calling event loop: a compiled policy takes microseconds, never blocks. */
  static final class PolicyReviewer implements Reviewer {
    private final Policy policy;

    PolicyReviewer(Policy policy) {
      this.policy = policy;
    }

    @Override
    public Future<Verdict> review(Report report) {
      try {
        return Future.succeededFuture(policy.decide(report).verdict());
      } catch (PolicyEvaluationException e) {
        // The same report fails the same way every time: retrying cannot help, so the engine records the
        // report as unclassified at once, with this message as the reason.
        return Future.failedFuture(PluginException.permanent(e.getMessage()));
      }
    }
  }
}
