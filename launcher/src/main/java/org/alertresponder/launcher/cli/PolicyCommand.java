package org.alertresponder.launcher.cli;

import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.plugins.policy.Policy;
import org.alertresponder.plugins.policy.PolicyCases;
import org.alertresponder.plugins.policy.PolicyLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code policy test POLICY CASES}: a policy's unit tests. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Works with policy files of the policy reviewer.",
    subcommands = {PolicyCommand.Test.class})
public final class PolicyCommand extends CommandGroup {

  /** Runs every case through the policy and prints a pass/fail table. */
  @Command(name = "test", mixinStandardHelpOptions = true,
      description = {"Runs a policy's test cases: each a report (or alerts and findings) and the verdict expected.",
          "Prints one line per case; exits 0 when every case passes, 1 when one fails, 2 when a file is wrong."})
  public static final class Test implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "POLICY", description = "The policy file (rules, default, on-error).")
    Path policyFile;

    @Parameters(index = "1", paramLabel = "CASES", description = "The cases file (cases: [{name, alert, findings, expect}]).")
    Path casesFile;

    @Override
    public Integer call() {
      return run(policyFile, casesFile, System.out, System.err);
    }

    static int run(Path policyFile, Path casesFile, PrintStream out, PrintStream err) {
      Policy policy;
      try {
        policy = PolicyLoader.fromFile(policyFile);
      } catch (ConfigurationException e) {
        err.println(policyFile + ": " + e.getMessage());
        return 2;
      } catch (RuntimeException | StackOverflowError e) {
        err.println(policyFile + ": cannot be read as a policy: " + e);
        return 2;
      }
      List<PolicyCases.Case> cases;
      try {
        cases = PolicyCases.fromFile(casesFile);
      } catch (ConfigurationException e) {
        err.println(casesFile + ": " + e.getMessage());
        return 2;
      } catch (RuntimeException | StackOverflowError e) {
        err.println(casesFile + ": cannot be read as cases: " + e);
        return 2;
      }
      List<PolicyCases.Result> results = PolicyCases.run(policy, cases);
      out.print(PolicyCases.table(results));
      out.flush();
      return results.stream().allMatch(PolicyCases.Result::passed) ? 0 : 1;
    }
  }
}
