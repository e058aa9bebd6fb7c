package org.alertresponder.plugins.support;

import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.PluginOptions;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The link to a report in the operator's own console, built from a template option such as
 * {@code report-url: https://console.example/reports/{id}}: {@code {id}} stands for the report's id and
 * {@code {version}} for the published version. Human-facing emitters show it as a button or a link.
 */
public final class ReportLinks {
  private final String template;

  private ReportLinks(String template) {
    this.template = template;
  }

  /**
   * The template of option {@code key}, or null when the option is not set.
   *
   * @throws ConfigurationException when it does not hold {@code {id}} or is not an http(s) URL once filled in
   */
  public static ReportLinks option(PluginOptions options, String key) {
    String template = options.string(key, null);
    if (template == null) {
      return null;
    }
    String expected = "an http:// or https:// URL template holding {id}, such as https://console.example/reports/{id}";
    if (!template.contains("{id}")) {
      throw new ConfigurationException(options.pathOf(key), expected, PluginOptions.describe(template));
    }
    ReportLinks links = new ReportLinks(template);
    if (PluginHttpClient.isHttpUrl(links.fill("0", 1))) {
      return links;
    }
    throw new ConfigurationException(options.pathOf(key), expected, PluginOptions.describe(template));
  }

  /** The link to {@code report}. */
  public String of(Report report) {
    return fill(report.id(), report.version());
  }

  private String fill(String id, int version) {
    return template.replace("{id}", URLEncoder.encode(id, StandardCharsets.UTF_8))
        .replace("{version}", String.valueOf(version));
  }
}
