package org.alertresponder.plugins.inventory;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.Inspector;
import org.alertresponder.engine.spi.InspectorFactory;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.PluginOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The inspector type {@code inventory}: an asset inventory and a user directory read from local CSV or
 * JSON files. The package documentation lists the options.
 */
public final class InventoryInspectorFactory implements InspectorFactory {
  public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(30);
  /** How long start-up waits for the first read of the files before it gives up. */
  static final Duration FIRST_READ_LIMIT = Duration.ofMinutes(2);

  @Override
  public String type() {
    return "inventory";
  }

  @Override
  public Set<String> defaultAttributeTypes() {
    return Set.of(Attribute.IPADDR, Attribute.DOMAIN, Attribute.USERNAME);
  }

  @Override
  public Inspector create(PluginContext context) {
    InventoryInspector inspector = start(context);
    if (Vertx.currentContext() == null) {
      // At start-up the engine is not running yet: waiting here lets a missing or malformed file stop it
      // with a precise message, as any other bad option does. A Vert.x thread must not wait (an event loop
      // would stall, a worker could wait for work queued behind itself), so there the inspections report
      // the failure instead.
      awaitFirstRead(inspector.loaded());
    }
    return inspector;
  }

  /** Creates the inspector and starts its first read without waiting for it. */
  static InventoryInspector start(PluginContext context) {
    PluginOptions options = context.options();
    List<String> assets = options.strings("assets", List.of());
    List<String> users = options.strings("users", List.of());
    FieldMapping assetFields = FieldMapping.assets(options);
    FieldMapping userFields = FieldMapping.users(options);
    Duration interval = options.duration("reload-interval", DEFAULT_RELOAD_INTERVAL);
    boolean trustDns = options.bool("trust-dns", false);
    if (assets.isEmpty() && users.isEmpty()) {
      throw new ConfigurationException(options.pathOf("assets"), "a list of files (or users: a list of files)",
          "no file in either");
    }
    List<InventoryFile> files = new ArrayList<>();
    addFiles(context, "assets", assets, InventoryFile.Kind.ASSETS, assetFields, files);
    addFiles(context, "users", users, InventoryFile.Kind.USERS, userFields, files);
    InventoryLoader loader = new InventoryLoader(context.name(), context.vertx(), context.clock(), files, interval,
        options.path());
    return new InventoryInspector(loader, loader.start(), trustDns);
  }

  private static void addFiles(PluginContext context, String option, List<String> names, InventoryFile.Kind kind,
                               FieldMapping mapping, List<InventoryFile> files) {
    for (int i = 0; i < names.size(); i++) {
      String optionPath = context.options().pathOf(option) + "[" + i + "]";
      String name = names.get(i).trim();
      if (name.isEmpty()) {
        throw new ConfigurationException(optionPath, "the path of a file", "\"\"");
      }
      InventoryFile.Format format = InventoryFile.formatOf(optionPath, name);
      files.add(new InventoryFile(optionPath, context.resolve(name), kind, format, mapping));
    }
  }

  private static void awaitFirstRead(Future<Inventory> loaded) {
    try {
      loaded.toCompletionStage().toCompletableFuture().get(FIRST_READ_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException("the inventory could not be read", e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("the inventory files were not read within " + FIRST_READ_LIMIT.toMinutes()
          + " minutes; check that their file system answers");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the inventory files", e);
    }
  }
}
