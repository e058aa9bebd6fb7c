package org.alertresponder.launcher.config;

import org.alertresponder.engine.spi.ConfigurationException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a YAML configuration file into {@link ConfigNode}s, substituting {@code ${NAME}} and
 * {@code ${NAME:default}} in values from the environment ({@code $${} writes a literal {@code ${}).
 * Anchors and aliases are refused, as are duplicate keys: a configuration should read as it is.
 */
public final class ConfigFile {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");

  private ConfigFile() {
  }

  public static ConfigNode load(Path file, Function<String, String> environment) {
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigurationException(file.toString(), "a readable configuration file", "no such file");
    } catch (IOException e) {
      throw new ConfigurationException(file.toString(), "a readable configuration file", e.getMessage());
    }
    return parse(content, file.toString(), environment);
  }

  public static ConfigNode parse(String content, String source, Function<String, String> environment) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(0);
    options.setCodePointLimit(4 * 1024 * 1024);
    Node root;
    try (Reader reader = new StringReader(content)) {
      root = new Yaml(options).compose(reader);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark();
      throw new ConfigurationException(source, "valid YAML", e.getProblem(),
          mark == null ? null : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1));
    } catch (YAMLException | IOException e) {
      throw new ConfigurationException(source, "valid YAML", e.getMessage());
    }
    if (root == null) {
      return ConfigNode.absent("");
    }
    ConfigNode node = convert(root, "", environment);
    if (!node.isMapping()) {
      throw node.error("a mapping of settings at the top of " + source, node.describe());
    }
    return node;
  }

  private static ConfigNode convert(Node node, String path, Function<String, String> environment) {
    int line = node.getStartMark().getLine() + 1;
    int column = node.getStartMark().getColumn() + 1;
    if (node instanceof MappingNode mapping) {
      Map<String, ConfigNode> entries = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
          throw new ConfigurationException(path.isEmpty() ? "(top)" : path, "plain keys", "a complex key",
              "line " + line + ", column " + column);
        }
        String childPath = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
        if (entries.containsKey(key.getValue())) {
          throw new ConfigurationException(childPath, "each key once", "the key \"" + key.getValue()
              + "\" a second time", "line " + (key.getStartMark().getLine() + 1) + ", column "
              + (key.getStartMark().getColumn() + 1));
        }
        entries.put(key.getValue(), convert(tuple.getValueNode(), childPath, environment));
      }
      return ConfigNode.mapping(path, line, column, entries);
    }
    if (node instanceof SequenceNode sequence) {
      List<ConfigNode> items = new ArrayList<>();
      for (int i = 0; i < sequence.getValue().size(); i++) {
        items.add(convert(sequence.getValue().get(i), path + "[" + i + "]", environment));
      }
      return ConfigNode.list(path, line, column, items);
    }
    ScalarNode scalar = (ScalarNode) node;
    if (Tag.NULL.equals(scalar.getTag())) {
      return ConfigNode.scalar(path, line, column, null);
    }
    String text = scalar.getValue();
    String substituted = substitute(text, path, "line " + line + ", column " + column, environment);
    return substituted.equals(text.replace("$${", "${"))
        ? ConfigNode.scalar(path, line, column, substituted)
        : ConfigNode.substitutedScalar(path, line, column, substituted);
  }

  static String substitute(String value, String path, String location, Function<String, String> environment) {
    Matcher matcher = VARIABLE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String replacement;
      if (matcher.group().equals("$${")) {
        replacement = "${";
      } else {
        String name = matcher.group(1);
        String found = environment.apply(name);
        if (found == null) {
          if (matcher.group(2) == null) {
            throw new ConfigurationException(path, "the environment variable " + name
                + " to be set (write ${" + name + ":default} to give a default)", "no such variable in the environment", location);
          }
          found = matcher.group(2);
        }
        replacement = found;
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
