package org.alertresponder.plugins.policy;

import dev.cel.runtime.CelEvaluationException;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.Severity;
import org.alertresponder.engine.api.Verdict;

import java.util.ArrayList;
import java.util.List;

/**
 * An organisation's review policy: ordered rules, the first that matches gives the verdict, and a default
 * verdict when none does. Every expression is compiled when the policy loads ({@link PolicyLoader}), so a
 * policy that loaded never fails to compile later; evaluating one is thread-safe.
 */
public final class Policy {
  /** What happens when a rule cannot be evaluated against a report (a missing field, a bad value). */
  public enum OnError {
    /** The review fails, and the report is {@code unclassified} with the error as its reason. */
    FAIL,
    /** The rule is passed over, and the verdict's reason says so. */
    SKIP
  }

  private final List<Compiled> rules;
  private final Verdict fallback;
  private final OnError onError;

  record Compiled(PolicyRule rule, PolicyEnvironment.Program program) {
  }

  Policy(List<Compiled> rules, Verdict fallback, OnError onError) {
    this.rules = List.copyOf(rules);
    this.fallback = fallback;
    this.onError = onError;
  }

  /**
   * The verdict of the first matching rule, or the default.
   *
   * @throws PolicyEvaluationException when a rule cannot be evaluated and the policy says {@code on-error: fail}
   */
  public PolicyDecision decide(Report report) {
    ReportVariables variables = new ReportVariables(report);
    List<String> skipped = List.of();
    Severity skippedAtMost = null;
    for (Compiled compiled : rules) {
      try {
        if (compiled.program().test(variables)) {
          return new PolicyDecision(compiled.rule().name(), withSkipped(
              new Verdict(compiled.rule().severity(), compiled.rule().reason()), skipped, skippedAtMost), skipped);
        }
      } catch (CelEvaluationException | RuntimeException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (onError == OnError.FAIL) {
          throw new PolicyEvaluationException(compiled.rule().name(), why, e);
        }
        if (skipped.isEmpty()) {
          skipped = new ArrayList<>();
        }
        skipped.add(compiled.rule().name() + ": " + why);
        Severity severity = compiled.rule().severity();
        skippedAtMost = skippedAtMost == null || severity.atLeast(skippedAtMost) ? severity : skippedAtMost;
      }
    }
    return new PolicyDecision(null, withSkipped(fallback, skipped, skippedAtMost), skipped);
  }

  /**
   * The verdict with the skipped rules named in its reason. A rule that was passed over might have matched,
   * so a verdict safer than a skipped rule's is raised to {@code unclassified}: an attacker who makes a rule
   * fail (a report too large for its comprehension budget, a value of an unexpected type) must not turn an
   * urgent report into a safe one.
   */
  private static Verdict withSkipped(Verdict verdict, List<String> skipped, Severity skippedAtMost) {
    if (skipped.isEmpty()) {
      return verdict;
    }
    Severity severity = verdict.severity();
    String raised = "";
    if (severity == Severity.SAFE && skippedAtMost.compareTo(severity) > 0) {
      severity = Severity.UNCLASSIFIED;
      raised = "; raised from safe to unclassified, since a rule of severity " + skippedAtMost.wireName()
          + " could not be evaluated";
    }
    return new Verdict(severity, verdict.reason() + " (rules passed over as they could not be evaluated: "
        + String.join("; ", skipped) + raised + ")");
  }
}
