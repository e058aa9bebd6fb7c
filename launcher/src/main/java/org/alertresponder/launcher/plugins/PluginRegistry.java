package org.alertresponder.launcher.plugins;

import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.EmitterFactory;
import org.alertresponder.engine.spi.InspectorFactory;
import org.alertresponder.engine.spi.ReviewerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The plugin types the launcher knows: every {@link InspectorFactory}, {@link ReviewerFactory} and
 * {@link EmitterFactory} registered through {@link ServiceLoader} on the classpath or in a jar of the
 * {@code plugins/} folder next to the configuration.
 */
public final class PluginRegistry {
  private final Map<String, InspectorFactory> inspectors;
  private final Map<String, ReviewerFactory> reviewers;
  private final Map<String, EmitterFactory> emitters;

  private PluginRegistry(Map<String, InspectorFactory> inspectors, Map<String, ReviewerFactory> reviewers,
                         Map<String, EmitterFactory> emitters) {
    this.inspectors = inspectors;
    this.reviewers = reviewers;
    this.emitters = emitters;
  }

  /** The factories visible to {@code loader}. */
  public static PluginRegistry load(ClassLoader loader) {
    return load(loader, null);
  }

  /**
   * The factories visible to {@code loader}, which includes the jars of {@code folder} (named in errors).
   *
   * @throws ConfigurationException when a plugin jar cannot be used: a provider that does not load, or
   *     two plugins claiming one type
   */
  public static PluginRegistry load(ClassLoader loader, Path folder) {
    String where = folder == null ? "the classpath" : folder.toString();
    try {
      return new PluginRegistry(
          index(ServiceLoader.load(InspectorFactory.class, loader), InspectorFactory::type, "inspector"),
          index(ServiceLoader.load(ReviewerFactory.class, loader), ReviewerFactory::type, "reviewer"),
          index(ServiceLoader.load(EmitterFactory.class, loader), EmitterFactory::type, "emitter"));
    } catch (ServiceConfigurationError | IllegalStateException | UncheckedIOException | LinkageError e) {
      throw new ConfigurationException(where, "plugin jars that load", e.getMessage());
    }
  }

  /**
   * A class loader that adds every jar of {@code pluginsDir} (if the folder exists) to {@code parent}.
   */
  public static ClassLoader withPluginJars(Path pluginsDir, ClassLoader parent) {
    if (!Files.isDirectory(pluginsDir)) {
      return parent;
    }
    List<URL> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(pluginsDir)) {
      for (Path jar : files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList()) {
        jars.add(jar.toUri().toURL());
      }
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new ConfigurationException(pluginsDir.toString(), "a readable plugins folder", e.getMessage());
    }
    return jars.isEmpty() ? parent : new URLClassLoader("alertresponder-plugins", jars.toArray(URL[]::new), parent);
  }

  public InspectorFactory inspector(String type, String path) {
    return find(inspectors, type, path, "inspector");
  }

  public ReviewerFactory reviewer(String type, String path) {
    return find(reviewers, type, path, "reviewer");
  }

  public EmitterFactory emitter(String type, String path) {
    return find(emitters, type, path, "emitter");
  }

  public List<String> inspectorTypes() {
    return List.copyOf(inspectors.keySet());
  }

  public List<String> reviewerTypes() {
    return List.copyOf(reviewers.keySet());
  }

  public List<String> emitterTypes() {
    return List.copyOf(emitters.keySet());
  }

  private static <F> F find(Map<String, F> factories, String type, String path, String kind) {
    F factory = factories.get(type);
    if (factory == null) {
      throw new ConfigurationException(path, "one of the " + kind + " types " + String.join(", ", factories.keySet())
          + " (add a plugin jar to the plugins folder for others)", "\"" + type + "\"");
    }
    return factory;
  }

  private static <F> Map<String, F> index(ServiceLoader<F> loader, Function<F, String> type, String kind) {
    Map<String, F> out = new TreeMap<>();
    for (F factory : loader) {
      F previous = out.putIfAbsent(type.apply(factory), factory);
      if (previous != null) {
        throw new IllegalStateException("two plugins provide the " + kind + " type \"" + type.apply(factory) + "\": "
            + previous.getClass().getName() + " and " + factory.getClass().getName() + "; remove one of their jars");
      }
    }
    return out;
  }
}
