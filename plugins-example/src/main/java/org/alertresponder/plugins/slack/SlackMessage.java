package org.alertresponder.plugins.slack;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Report;
import org.alertresponder.plugins.support.ReportDigest;
import org.alertresponder.plugins.support.SeverityText;

import java.time.Instant;
import java.util.List;

/**
 * The JSON an incoming webhook receives for one publication: {@code text}, the plain summary Slack shows in
 * notifications and in clients without blocks, and {@code blocks}, the message itself, kept within Block Kit's
 * documented limits so that Slack never refuses it as {@code invalid_blocks}.
 */
final class SlackMessage {
  /** Block Kit: a header's plain text is at most 150 characters. */
  static final int HEADER_MAX = 150;
  /** Block Kit: a section's text is at most 3000 characters. */
  static final int SECTION_MAX = 3000;
  /** Block Kit: a section holds at most 10 fields. */
  static final int FIELDS_MAX = 10;
  /** Block Kit: a field's text is at most 2000 characters. */
  static final int FIELD_MAX = 2000;
  /** Block Kit: a button's URL is at most 3000 characters. */
  static final int URL_MAX = 3000;
  /** The fallback text: Slack accepts more, but a notification shows only the first line anyway. */
  static final int TEXT_MAX = 3000;

  private SlackMessage() {
  }

  /**
   * @param reportUrl the link for the button, or null for none
   * @param username  the {@code username} field (honoured by legacy webhooks), or null
   * @param iconEmoji the {@code icon_emoji} field, or null
   * @param channel   the {@code channel} field, or null
   */
  static JsonObject of(Report report, String reportUrl, String username, String iconEmoji, String channel) {
    ReportDigest digest = ReportDigest.of(report);
    JsonArray blocks = new JsonArray();
    blocks.add(new JsonObject().put("type", "header").put("text", new JsonObject()
        .put("type", "plain_text")
        .put("text", SlackText.truncate((SeverityText.emoji(digest.severity()) + " " + SeverityText.label(digest.severity()) + ": "
            + digest.title()).replaceAll("\\s+", " "), HEADER_MAX))
        .put("emoji", true)));
    String reason = digest.reason().isBlank() ? "_No reason given._" : SlackText.escape(digest.reason());
    blocks.add(section(SlackText.truncate("*Reason*\n" + reason, SECTION_MAX)));
    JsonArray fields = fields(digest);
    if (!fields.isEmpty()) {
      blocks.add(new JsonObject().put("type", "section").put("fields", fields));
    }
    blocks.add(section(findings(digest)));
    blocks.add(new JsonObject().put("type", "context").put("elements", context(report, digest)));
    if (reportUrl != null && reportUrl.length() <= URL_MAX) {
      blocks.add(new JsonObject().put("type", "actions").put("elements", new JsonArray().add(new JsonObject()
          .put("type", "button")
          .put("action_id", "open_report")
          .put("text", new JsonObject().put("type", "plain_text").put("text", "Open report"))
          .put("url", reportUrl))));
    }
    JsonObject message = new JsonObject()
        .put("text", SlackText.mrkdwn(SeverityText.label(digest.severity()) + ": " + digest.title()
            + (digest.reason().isBlank() ? "" : " — " + digest.reason()), TEXT_MAX))
        .put("blocks", blocks);
    if (username != null) {
      message.put("username", username);
    }
    if (iconEmoji != null) {
      message.put("icon_emoji", iconEmoji);
    }
    if (channel != null) {
      message.put("channel", channel);
    }
    return message;
  }

  private static JsonObject section(String mrkdwn) {
    return new JsonObject().put("type", "section").put("text", mrkdwn(mrkdwn));
  }

  private static JsonObject mrkdwn(String text) {
    return new JsonObject().put("type", "mrkdwn").put("text", text);
  }

  /**
   * One field per key attribute. When the report holds more attributes than there are fields, the last field
   * says how many were left out, so that none goes unnoticed.
   */
  private static JsonArray fields(ReportDigest digest) {
    List<ReportDigest.KeyAttribute> shown = digest.keyAttributes();
    int omitted = digest.moreAttributes();
    int room = omitted > 0 || shown.size() > FIELDS_MAX ? FIELDS_MAX - 1 : FIELDS_MAX;
    if (shown.size() > room) {
      omitted += shown.size() - room;
      shown = shown.subList(0, room);
    }
    JsonArray fields = new JsonArray();
    for (ReportDigest.KeyAttribute attribute : shown) {
      String name = attribute.key().isEmpty() ? attribute.type() : attribute.key();
      fields.add(mrkdwn(SlackText.truncate("*" + SlackText.escape(name) + "*\n" + SlackText.escape(attribute.value()),
          FIELD_MAX)));
    }
    if (omitted > 0) {
      fields.add(mrkdwn("*More*\n" + omitted + (omitted == 1 ? " more attribute" : " more attributes")
          + " in the report"));
    }
    return fields;
  }

  private static String findings(ReportDigest digest) {
    if (digest.findings().isEmpty()) {
      return "*Findings*\nNo inspector found anything.";
    }
    StringBuilder text = new StringBuilder("*Findings*");
    for (ReportDigest.FindingLine line : digest.findings()) {
      text.append("\n• ").append(SlackText.escape(line.text()));
    }
    if (digest.moreFindings() > 0) {
      text.append("\n• …and ").append(digest.moreFindings()).append(" more");
    }
    return SlackText.truncate(text.toString(), SECTION_MAX);
  }

  /** Context elements (at most 10 in Block Kit): version, alert count, first and last seen, the report id. */
  private static JsonArray context(Report report, ReportDigest digest) {
    JsonArray elements = new JsonArray()
        .add(mrkdwn("Version " + digest.version()))
        .add(mrkdwn(digest.alertCount() + (digest.alertCount() == 1 ? " alert" : " alerts")));
    if (digest.firstSeen() != null) {
      elements.add(mrkdwn("First seen " + date(digest.firstSeen())));
      elements.add(mrkdwn("Last seen " + date(digest.lastSeen())));
    }
    elements.add(mrkdwn("Report " + SlackText.escape(report.id())));
    return elements;
  }

  /** Slack's date token, which each reader sees in their own time zone, with the UTC time as fallback. */
  private static String date(Instant at) {
    return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time}|" + at + ">";
  }


}
