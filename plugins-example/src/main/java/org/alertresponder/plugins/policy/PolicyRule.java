package org.alertresponder.plugins.policy;

import org.alertresponder.engine.api.Severity;

/**
 * One rule of a policy, as written: when {@code when} holds for a report, the verdict is
 * {@code severity} with {@code reason}.
 *
 * @param name     unique within the policy; shown by {@code policy test} and in skipped-rule notes
 * @param when     a CEL expression of type bool over the report's variables
 * @param severity the verdict's severity
 * @param reason   the verdict's reason, what an analyst reads first
 */
public record PolicyRule(String name, String when, Severity severity, String reason) {
}
