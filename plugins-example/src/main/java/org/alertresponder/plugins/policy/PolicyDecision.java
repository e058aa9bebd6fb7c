package org.alertresponder.plugins.policy;

import org.alertresponder.engine.api.Verdict;

import java.util.List;

/**
 * What a policy decided about one report.
 *
 * @param rule    the name of the first rule that matched, or null when the default verdict applied
 * @param verdict the verdict
 * @param skipped rules that could not be evaluated and were passed over ({@code on-error: skip}), each as
 *                {@code name: why}
 */
public record PolicyDecision(String rule, Verdict verdict, List<String> skipped) {
  public PolicyDecision {
    skipped = List.copyOf(skipped);
  }
}
