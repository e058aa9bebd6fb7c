package org.alertresponder.plugins.policy;

/** A rule could not be evaluated against a report (with {@code on-error: fail}, the default). */
public final class PolicyEvaluationException extends RuntimeException {
  PolicyEvaluationException(String rule, String message, Throwable cause) {
    super("policy rule \"" + rule + "\" could not be evaluated: " + message, cause);
  }
}
