package org.alertresponder.plugins.github;

import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.Emitter;
import org.alertresponder.engine.spi.EmitterFactory;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginOptions;
import org.alertresponder.plugins.support.PluginHttpClient;
import org.alertresponder.plugins.support.ReportLinks;

import java.util.ArrayList;
import java.util.List;

/**
 * The emitter type {@code github}: opens an issue with the Markdown report for a report that is not safe, and
 * comments on it for every later version. See the package documentation for the options and what is sent.
 */
public final class GitHubEmitterFactory implements EmitterFactory {
  /** GitHub's public API. */
  public static final String DEFAULT_API_URL = "https://api.github.com";
  private static final String REPOSITORY = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}";
  /** GitHub refuses label names longer than 50 characters. */
  private static final int LABEL_MAX = 50;
  /** GitHub takes at most 10 assignees on an issue. */
  private static final int ASSIGNEES_MAX = 10;

  @Override
  public String type() {
    return "github";
  }

  @Override
  public Emitter create(PluginContext context) {
    PluginOptions options = context.options();
    String repository = options.requiredString("repository").strip();
    if (!repository.matches(REPOSITORY) || repository.endsWith("/.") || repository.endsWith("/..")) {
      throw new ConfigurationException(options.pathOf("repository"), "owner/name, such as acme/security-alerts",
          PluginOptions.describe(repository));
    }
    String token = PluginHttpClient.secret(options, "token", null).strip();
    String apiUrl = PluginHttpClient.url(options, "api-url", DEFAULT_API_URL).replaceAll("/+$", "");
    List<String> labels = labels(options);
    boolean severityLabels = options.bool("severity-labels", true);
    boolean closeWhenSafe = options.bool("close-when-safe", false);
    List<String> assignees = options.strings("assignees", List.of());
    if (assignees.size() > ASSIGNEES_MAX) {
      throw new ConfigurationException(options.pathOf("assignees"), "at most " + ASSIGNEES_MAX + " user names",
          assignees.size() + " names");
    }
    for (int i = 0; i < assignees.size(); i++) {
      if (assignees.get(i).isBlank()) {
        throw new ConfigurationException(options.pathOf("assignees") + "[" + i + "]", "a GitHub user name", "\"\"");
      }
    }
    ReportLinks links = ReportLinks.option(options, "report-url");
    GitHubApi api = new GitHubApi(PluginHttpClient.create(context), apiUrl, repository, token);
    return new GitHubEmitter(api, labels, severityLabels, closeWhenSafe,
        assignees.stream().map(String::strip).toList(), links);
  }

  private static List<String> labels(PluginOptions options) {
    List<String> labels = options.strings("labels", List.of("alertresponder"));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      String label = labels.get(i).strip();
      if (label.isEmpty() || label.length() > LABEL_MAX) {
        throw new ConfigurationException(options.pathOf("labels") + "[" + i + "]",
            "a label name of 1 to " + LABEL_MAX + " characters", PluginOptions.describe(labels.get(i)));
      }
      if (!out.contains(label)) {
        out.add(label);
      }
    }
    return List.copyOf(out);
  }
}
