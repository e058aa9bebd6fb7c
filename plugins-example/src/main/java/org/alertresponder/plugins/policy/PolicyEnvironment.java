package org.alertresponder.plugins.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import org.alertresponder.plugins.support.DomainNames;
import org.alertresponder.plugins.support.IpAddresses;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelVariableResolver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CEL environment policies are written in: the report's variables in the wire model's names, the
 * standard macros ({@code exists}, {@code all}, {@code filter}, {@code map}, {@code has}) and the helpers a
 * security policy needs. Built once; compiling and evaluating are thread-safe.
 *
 * <p>Variables (see {@link ReportVariables}): {@code report} (the whole report as the API returns it),
 * {@code alerts}, {@code attributes} and {@code findings} (each finding with its {@code attribute}).
 *
 * <p>Helpers:
 * <ul>
 *   <li>{@code ip.inCidr("10.0.0.0/8")} and {@code ip.inCidr(["10.0.0.0/8", "2001:db8::/32"])}: whether an
 *       IPv4 or IPv6 address lies in a block. A value that is not an address is in no block.</li>
 *   <li>{@code name.isSubdomainOf("example.com")} (or a list): the domain itself or a subdomain of it, by whole
 *       labels, case-insensitive.</li>
 *   <li>{@code findings.from("blocklist", "host")}: the findings of one inspector and type, so that "any host
 *       finding of the blocklist says listed" reads
 *       {@code findings.from("blocklist", "host").exists(f, f.content.listed == true)}.</li>
 * </ul>
 */
final class PolicyEnvironment {
  /** Bounds every comprehension, so that a policy cannot loop for long over a huge report. */
  private static final int MAX_ITERATIONS = 100_000;

  private static final CelType DYN_MAP = MapType.create(SimpleType.STRING, SimpleType.DYN);
  private static final CelType DYN_LIST = ListType.create(SimpleType.DYN);
  private static final CelType STRING_LIST = ListType.create(SimpleType.STRING);

  static final PolicyEnvironment INSTANCE = new PolicyEnvironment();

  private final CelCompiler compiler;
  private final CelRuntime runtime;

  private PolicyEnvironment() {
    CelOptions options = CelOptions.current()
        .comprehensionMaxIterations(MAX_ITERATIONS)
        .enableHeterogeneousNumericComparisons(true)
        .build();
    compiler = CelCompilerFactory.standardCelCompilerBuilder()
        .setOptions(options)
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .addVar(ReportVariables.REPORT, DYN_MAP)
        .addVar(ReportVariables.ALERTS, DYN_LIST)
        .addVar(ReportVariables.ATTRIBUTES, DYN_LIST)
        .addVar(ReportVariables.FINDINGS, DYN_LIST)
        .addFunctionDeclarations(
            CelFunctionDecl.newFunctionDeclaration("inCidr",
                CelOverloadDecl.newMemberOverload("string_in_cidr_string", SimpleType.BOOL, SimpleType.STRING,
                    SimpleType.STRING),
                CelOverloadDecl.newMemberOverload("string_in_cidr_list", SimpleType.BOOL, SimpleType.STRING,
                    STRING_LIST)),
            CelFunctionDecl.newFunctionDeclaration("isSubdomainOf",
                CelOverloadDecl.newMemberOverload("string_is_subdomain_of_string", SimpleType.BOOL, SimpleType.STRING,
                    SimpleType.STRING),
                CelOverloadDecl.newMemberOverload("string_is_subdomain_of_list", SimpleType.BOOL, SimpleType.STRING,
                    STRING_LIST)),
            CelFunctionDecl.newFunctionDeclaration("from",
                CelOverloadDecl.newMemberOverload("list_from_string_string", DYN_LIST, DYN_LIST, SimpleType.STRING,
                    SimpleType.STRING)))
        .setResultType(SimpleType.BOOL)
        .build();
    runtime = CelRuntimeFactory.standardCelRuntimeBuilder()
        .setOptions(options)
        .addFunctionBindings(
            CelFunctionBinding.from("string_in_cidr_string", String.class, String.class, PolicyEnvironment::inCidr),
            CelFunctionBinding.from("string_in_cidr_list", String.class, List.class, PolicyEnvironment::inAnyCidr),
            CelFunctionBinding.from("string_is_subdomain_of_string", String.class, String.class,
                (name, domain) -> DomainNames.within(name, domain)),
            CelFunctionBinding.from("string_is_subdomain_of_list", String.class, List.class,
                PolicyEnvironment::withinAny),
            CelFunctionBinding.from("list_from_string_string", List.of(List.class, String.class, String.class),
                arguments -> from((List<?>) arguments[0], (String) arguments[1], (String) arguments[2])))
        .build();
  }

  /** A compiled expression, or the problems that stop it from compiling. */
  sealed interface Compiled permits Program, Problems {
  }

  /** An expression ready to evaluate. */
  record Program(CelRuntime.Program program) implements Compiled {
    boolean test(CelVariableResolver variables) throws CelEvaluationException {
      return (Boolean) program.eval(variables);
    }
  }

  /**
   * Why an expression does not compile.
   *
   * @param line    1-based line within the expression
   * @param column  1-based column within that line
   * @param message what is wrong
   * @param display the expression's line with a caret under the problem
   */
  record Problems(int line, int column, String message, String display) implements Compiled {
  }

  Compiled compile(String expression) {
    CelValidationResult result = compiler.compile(expression);
    if (result.hasError()) {
      CelIssue first = result.getErrors().get(0);
      int line = Math.max(1, first.getSourceLocation().getLine());
      int column = Math.max(0, first.getSourceLocation().getColumn()) + 1;
      return new Problems(line, column, first.getMessage().replace(" (in container '')", ""), caret(expression, line, column));
    }
    try {
      CelAbstractSyntaxTree ast = result.getAst();
      Optional<Problems> literal = badLiteral(ast, expression);
      if (literal.isPresent()) {
        return literal.get();
      }
      return new Program(runtime.createProgram(ast));
    } catch (Exception e) {
      return new Problems(1, 1, e.getMessage(), caret(expression, 1, 1));
    }
  }

  /**
   * A CIDR block or domain written literally in the expression that could never match: a typo that would
   * otherwise make a rule silently never fire. Found when the policy loads, not at the first alert.
   */
  private Optional<Problems> badLiteral(CelAbstractSyntaxTree ast, String expression) {
    List<CelNavigableExpr> calls = CelNavigableAst.fromAst(ast).getRoot().allNodes()
        .filter(node -> node.getKind() == CelExpr.ExprKind.Kind.CALL).toList();
    for (CelNavigableExpr node : calls) {
      CelExpr.CelCall call = node.expr().call();
      if (!call.function().equals("inCidr") && !call.function().equals("isSubdomainOf")) {
        continue;
      }
      for (CelExpr argument : call.args()) {
        List<CelExpr> literals = new ArrayList<>();
        if (argument.getKind() == CelExpr.ExprKind.Kind.LIST) {
          literals.addAll(argument.list().elements());
        } else {
          literals.add(argument);
        }
        for (CelExpr literal : literals) {
          if (literal.getKind() != CelExpr.ExprKind.Kind.CONSTANT
              || literal.constant().getKind() != CelConstant.Kind.STRING_VALUE) {
            continue;
          }
          String value = literal.constant().stringValue();
          boolean bad = call.function().equals("inCidr") ? IpAddresses.block(value) == null
              : DomainNames.normalise(value).isEmpty();
          if (bad) {
            int offset = ast.getSource().getPositionsMap().getOrDefault(literal.id(), 0);
            var location = ast.getSource().getOffsetLocation(offset);
            int line = location.map(l -> l.getLine()).orElse(1);
            int column = location.map(l -> l.getColumn() + 1).orElse(1);
            String what = call.function().equals("inCidr")
                ? "\"" + value + "\" is not a CIDR block such as 10.0.0.0/8 or 2001:db8::/32"
                : "\"" + value + "\" is not a domain name";
            return Optional.of(new Problems(line, column, what, caret(expression, line, column)));
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The expression's line with a caret under the column, as a compiler shows it. */
  private static String caret(String expression, int line, int column) {
    String[] lines = expression.split("\n", -1);
    String text = lines[Math.min(lines.length, Math.max(1, line)) - 1];
    return "  | " + text + "\n  | " + " ".repeat(Math.max(0, column - 1)) + "^";
  }

  /**
   * Blocks already parsed: a rule names its blocks as literals, and parsing them again for every attribute
   * of every report would be most of a rule's cost. Bounded, since a rule could also build them from data.
   */
  private static final Map<String, IpAddresses.Block> BLOCKS = new java.util.concurrent.ConcurrentHashMap<>();
  private static final int MAX_BLOCKS = 4096;

  private static IpAddresses.Block block(String cidr) {
    IpAddresses.Block block = BLOCKS.get(cidr);
    if (block == null) {
      block = IpAddresses.block(cidr);
      if (block != null && BLOCKS.size() < MAX_BLOCKS) {
        BLOCKS.put(cidr, block);
      }
    }
    return block;
  }

  private static boolean inCidr(String address, String cidr) throws CelEvaluationException {
    IpAddresses.Block block = block(cidr);
    if (block == null) {
      throw new CelEvaluationException("\"" + cidr + "\" is not a CIDR block such as 10.0.0.0/8");
    }
    return block.contains(IpAddresses.parse(address));
  }

  private static boolean inAnyCidr(String address, List<?> cidrs) throws CelEvaluationException {
    byte[] parsed = IpAddresses.parse(address);
    for (Object cidr : cidrs) {
      IpAddresses.Block block = block(String.valueOf(cidr));
      if (block == null) {
        throw new CelEvaluationException("\"" + cidr + "\" is not a CIDR block such as 10.0.0.0/8");
      }
      if (block.contains(parsed)) {
        return true;
      }
    }
    return false;
  }

  private static boolean withinAny(String name, List<?> domains) {
    for (Object domain : domains) {
      if (DomainNames.within(name, String.valueOf(domain))) {
        return true;
      }
    }
    return false;
  }

  private static List<Object> from(List<?> findings, String inspector, String type) {
    List<Object> out = new ArrayList<>();
    for (Object item : findings) {
      if (item instanceof Map<?, ?> finding && inspector.equals(finding.get("author")) && type.equals(finding.get("type"))) {
        out.add(finding);
      }
    }
    return out;
  }
}
