package org.alertresponder.launcher.config;

import org.alertresponder.adapter.aws.AwsConnection;
import org.alertresponder.engine.api.AlertValidator;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.Durations;
import org.alertresponder.engine.api.EngineConfig;
import org.alertresponder.engine.api.Severity;
import org.alertresponder.engine.internal.AttributeFormats;
import org.alertresponder.engine.spi.Backoff;
import org.alertresponder.engine.spi.ConfigurationException;
import org.alertresponder.engine.spi.EmitterFilter;
import org.alertresponder.engine.spi.EmitterSpec;
import org.alertresponder.engine.spi.InspectorSpec;
import org.alertresponder.engine.spi.PluginNames;
import org.alertresponder.engine.spi.PluginOptions;
import org.alertresponder.engine.spi.RateLimit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a configuration file's tree into a {@link LauncherConfig}, strictly: every key is known, every
 * value has the right form, and what is wrong is named by its path. The keys and their defaults are
 * documented in {@code config/README.md}.
 */
public final class LauncherConfigBinder {
  public static final int DEFAULT_PORT = 8080;
  public static final long DEFAULT_BODY_LIMIT = 1024 * 1024;
  public static final int DEFAULT_MAX_BATCH = 1000;
  private static final List<String> STORE_TYPES = List.of("sqlite", "memory", "dynamodb");
  public static final String DEFAULT_STORE_PATH = "data/alertresponder.db";
  private static final Set<String> SCOPES = Set.of("read", "write");
  private static final int MIN_TOKEN_LENGTH = 16;

  private final Function<String, String> environment;

  public LauncherConfigBinder(Function<String, String> environment) {
    this.environment = environment;
  }

  /** The embedded default: what {@code serve} runs without a configuration file. */
  public static LauncherConfig defaults(Path workingDir) {
    return new LauncherConfigBinder(name -> null).bind(ConfigNode.absent(""), workingDir);
  }

  public LauncherConfig bind(ConfigNode root, Path configDir) {
    HttpSettings http = http(root.section("http"));
    LauncherConfig.StoreSettings store = store(root.section("store"), configDir);
    EngineConfig.Builder engine = EngineConfig.builder();
    LauncherConfig.SqsIntake sqsIntake = intake(root.section("intake"), engine);
    aggregation(root.section("aggregation"), engine);
    inspection(root.section("inspection"), engine);
    review(root.section("review"), engine);
    emission(root.section("emission"), engine);
    timers(root.section("timers"), engine);
    List<InspectorDeclaration> inspectors = inspectors(root);
    LauncherConfig.ReviewerDeclaration reviewer = reviewer(root.section("reviewer"));
    engine.reviewer(reviewer.name());
    List<LauncherConfig.EmitterDeclaration> emitters = emitters(root);
    root.requireAllRead();
    EngineConfig engineConfig;
    try {
      engineConfig = engine.build();
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("(engine)", "valid engine settings", e.getMessage());
    }
    return new LauncherConfig(http, store, engineConfig, inspectors, reviewer, emitters, configDir, sqsIntake);
  }

  // ---- http -----------------------------------------------------------------------------------

  private HttpSettings http(ConfigNode node) {
    String host = node.string("host", "127.0.0.1");
    int port = node.integer("port", DEFAULT_PORT, 0, 65535);
    HttpSettings.Auth auth = auth(node, host);
    ConfigNode limits = node.section("limits");
    long bodyLimit = limits.size("body", DEFAULT_BODY_LIMIT, 1024, 64L * 1024 * 1024);
    int maxBatch = limits.integer("batch", DEFAULT_MAX_BATCH, 1, 10_000);
    limits.requireAllRead();
    boolean requestLog = node.bool("request-log", true);
    int instances = node.integer("instances", Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 4)), 1,
        64);
    boolean console = node.bool("console", true);
    node.requireAllRead();
    return new HttpSettings(host, port, auth, bodyLimit, maxBatch, requestLog, instances, console);
  }

  private HttpSettings.Auth auth(ConfigNode http, String host) {
    ConfigNode node = http.get("auth");
    if (node.isNull()) {
      if (!isLoopback(host)) {
        throw node.error("tokens (or the word none, to serve without authentication on purpose), because "
            + "http.host " + host + " is reachable beyond this machine", "no authentication");
      }
      return HttpSettings.Auth.none();
    }
    if (!node.isMapping()) {
      String value = node.text("none, or a mapping with tokens");
      if ("none".equals(value)) {
        return HttpSettings.Auth.none();
      }
      throw node.error("none, or a mapping with tokens", node.describe());
    }
    List<HttpSettings.Token> tokens = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigNode item : node.list("tokens")) {
      if (!item.isMapping()) {
        throw item.error("a token: name, scopes and env or sha256", item.describe());
      }
      String name = item.requiredString("name");
      if (!names.add(name)) {
        throw item.get("name").error("a name no other token has", "\"" + name + "\" twice");
      }
      Set<String> scopes = new LinkedHashSet<>(item.strings("scopes"));
      if (scopes.isEmpty() || !SCOPES.containsAll(scopes)) {
        throw item.get("scopes").error("a list of read and/or write", String.valueOf(scopes));
      }
      boolean fromEnv = item.has("env");
      boolean hashed = item.has("sha256");
      if (fromEnv == hashed) {
        throw item.error("exactly one of env (the environment variable holding the token) or sha256 (its hex "
            + "SHA-256)", fromEnv ? "both" : "neither");
      }
      byte[] digest;
      if (fromEnv) {
        String variable = item.requiredString("env");
        if (!variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
          // Never echoed: a token written here by mistake (env: ${TOKEN}) must not reach a log.
          throw item.get("env").error("the name of the environment variable holding the token (letters, digits "
              + "and _), not the token itself", "something else (not shown)");
        }
        String token = environment.apply(variable);
        if (token == null || token.length() < MIN_TOKEN_LENGTH) {
          throw item.get("env").error("the environment variable " + variable + " to hold a token of at least "
              + MIN_TOKEN_LENGTH + " characters", token == null ? "no such variable in the environment" : "a shorter value");
        }
        digest = sha256(token);
      } else {
        String hex = item.requiredString("sha256").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
          throw item.get("sha256").error("64 hex digits (the SHA-256 of the token)", "a value of " + hex.length()
              + " characters");
        }
        digest = HexFormat.of().parseHex(hex);
      }
      item.requireAllRead();
      tokens.add(new HttpSettings.Token(name, scopes, digest));
    }
    node.requireAllRead();
    if (tokens.isEmpty()) {
      throw node.get("tokens").error("at least one token (or auth: none)", "none");
    }
    return new HttpSettings.Auth(true, tokens);
  }

  /** True for a loopback IP literal or "localhost"; any other name is treated as reachable. */
  public static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (AttributeFormats.isIpv4(host)) {
      return host.startsWith("127.");
    }
    String canonical = AttributeFormats.canonicalIpv6(host);
    return "::1".equals(canonical);
  }

  public static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  // ---- store and engine -----------------------------------------------------------------------

  private LauncherConfig.StoreSettings store(ConfigNode node, Path configDir) {
    String type = node.oneOf("type", "sqlite", STORE_TYPES);
    java.time.Duration retention = positive(node, "retention", java.time.Duration.ofDays(30));
    if (type.equals("dynamodb")) {
      // Only the keys of the chosen type are read, so a key of another type is reported as unknown.
      LauncherConfig.AwsStore aws = awsStore(node);
      node.requireAllRead();
      return new LauncherConfig.StoreSettings(type, null, retention, true, aws);
    }
    Path path = configDir.resolve(node.string("path", DEFAULT_STORE_PATH)).normalize();
    boolean fullSync = node.oneOf("synchronous", "full", List.of("full", "normal")).equals("full");
    node.requireAllRead();
    return new LauncherConfig.StoreSettings(type, path, retention, fullSync, null);
  }

  /** The HTTP client of the AWS SDK unless {@code store.http-client} says otherwise (adapter-aws/README.md says why). */
  static final String DEFAULT_AWS_HTTP_CLIENT = AwsConnection.DEFAULT_HTTP_CLIENT.name().toLowerCase(Locale.ROOT);

  private static LauncherConfig.AwsStore awsStore(ConfigNode node) {
    String table = node.requiredString("table");
    String timerQueue = node.requiredString("timer-queue");
    String workQueuePrefix = node.string("work-queue-prefix", table + "-work-");
    if (!workQueuePrefix.matches("[A-Za-z0-9_-]{1,40}")) {
      throw node.get("work-queue-prefix").error("1 to 40 letters, digits, '-' or '_' (an SQS queue name prefix)",
          "\"" + workQueuePrefix + "\"");
    }
    String deadLetters = node.string("work-dead-letter-queue", null);
    int maxReceives = node.integer("max-receives", 100, 1, 1000);
    String region = region(node, timerQueue);
    java.net.URI endpoint = uri(node, "endpoint", null);
    java.net.URI dynamoDbEndpoint = uri(node, "dynamodb-endpoint", endpoint);
    java.net.URI sqsEndpoint = uri(node, "sqs-endpoint", endpoint);
    boolean create = node.bool("create-resources", false);
    String httpClient = node.oneOf("http-client", DEFAULT_AWS_HTTP_CLIENT, List.of("vertx", "netty"));
    return new LauncherConfig.AwsStore(table, timerQueue, workQueuePrefix, deadLetters, maxReceives, region,
        dynamoDbEndpoint, sqsEndpoint, create, httpClient);
  }

  /**
   * The AWS region: as written, or the one an SQS queue URL names (https://sqs.REGION.amazonaws.com/...).
   * Without either it is an error here, rather than a lookup by the SDK that would ask the instance
   * metadata service and fail later.
   */
  private static String region(ConfigNode node, String queueUrl) {
    String region = node.string("region", null);
    if (region != null) {
      if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
        throw node.get("region").error("an AWS region like us-east-1", "\"" + region + "\"");
      }
      return region;
    }
    java.util.regex.Matcher named = java.util.regex.Pattern.compile("https://sqs\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?/.*")
        .matcher(queueUrl);
    if (named.matches()) {
      return named.group(1);
    }
    throw node.get("region").error("an AWS region like us-east-1 (the queue URL " + queueUrl + " names none)",
        "nothing");
  }

  private static java.net.URI uri(ConfigNode node, String key, java.net.URI fallback) {
    String text = node.string(key, null);
    if (text == null) {
      return fallback;
    }
    try {
      java.net.URI uri = new java.net.URI(text);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return uri;
      }
    } catch (java.net.URISyntaxException malformed) {
      // Reported below like any other bad value.
    }
    throw node.get(key).error("an http or https URL, e.g. http://127.0.0.1:8000", "\"" + text + "\"");
  }

  private LauncherConfig.SqsIntake intake(ConfigNode node, EngineConfig.Builder engine) {
    engine.maxBacklog(node.number("max-backlog", EngineConfig.defaults().intake().maxBacklog(), 1, Long.MAX_VALUE));
    LauncherConfig.SqsIntake sqs = null;
    if (node.present("sqs")) {
      ConfigNode section = node.section("sqs");
      String queue = section.requiredString("queue");
      sqs = new LauncherConfig.SqsIntake(queue, region(section, queue), uri(section, "endpoint", null));
      section.requireAllRead();
    }
    node.requireAllRead();
    return sqs;
  }

  private void aggregation(ConfigNode node, EngineConfig.Builder engine) {
    EngineConfig.Aggregation defaults = EngineConfig.defaults().aggregation();
    engine.aggregationWindow(positive(node, "window", defaults.window()));
    engine.aggregationInstances(node.integer("instances", defaults.instances(), 1, 64));
    node.requireAllRead();
  }

  private void inspection(ConfigNode node, EngineConfig.Builder engine) {
    EngineConfig.Inspection defaults = EngineConfig.defaults().inspection();
    engine.inspectionDelay(node.duration("delay", defaults.delay()));
    engine.maxDepth(node.integer("max-depth", defaults.maxDepth(), 0, 100));
    engine.maxAttributes(node.integer("max-attributes", defaults.maxAttributes(), 1, 100_000));
    node.requireAllRead();
  }

  private void review(ConfigNode node, EngineConfig.Builder engine) {
    EngineConfig.Review defaults = EngineConfig.defaults().review();
    engine.reviewDelay(node.duration("delay", defaults.delay()));
    engine.reviewEarly(node.bool("early", defaults.early()));
    engine.reviewTimeout(positive(node, "timeout", defaults.timeout()));
    engine.reviewMaxAttempts(node.integer("max-attempts", defaults.maxAttempts(), 1, 100));
    engine.reviewBackoff(backoff(node.section("backoff"), defaults.backoff()));
    node.requireAllRead();
  }

  private void emission(ConfigNode node, EngineConfig.Builder engine) {
    EngineConfig.Emission defaults = EngineConfig.defaults().emission();
    engine.emissionMaxAttempts(node.integer("max-attempts", defaults.maxAttempts(), 1, 1000));
    engine.emissionBackoff(backoff(node.section("backoff"), defaults.backoff()));
    node.requireAllRead();
  }

  private void timers(ConfigNode node, EngineConfig.Builder engine) {
    EngineConfig.Timers defaults = EngineConfig.defaults().timers();
    engine.pollInterval(node.duration("poll-interval", defaults.pollInterval()));
    engine.timerLease(positive(node, "lease", defaults.lease()));
    engine.batchSize(node.integer("batch-size", defaults.batchSize(), 1, 10_000));
    engine.timersInFlight(node.integer("max-in-flight", defaults.maxInFlight(), 1, 1_000_000));
    node.requireAllRead();
  }

  private static Backoff backoff(ConfigNode node, Backoff defaults) {
    Duration initial = node.duration("initial", defaults.initial());
    Duration max = node.duration("max", defaults.max());
    node.requireAllRead();
    if (max.compareTo(initial) < 0) {
      throw node.get("max").error("at least the initial backoff " + Durations.format(initial), Durations.format(max));
    }
    return Backoff.of(initial, max);
  }

  private static Duration positive(ConfigNode node, String key, Duration fallback) {
    Duration value = node.duration(key, fallback);
    if (value.isZero()) {
      throw node.get(key).error("a positive duration", "0");
    }
    return value;
  }

  // ---- plugins --------------------------------------------------------------------------------

  private List<InspectorDeclaration> inspectors(ConfigNode root) {
    List<InspectorDeclaration> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigNode node : root.list("inspectors")) {
      requireMapping(node, "an inspector: name, type and settings");
      String name = name(node, names);
      String type = node.requiredString("type");
      Set<String> types = words(node, "attribute-types", AlertValidator.TYPE_PATTERN,
          "attribute types (ipaddr, domain, username, filehash, url, json or your own lower-case type)");
      Set<String> contexts = words(node, "contexts", AlertValidator.CONTEXT_PATTERN,
          "lower-case context words (remote, local, subject, object, client, server, file, additional, ...)");
      Duration timeout = positive(node, "timeout", InspectorSpec.DEFAULT_TIMEOUT);
      int maxAttempts = node.integer("max-attempts", InspectorSpec.DEFAULT_MAX_ATTEMPTS, 1, 100);
      Backoff backoff = backoff(node.section("backoff"), InspectorSpec.DEFAULT_BACKOFF);
      int concurrency = node.integer("concurrency", InspectorSpec.DEFAULT_CONCURRENCY, 1, 10_000);
      RateLimit rateLimit = rateLimit(node);
      Duration cacheTtl = node.duration("cache-ttl", InspectorSpec.DEFAULT_CACHE_TTL);
      PluginOptions options = options(node);
      node.requireAllRead();
      out.add(new InspectorDeclaration(node.path(), name, type, types, contexts, timeout, maxAttempts, backoff,
          concurrency, rateLimit, cacheTtl, options));
    }
    return out;
  }

  private LauncherConfig.ReviewerDeclaration reviewer(ConfigNode node) {
    String type = node.string("type", "default");
    String name = node.string("name", type);
    try {
      PluginNames.require("reviewer", name);
    } catch (IllegalArgumentException e) {
      throw node.get("name").error("a lower-case name of at most 64 characters ([a-z][a-z0-9_-]*)",
          "\"" + name + "\"");
    }
    PluginOptions options = options(node);
    node.requireAllRead();
    return new LauncherConfig.ReviewerDeclaration(name, type, options);
  }

  private List<LauncherConfig.EmitterDeclaration> emitters(ConfigNode root) {
    if (!root.present("emitters")) {
      // The embedded default prints every publication, so that a first run shows what happened.
      return List.of(new LauncherConfig.EmitterDeclaration(EmitterSpec.of("log"), "log",
          PluginOptions.empty("emitters[0].options")));
    }
    List<LauncherConfig.EmitterDeclaration> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigNode node : root.list("emitters")) {
      requireMapping(node, "an emitter: name, type and settings");
      String name = name(node, names);
      String type = node.requiredString("type");
      List<String> severityChoices = List.of("safe", "unclassified", "urgent");
      Severity minSeverity = Severity.fromWire(node.oneOf("min-severity", "safe", severityChoices));
      Set<Severity> severities = new HashSet<>();
      for (ConfigNode item : node.list("severities")) {
        String value = item.text("one of safe, unclassified, urgent");
        if (value == null || !severityChoices.contains(value)) {
          throw item.error("one of safe, unclassified, urgent", item.describe());
        }
        severities.add(Severity.fromWire(value));
      }
      boolean firstVersionOnly = node.bool("first-version-only", false);
      Duration timeout = positive(node, "timeout", EmitterSpec.DEFAULT_TIMEOUT);
      int concurrency = node.integer("concurrency", EmitterSpec.DEFAULT_CONCURRENCY, 1, 10_000);
      PluginOptions options = options(node);
      node.requireAllRead();
      EmitterSpec spec = new EmitterSpec(name, new EmitterFilter(minSeverity, severities, firstVersionOnly), timeout,
          concurrency);
      out.add(new LauncherConfig.EmitterDeclaration(spec, type, options));
    }
    return out;
  }

  private static Set<String> words(ConfigNode node, String key, java.util.regex.Pattern pattern, String expected) {
    Set<String> out = new LinkedHashSet<>();
    List<ConfigNode> items = node.list(key);
    for (ConfigNode item : items) {
      String value = item.text(expected);
      if (value == null || !pattern.matcher(value).matches()) {
        throw item.error(expected, item.describe());
      }
      out.add(Attribute.FILEHASH_DEEPALERT.equals(value) ? Attribute.FILEHASH : value);
    }
    return out;
  }

  private static void requireMapping(ConfigNode node, String expected) {
    if (!node.isMapping()) {
      throw node.error(expected, node.describe());
    }
  }

  private static String name(ConfigNode node, Set<String> taken) {
    String name = node.requiredString("name");
    try {
      PluginNames.require("plugin", name);
    } catch (IllegalArgumentException e) {
      throw node.get("name").error("a lower-case name of at most 64 characters ([a-z][a-z0-9_-]*)",
          "\"" + name + "\"");
    }
    if (!taken.add(name)) {
      throw node.get("name").error("a name no other plugin of this kind has", "\"" + name + "\" twice");
    }
    return name;
  }

  @SuppressWarnings("unchecked")
  private static PluginOptions options(ConfigNode node) {
    ConfigNode options = node.section("options");
    return new PluginOptions(options.path(), (Map<String, Object>) options.toPlain());
  }

  /** {@code 10/s}, {@code 100/m}, {@code 5/2s}: permits per period. */
  private static RateLimit rateLimit(ConfigNode node) {
    ConfigNode value = node.get("rate-limit");
    String text = value.text("a rate like 10/s, 600/m or 5/2s");
    if (text == null) {
      return null;
    }
    String[] parts = text.trim().split("/");
    String expected = "a rate like 10/s, 600/m or 5/2s";
    if (parts.length != 2 || !parts[0].matches("\\d{1,9}") || Integer.parseInt(parts[0]) < 1) {
      throw value.error(expected, value.describe());
    }
    String period = parts[1].matches("ms|s|m|h|d") ? "1" + parts[1] : parts[1];
    try {
      Duration duration = Durations.parse(period);
      if (duration.isZero()) {
        throw value.error(expected, value.describe());
      }
      return RateLimit.of(Integer.parseInt(parts[0]), duration);
    } catch (IllegalArgumentException e) {
      throw value.error(expected, value.describe());
    }
  }
}
