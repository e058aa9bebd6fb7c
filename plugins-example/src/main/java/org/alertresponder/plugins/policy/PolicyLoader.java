package org.alertresponder.plugins.policy;

import org.alertresponder.engine.api.Severity;
import org.alertresponder.engine.api.Verdict;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.PluginOptions;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and compiles a policy, from a YAML file or from the reviewer's options in the launcher's
 * configuration. A policy that loads is fully compiled: every problem is found here, and its message names
 * the rule, and the line and column (in the file when there is one, and within the expression):
 *
 * <pre>
 * rules:                                   # ordered; the first rule whose `when` holds gives the verdict
 *   - name: blocklisted-address
 *     when: findings.from("blocklist", "host").size() > 0
 *     severity: urgent                     # safe, unclassified or urgent
 *     reason: An address of the alert is on a blocklist
 * default:                                 # when no rule matches (this is the default default)
 *   severity: unclassified
 *   reason: No policy rule matched
 * on-error: fail                           # fail (the report is unclassified, with the error) or skip the rule
 * </pre>
 */
public final class PolicyLoader {
  static final Verdict DEFAULT_VERDICT = Verdict.unclassified("no policy rule matched");
  private static final Set<String> RULE_KEYS = Set.of("name", "when", "severity", "reason", "description");
  private static final Set<String> POLICY_KEYS = Set.of("rules", "default", "on-error", "description");
  private static final Set<String> DEFAULT_KEYS = Set.of("severity", "reason");

  private PolicyLoader() {
  }

  /**
   * The policy of the reviewer's options: either {@code file} (a policy file, relative to the configuration's
   * folder) or {@code rules} with {@code default} and {@code on-error} inline.
   */
  public static Policy fromOptions(PluginOptions options, Path configDir) {
    boolean hasFile = options.has("file");
    boolean hasRules = options.has("rules");
    if (hasFile == hasRules) {
      throw new ConfigurationException(options.path(), "either the option file (a policy file) or the option rules",
          hasFile ? "both" : "neither");
    }
    if (hasFile) {
      return fromFile(configDir.resolve(options.requiredString("file")).normalize());
    }
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("rules", options.raw("rules"));
    if (options.has("default")) {
      policy.put("default", options.raw("default"));
    }
    if (options.has("on-error")) {
      policy.put("on-error", options.raw("on-error"));
    }
    return compile(options.path(), null, policy, Map.of());
  }

  /** The policy in a YAML file. */
  public static Policy fromFile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigurationException(file.toString(), "a readable policy file", "an error: " + e.getMessage());
    }
    return fromText(file.getFileName().toString(), text);
  }

  /** The policy in YAML {@code text}, which errors call {@code name}. */
  public static Policy fromText(String name, String text) {
    LoaderOptions loaderOptions = new LoaderOptions();
    loaderOptions.setAllowDuplicateKeys(false);
    loaderOptions.setMaxAliasesForCollections(10);
    Node root;
    try {
      root = new Yaml(loaderOptions).compose(new StringReader(text));
    } catch (YAMLException e) {
      throw new ConfigurationException(name, "a YAML policy file", "YAML it cannot read: " + e.getMessage());
    }
    if (root == null) {
      throw new ConfigurationException(name, "a policy with rules", "an empty file");
    }
    Map<Object, Location> locations = new java.util.IdentityHashMap<>();
    Object tree = plain(root, locations, text.split("\n", -1), java.util.Collections.newSetFromMap(
        new java.util.IdentityHashMap<>()), name);
    if (!(tree instanceof Map<?, ?> map)) {
      throw new ConfigurationException(name, "a map with the keys rules and default", "something else", where(root));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> policy = (Map<String, Object>) map;
    return compile(name, root, policy, locations);
  }

  /** Where a scalar starts in the file, and how an expression's own positions map onto the file. */
  private record Location(int line, int column, boolean block, int blockIndent, int quote) {
    String at(int exprLine, int exprColumn) {
      if (block) {
        return "line " + (line + exprLine) + ", column " + (blockIndent + exprColumn);
      }
      return "line " + (line + exprLine - 1) + ", column " + (exprLine == 1 ? column + quote + exprColumn - 1 : exprColumn);
    }

    String start() {
      return "line " + line + ", column " + column;
    }
  }

  private static Policy compile(String source, Node root, Map<String, Object> policy, Map<Object, Location> locations) {
    for (String key : policy.keySet()) {
      if (!POLICY_KEYS.contains(key)) {
        throw new ConfigurationException(source + "." + key, "one of the keys " + String.join(", ", sorted(POLICY_KEYS)),
            "the unknown key \"" + key + "\"", locate(locations, key));
      }
    }
    Object rulesValue = policy.get("rules");
    if (!(rulesValue instanceof List<?> rules)) {
      throw new ConfigurationException(source + ".rules", "a list of rules", PluginOptions.describe(rulesValue),
          locate(locations, rulesValue));
    }
    Policy.OnError onError = onError(source, policy.get("on-error"), locations);
    Verdict fallback = fallback(source, policy.get("default"), locations);
    List<Policy.Compiled> compiled = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < rules.size(); i++) {
      String path = source + ".rules[" + i + "]";
      Object item = rules.get(i);
      if (!(item instanceof Map<?, ?> rule)) {
        throw new ConfigurationException(path, "a rule {name, when, severity, reason}", PluginOptions.describe(item),
            locate(locations, item));
      }
      for (Object key : rule.keySet()) {
        if (!RULE_KEYS.contains(String.valueOf(key))) {
          throw new ConfigurationException(path + "." + key, "one of the keys " + String.join(", ", sorted(RULE_KEYS)),
              "the unknown key \"" + key + "\"", locate(locations, key));
        }
      }
      String name = text(rule.get("name"));
      if (name == null || name.isBlank()) {
        throw new ConfigurationException(path + ".name", "a name for the rule", PluginOptions.describe(rule.get("name")),
            locate(locations, item));
      }
      if (name.equals(PolicyCases.DEFAULT_RULE)) {
        throw new ConfigurationException(path + ".name", "a name other than \"default\" (policy test calls the default "
            + "verdict that)", "\"default\"", locate(locations, rule.get("name")));
      }
      if (!names.add(name)) {
        throw new ConfigurationException(path + ".name", "a name no other rule has", "\"" + name + "\" a second time",
            locate(locations, rule.get("name")));
      }
      String named = path + " \"" + name + "\"";
      Object whenValue = rule.get("when");
      String when = text(whenValue);
      if (when == null || when.isBlank()) {
        throw new ConfigurationException(named + ".when", "a CEL expression that is true when the rule applies",
            PluginOptions.describe(whenValue), locate(locations, item));
      }
      Severity severity = severity(named + ".severity", rule.get("severity"), locations, item);
      String reason = text(rule.get("reason"));
      PolicyEnvironment.Compiled program = PolicyEnvironment.INSTANCE.compile(when);
      if (program instanceof PolicyEnvironment.Problems problems) {
        Location location = locations.get(whenValue);
        String at = location == null ? null : location.at(problems.line(), problems.column());
        throw new ConfigurationException(named + ".when",
            "a CEL expression that compiles to a bool (expression line " + problems.line() + ", column "
                + problems.column() + ")", problems.message() + "\n" + problems.display(), at);
      }
      compiled.add(new Policy.Compiled(new PolicyRule(name, when, severity,
          reason == null || reason.isBlank() ? "matched the policy rule \"" + name + "\"" : reason),
          (PolicyEnvironment.Program) program));
    }
    return new Policy(compiled, fallback, onError);
  }

  private static Policy.OnError onError(String source, Object value, Map<Object, Location> locations) {
    if (value == null) {
      return Policy.OnError.FAIL;
    }
    String text = text(value);
    if ("fail".equals(text)) {
      return Policy.OnError.FAIL;
    }
    if ("skip".equals(text)) {
      return Policy.OnError.SKIP;
    }
    throw new ConfigurationException(source + ".on-error", "fail or skip", PluginOptions.describe(value),
        locate(locations, value));
  }

  private static Verdict fallback(String source, Object value, Map<Object, Location> locations) {
    if (value == null) {
      return DEFAULT_VERDICT;
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new ConfigurationException(source + ".default", "a verdict {severity, reason}", PluginOptions.describe(value),
          locate(locations, value));
    }
    for (Object key : map.keySet()) {
      if (!DEFAULT_KEYS.contains(String.valueOf(key))) {
        throw new ConfigurationException(source + ".default." + key, "severity or reason",
            "the unknown key \"" + key + "\"", locate(locations, key));
      }
    }
    Severity severity = severity(source + ".default.severity", map.get("severity"), locations, value);
    String reason = text(map.get("reason"));
    return new Verdict(severity, reason == null ? DEFAULT_VERDICT.reason() : reason);
  }

  private static Severity severity(String path, Object value, Map<Object, Location> locations, Object parent) {
    String text = text(value);
    if (text != null) {
      for (Severity severity : Severity.values()) {
        if (severity.wireName().equals(text.toLowerCase(Locale.ROOT))) {
          return severity;
        }
      }
    }
    throw new ConfigurationException(path, "safe, unclassified or urgent", PluginOptions.describe(value),
        locate(locations, value == null ? parent : value));
  }

  private static String text(Object value) {
    if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
      return null;
    }
    return String.valueOf(value);
  }

  private static String locate(Map<Object, Location> locations, Object value) {
    Location location = value == null ? null : locations.get(value);
    return location == null ? null : location.start();
  }

  private static List<String> sorted(Set<String> keys) {
    return keys.stream().sorted().toList();
  }

  private static String where(Node node) {
    Mark mark = node.getStartMark();
    return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
  }

  /**
   * The node as plain Java values (maps, lists, strings), remembering where each came from. Every value is a
   * fresh object, so an identity map can find it again. Scalars stay strings: a severity or a name is text.
   */
  private static Object plain(Node node, Map<Object, Location> locations, String[] lines, Set<Node> path,
                              String source) {
    if (!path.add(node)) {
      // An alias of a node that contains it (rules: &r [*r]) would never end.
      throw new ConfigurationException(source, "a policy without an alias that refers to itself", "one", where(node));
    }
    try {
      return plainNode(node, locations, lines, path, source);
    } finally {
      path.remove(node);
    }
  }

  private static Object plainNode(Node node, Map<Object, Location> locations, String[] lines, Set<Node> path,
                                  String source) {
    Object value;
    if (node instanceof MappingNode mapping) {
      Map<Object, Object> map = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        Object key = plain(tuple.getKeyNode(), locations, lines, path, source);
        map.put(key, plain(tuple.getValueNode(), locations, lines, path, source));
      }
      value = map;
    } else if (node instanceof SequenceNode sequence) {
      List<Object> list = new ArrayList<>();
      for (Node item : sequence.getValue()) {
        list.add(plain(item, locations, lines, path, source));
      }
      value = list;
    } else {
      ScalarNode scalar = (ScalarNode) node;
      // new String: the identity map needs one object per scalar, even for equal texts.
      value = scalar.getTag().getValue().endsWith(":null") ? null : new String(scalar.getValue());
      if (value == null) {
        return null;
      }
      Mark mark = scalar.getStartMark();
      DumperOptions.ScalarStyle style = scalar.getScalarStyle();
      boolean block = style == DumperOptions.ScalarStyle.LITERAL || style == DumperOptions.ScalarStyle.FOLDED;
      int indent = 1;
      if (block && mark.getLine() + 1 < lines.length) {
        String first = lines[mark.getLine() + 1];
        indent = first.length() - first.stripLeading().length() + 1;
      }
      int quote = style == DumperOptions.ScalarStyle.SINGLE_QUOTED || style == DumperOptions.ScalarStyle.DOUBLE_QUOTED
          ? 1 : 0;
      locations.put(value, new Location(mark.getLine() + 1, mark.getColumn() + 1, block, indent - 1, quote));
      return value;
    }
    Mark mark = node.getStartMark();
    locations.put(value, new Location(mark.getLine() + 1, mark.getColumn() + 1, false, 0, 0));
    return value;
  }
}
