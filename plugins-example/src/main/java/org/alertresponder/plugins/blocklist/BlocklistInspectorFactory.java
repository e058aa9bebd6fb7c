package org.alertresponder.plugins.blocklist;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileProps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.Inspector;
import org.alertresponder.engine.spi.InspectorFactory;
import org.alertresponder.engine.spi.InspectionResult;
import org.alertresponder.engine.spi.InspectionTask;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginOptions;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The inspector type {@code blocklist}: IP addresses, networks, domains and file hashes from local feed files.
 *
 * <pre>
 * inspectors:
 *   - name: blocklist
 *     type: blocklist
 *     options:
 *       feeds:
 *         - path: feeds/drop.txt             # one entry a line, # or ; comments (name: drop)
 *         - name: urlhaus
 *           path: feeds/urlhaus.csv          # CSV: the column by number or header name
 *           column: 3
 *         - {path: feeds/hashes.txt, kind: hash}
 *       reload-interval: 30s                 # re-read a feed when it changes (0: never)
 * </pre>
 *
 * <p>A match is a {@code host} finding (for addresses, domains and URLs' hosts) or a {@code binary} finding
 * (for file hashes) with {@code blocklisted: true}, {@code lists} (every feed that lists it) and
 * {@code matched} (the entry: the network, the parent domain, or the hash). No match: no finding.
 */
public final class BlocklistInspectorFactory implements InspectorFactory {
  private static final System.Logger LOG = System.getLogger(BlocklistInspectorFactory.class.getName());

  @Override
  public String type() {
    return "blocklist";
  }

  @Override
  public Set<String> defaultAttributeTypes() {
    return Set.of(Attribute.IPADDR, Attribute.DOMAIN, Attribute.FILEHASH, Attribute.URL);
  }

  @Override
  public Inspector create(PluginContext context) {
    PluginOptions options = context.options();
    Object value = options.raw("feeds");
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      throw new ConfigurationException(options.pathOf("feeds"), "a list of feed files", PluginOptions.describe(value));
    }
    if (list.size() > Blocklist.MAX_FEEDS) {
      throw new ConfigurationException(options.pathOf("feeds"), "at most " + Blocklist.MAX_FEEDS
          + " feeds (configure a second blocklist inspector for more)", list.size() + " feeds");
    }
    List<Feed> feeds = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      feeds.add(Feed.fromOptions(options.pathOf("feeds") + "[" + i + "]", list.get(i), options, context::resolve));
    }
    if (feeds.stream().map(Feed::name).distinct().count() < feeds.size()) {
      throw new ConfigurationException(options.pathOf("feeds"), "feeds with distinct names (set name on each)",
          "two feeds named alike");
    }
    Duration reload = options.duration("reload-interval", Duration.ofSeconds(30));
    BlocklistInspector inspector = new BlocklistInspector(context.name(), context.vertx(), feeds);
    // At start-up a feed that cannot be read stops the server: better than inspecting against nothing.
    inspector.loadAtStart();
    if (!reload.isZero()) {
      inspector.reloadTimer = context.vertx().setPeriodic(reload.toMillis(), id -> inspector.reloadIfChanged());
    }
    return inspector;
  }

  /** Answers from the feeds as last loaded; a reload swaps the whole index at once. */
  static final class BlocklistInspector implements Inspector, AutoCloseable {
    private final String name;
    private final Vertx vertx;
    private final List<Feed> feeds;
    private volatile Blocklist blocklist;
    private volatile List<String> versions = List.of();
    private final AtomicBoolean reloading = new AtomicBoolean();
    /** The reload timer, or -1 without one. */
    volatile long reloadTimer = -1;

    BlocklistInspector(String name, Vertx vertx, List<Feed> feeds) {
      this.name = name;
      this.vertx = vertx;
      this.feeds = List.copyOf(feeds);
    }

    @Override
    public Future<InspectionResult> inspect(InspectionTask task) {
      Attribute attribute = task.attribute();
      Blocklist current = blocklist;
      String value = attribute.value();
      Blocklist.Match match;
      String type = Finding.HOST;
      switch (attribute.type()) {
        case Attribute.IPADDR -> match = current.address(value);
        case Attribute.DOMAIN -> match = current.domain(value);
        case Attribute.FILEHASH -> {
          match = current.fileHash(value);
          type = Finding.BINARY;
        }
        case Attribute.URL -> match = ofUrl(current, value);
        default -> {
          // A custom type: whatever the value looks like.
          Blocklist.Match address = current.address(value);
          match = address != null ? address : Feed.isFileHash(value) ? current.fileHash(value) : current.domain(value);
        }
      }
      if (match == null) {
        return Future.succeededFuture(InspectionResult.empty());
      }
      JsonObject content = new JsonObject().put("blocklisted", true).put("lists", new JsonArray(match.feeds()))
          .put("matched", match.matched());
      return Future.succeededFuture(InspectionResult.of(Finding.of(type, content)));
    }

    /** Stops reloading the feeds; the engine calls it when it stops. */
    @Override
    public void close() {
      if (reloadTimer >= 0) {
        vertx.cancelTimer(reloadTimer);
      }
    }

    /** The entries now loaded, for tests and start-up output. */
    int entries() {
      return blocklist.entries();
    }

    void loadAtStart() {
      try {
        blocklist = load();
        versions = versionsNow();
      } catch (IOException e) {
        throw new ConfigurationException(name, "readable feed files", e.getMessage());
      }
    }

    /**
     * Reloads every feed when one has changed (its size or modification time); completes with whether it
     * reloaded. A feed that cannot be read now keeps the previous entries, with one warning.
     */
    Future<Boolean> reloadIfChanged() {
      if (!reloading.compareAndSet(false, true)) {
        return Future.succeededFuture(false);
      }
      List<Future<FileProps>> props = feeds.stream().map(feed -> vertx.fileSystem().props(feed.path().toString())).toList();
      return Future.join(props).transform(all -> {
        List<String> now = new ArrayList<>();
        for (int i = 0; i < props.size(); i++) {
          FileProps p = props.get(i).result();
          now.add(p == null ? "missing" : stamp(p.size(), p.lastModifiedTime()));
        }
        if (now.equals(versions)) {
          return Future.succeededFuture(false);
        }
        return vertx.executeBlocking(this::load, false).map(loaded -> {
          blocklist = loaded;
          versions = now;
          LOG.log(System.Logger.Level.INFO, "blocklist " + name + ": reloaded " + loaded.entries() + " entries");
          return true;
        });
      }).recover(failure -> {
        LOG.log(System.Logger.Level.WARNING, "blocklist " + name + ": kept the previous entries, a feed could not be "
            + "reloaded: " + failure.getMessage());
        return Future.succeededFuture(false);
      }).onComplete(done -> reloading.set(false));
    }

    /** What tells one version of a feed file from the next: its size and modification time. */
    private static String stamp(long size, long modifiedMillis) {
      return size + "@" + modifiedMillis;
    }

    private List<String> versionsNow() throws IOException {
      List<String> out = new ArrayList<>();
      for (Feed feed : feeds) {
        out.add(stamp(java.nio.file.Files.size(feed.path()),
            java.nio.file.Files.getLastModifiedTime(feed.path()).toMillis()));
      }
      return out;
    }

    private Blocklist load() throws IOException {
      long expected = 0;
      for (Feed feed : feeds) {
        expected += Math.max(0, java.nio.file.Files.size(feed.path()) / 16);
      }
      Blocklist.Builder builder = new Blocklist.Builder((int) Math.min(expected, 1 << 26));
      for (Feed feed : feeds) {
        int index = builder.feed(feed.name());
        Feed.Counts counts = feed.read(builder, index);
        if (counts.entries() == 0 && counts.unrecognised() > 0) {
          throw new ConfigurationException(feed.optionPath(), "entries (IP addresses, networks, domains or file hashes"
              + (feed.kind().equals("auto") ? "" : " of kind " + feed.kind()) + ") in " + feed.path(),
              "none in " + counts.unrecognised() + " lines (line " + counts.firstUnrecognisedLine() + ": \""
                  + counts.firstUnrecognised() + "\")");
        }
        if (counts.unrecognised() > 0) {
          LOG.log(System.Logger.Level.WARNING, "blocklist " + name + ": " + feed.path() + ": skipped "
              + counts.unrecognised() + " lines that are not entries (first: line " + counts.firstUnrecognisedLine() + ")");
        }
      }
      return builder.build();
    }

    private static Blocklist.Match ofUrl(Blocklist blocklist, String url) {
      try {
        String host = new URI(url.strip()).getHost();
        if (host == null) {
          return null;
        }
        host = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        Blocklist.Match address = blocklist.address(host);
        return address != null ? address : blocklist.domain(host);
      } catch (java.net.URISyntaxException e) {
        return null;
      }
    }
  }
}
