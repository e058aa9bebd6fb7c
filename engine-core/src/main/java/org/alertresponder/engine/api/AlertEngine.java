package org.alertresponder.engine.api;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.alertresponder.engine.aggregation.AlertBatch;
import org.alertresponder.engine.aggregation.AggregationService;
import org.alertresponder.engine.aggregation.AggregationVerticle;
import org.alertresponder.engine.bus.Addresses;
import org.alertresponder.engine.bus.LocalCodec;
import org.alertresponder.engine.bus.ReportMessageCodec;
import org.alertresponder.engine.bus.StageBus;
import org.alertresponder.engine.emission.EmissionService;
import org.alertresponder.engine.emission.EmissionVerticle;
import org.alertresponder.engine.emission.EmitterRunner;
import org.alertresponder.engine.emission.RecentPublications;
import org.alertresponder.engine.inspection.InspectionPlan;
import org.alertresponder.engine.inspection.InspectionService;
import org.alertresponder.engine.inspection.InspectionVerticle;
import org.alertresponder.engine.inspection.InspectorRunner;
import org.alertresponder.engine.internal.ActivityTracker;
import org.alertresponder.engine.internal.PluginCalls;
import org.alertresponder.engine.internal.RunnerPumps;
import org.alertresponder.engine.internal.TrafficCounters;
import org.alertresponder.engine.internal.Wakeups;
import org.alertresponder.engine.review.DefaultReviewer;
import org.alertresponder.engine.review.ReportCompiler;
import org.alertresponder.engine.review.ReviewService;
import org.alertresponder.engine.review.ReviewVerticle;
import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.engine.spi.Clock;
import org.alertresponder.engine.spi.Emitter;
import org.alertresponder.engine.spi.EmitterSpec;
import org.alertresponder.engine.spi.EmitterVerticle;
import org.alertresponder.engine.spi.EngineObserver;
import org.alertresponder.engine.spi.Inspector;
import org.alertresponder.engine.spi.InspectorSpec;
import org.alertresponder.engine.spi.InspectorVerticle;
import org.alertresponder.engine.spi.Reviewer;
import org.alertresponder.engine.spi.ReviewerVerticle;
import org.alertresponder.engine.timer.TimerRunner;
import org.alertresponder.engine.timer.TimerVerticle;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The engine, embedded: build it from an adapter, plugins and a configuration, start it on a Vert.x
 * instance, submit alerts, read reports.
 *
 * <pre>{@code
 * AlertEngine engine = AlertEngine.builder()
 *     .adapter(new InMemoryAdapter())
 *     .inspector(InspectorSpec.of("whois", Attribute.IPADDR), task -> ...)
 *     .reviewer(report -> Future.succeededFuture(Verdict.urgent("...")))
 *     .emitter(EmitterSpec.of("log"), report -> ...)
 *     .build();
 * engine.start(vertx)
 *     .compose(started -> engine.submit(alert))
 *     .onSuccess(receipt -> ...);
 * }</pre>
 *
 * <p>Plugins given as implementations are deployed as verticles by {@link #start}; plugins given only
 * by spec are expected to listen on their address already (another deployment, another JVM).
 */
public final class AlertEngine {
  private static final System.Logger LOG = System.getLogger(AlertEngine.class.getName());
  private static final long SUBMIT_TIMEOUT_MILLIS = 60_000;
  private static final String ENGINE_KEY = "engine";
  /** Publications kept in memory for this instance's emitters (see {@link RecentPublications}). */
  private static final int RECENT_PUBLICATIONS = 256;

  private enum State { NEW, STARTING, RUNNING, STOPPING, STOPPED }

  private record InspectorRegistration(InspectorSpec spec, Inspector implementation) {
  }

  private record EmitterRegistration(EmitterSpec spec, Emitter implementation) {
  }

  private final Adapter adapter;
  private final EngineConfig config;
  private final Clock clock;
  private final List<InspectorRegistration> inspectors;
  private final Reviewer reviewer;
  private final List<EmitterRegistration> emitters;
  private final EngineObserver observer;
  private final InspectionPlan plan;
  private final ReportCompiler compiler;
  private final ActivityTracker tracker = new ActivityTracker();
  private final Wakeups wakeups = new Wakeups();
  private final TrafficCounters traffic = new TrafficCounters();
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final String engineId = java.util.UUID.randomUUID().toString();
  private final List<String> deployments = new ArrayList<>();
  private final AtomicLong storing = new AtomicLong();
  private final AtomicLong queuedWork = new AtomicLong();
  private Vertx vertx;
  private StageBus stages;
  private EmissionService emission;

  private AlertEngine(Builder builder) {
    this.adapter = Objects.requireNonNull(builder.adapter, "an adapter is required: .adapter(new InMemoryAdapter())");
    this.config = builder.config;
    this.clock = builder.clock;
    this.inspectors = List.copyOf(builder.inspectors);
    this.observer = builder.observer;
    this.emitters = List.copyOf(builder.emitters);
    if (builder.reviewer != null) {
      this.reviewer = builder.reviewer;
    } else {
      this.reviewer = builder.reviewerDeployedElsewhere ? null : new DefaultReviewer();
    }
    this.plan = new InspectionPlan(inspectors.stream().map(InspectorRegistration::spec).toList());
    this.compiler = new ReportCompiler(plan);
  }

  public static Builder builder() {
    return new Builder();
  }

  public EngineConfig config() {
    return config;
  }

  public Clock clock() {
    return clock;
  }

  public Adapter adapter() {
    return adapter;
  }

  /** Opens the adapter and deploys the plugins and the stage verticles. */
  public Future<Void> start(Vertx onVertx) {
    if (!state.compareAndSet(State.NEW, State.STARTING)) {
      return Future.failedFuture(new IllegalStateException("engine already " + state.get().name().toLowerCase()
          + "; build a new engine to start again"));
    }
    this.vertx = onVertx;
    // Stage addresses are the same for every engine, so two engines on one Vert.x instance would take
    // each other's messages: refuse the second one.
    String running = engines().putIfAbsent(ENGINE_KEY, engineId);
    if (running != null) {
      state.set(State.STOPPED);
      return Future.failedFuture(new IllegalStateException("another AlertResponder engine already runs on this "
          + "Vert.x instance; run one engine per Vert.x instance"));
    }
    LocalCodec.register(vertx.eventBus());
    ReportMessageCodec.register(vertx.eventBus());
    stages = new StageBus(vertx, tracker);
    PluginCalls calls = new PluginCalls(vertx, clock, tracker, traffic);
    List<EmitterSpec> emitterSpecs = emitters.stream().map(EmitterRegistration::spec).toList();
    RecentPublications recentPublications = new RecentPublications(RECENT_PUBLICATIONS);
    List<EmitterRunner> emitterRunners = new ArrayList<>();
    for (EmitterSpec spec : emitterSpecs) {
      emitterRunners.add(new EmitterRunner(spec, adapter.reports(), adapter.outbox(), clock, calls, tracker, config,
          observer, recentPublications));
    }
    emission = new EmissionService(adapter.reports(), adapter.outbox(), emitterSpecs, clock, wakeups,
        recentPublications, emitterRunners);
    ReviewService review = new ReviewService(adapter.reports(), adapter.timers(), compiler, emission, clock, config,
        calls, wakeups, tracker, observer, stages);
    InspectionService inspection = new InspectionService(adapter.reports(), plan, config, tracker, this::reviewEarly);
    List<InspectorRunner> inspectorRunners = new ArrayList<>();
    for (InspectorRegistration registration : inspectors) {
      InspectorRunner runner = new InspectorRunner(registration.spec(), inspection, adapter.reports(), adapter.work(),
          adapter.cache(), clock, calls, tracker, config.timers().batchSize(), observer, queuedWork);
      inspection.attach(runner);
      inspectorRunners.add(runner);
    }
    AggregationService aggregation = new AggregationService(adapter.reports(), adapter.timers(), clock, config,
        wakeups, observer);

    // Plugins and the stages that consume messages deploy together; the timer and aggregation stages,
    // which send messages to them, deploy once those listen.
    List<Supplier<Future<Void>>> listeners = new ArrayList<>();
    for (InspectorRegistration registration : inspectors) {
      if (registration.implementation() != null) {
        listeners.add(() -> deploy(new InspectorVerticle(registration.spec().name(), registration.implementation())));
      }
    }
    if (reviewer != null) {
      listeners.add(() -> deploy(new ReviewerVerticle(config.review().reviewer(), reviewer)));
    }
    for (EmitterRegistration registration : emitters) {
      if (registration.implementation() != null) {
        listeners.add(() -> deploy(new EmitterVerticle(registration.spec().name(), registration.implementation())));
      }
    }
    listeners.add(() -> deploy(new EmissionVerticle(emission, emitterRunners, pumps(), tracker, stages)));
    listeners.add(() -> deploy(new ReviewVerticle(review, tracker, stages)));
    listeners.add(() -> deploy(new InspectionVerticle(inspection, inspectorRunners, pumps(), tracker, stages)));
    return adapter.open(vertx, clock)
        .compose(v -> Future.all(listeners.stream().map(Supplier::get).toList()))
        .compose(v -> Future.all(
            deploy(new TimerVerticle(new TimerRunner(adapter.timers(), clock, tracker, config, stages, observer),
                pumps())),
            deploy(() -> new AggregationVerticle(aggregation, tracker, stages), config.aggregation().instances())))
        .<Void>mapEmpty()
        .onSuccess(v -> {
          state.set(State.RUNNING);
          LOG.log(Level.INFO, "engine started on " + adapter.describe() + " with " + inspectors.size()
              + " inspector(s), "
              + emitters.size() + " emitter(s)");
        })
        .recover(failure -> {
          state.set(State.STOPPING);
          return undeployAll().eventually(adapter::close).transform(ignored -> {
            engines().remove(ENGINE_KEY, engineId);
            state.set(State.STOPPED);
            return Future.failedFuture(failure);
          });
        });
  }

  /**
   * Validates an alert and accepts it: stored in its report, its inspection and review scheduled.
   *
   * @return the receipt once stored; fails with {@link InvalidAlertException} (nothing stored) naming
   *     every broken rule, or {@link BacklogFullException} (nothing stored) when too much work waits
   */
  public Future<Receipt> submit(Alert alert) {
    List<Violation> violations = AlertValidator.violations(alert);
    if (!violations.isEmpty()) {
      return Future.failedFuture(new InvalidAlertException(violations));
    }
    return admitToBacklog(1).compose(v -> store(AlertValidator.normalize(alert)));
  }

  /**
   * Validates a batch and accepts all of it: nothing is stored unless every alert is valid (violations
   * are named {@code [index].field}) and the backlog has room for the whole batch.
   *
   * @return one receipt per alert, in order; fails with {@link InvalidAlertException},
   *     {@link BacklogFullException} (nothing stored in either case) or {@link BatchSubmissionException}
   *     when the store failed after some alerts were stored
   */
  public Future<List<Receipt>> submitAll(List<Alert> alerts) {
    List<Violation> violations = new ArrayList<>();
    List<ValidAlert> valid = new ArrayList<>(alerts.size());
    for (int i = 0; i < alerts.size(); i++) {
      for (Violation violation : AlertValidator.violations(alerts.get(i))) {
        violations.add(new Violation("[" + i + "]." + violation.path(), violation.rule(), violation.limit(),
            violation.message()));
      }
      if (violations.isEmpty()) {
        valid.add(ValidAlert.checked(AlertValidator.normalize(alerts.get(i))));
      }
    }
    if (!violations.isEmpty()) {
      return Future.failedFuture(new InvalidAlertException(violations));
    }
    return submitValid(valid);
  }

  /**
   * As {@link #submitAll}, for alerts validated already ({@link AlertCodec#decodeValid}, {@link ValidAlert#of}):
   * they are not validated again.
   */
  public Future<List<Receipt>> submitValid(List<ValidAlert> alerts) {
    return admitToBacklog(alerts.size()).compose(v -> storeBatch(alerts));
  }

  /**
   * Alerts being stored and inspections this instance queued that have not ended: what
   * {@code intake.max-backlog} bounds.
   */
  public long backlog() {
    return storing.get() + Math.max(0, queuedWork.get());
  }

  /** Running, and its store answers. */
  public Future<Void> ready() {
    if (state.get() != State.RUNNING) {
      return Future.failedFuture(new IllegalStateException("engine is " + state.get().name().toLowerCase()));
    }
    return adapter.ping();
  }

  private Future<Void> admitToBacklog(int alerts) {
    if (state.get() != State.RUNNING) {
      return Future.failedFuture(new IllegalStateException("engine is " + state.get().name().toLowerCase()
          + "; alerts are accepted only while it runs"));
    }
    long backlog = backlog();
    long bound = config.intake().maxBacklog();
    // An empty engine takes any batch, so that a batch larger than the bound is not refused for ever.
    if (backlog > 0 && backlog + alerts > bound) {
      return Future.failedFuture(new BacklogFullException(backlog, bound, Duration.ofSeconds(1)));
    }
    return Future.succeededFuture();
  }

  /** Stores a batch through the aggregation stage in one message; fails as {@link #submitAll} says. */
  private Future<List<Receipt>> storeBatch(List<ValidAlert> alerts) {
    List<Alert> batch = new ArrayList<>(alerts.size());
    alerts.forEach(valid -> batch.add(valid.alert()));
    storing.addAndGet(batch.size());
    return stages.<AlertBatch.Outcome>request(Addresses.AGGREGATE_BATCH, ActivityTracker.ENGINE, new AlertBatch(batch),
            SUBMIT_TIMEOUT_MILLIS)
        .andThen(ar -> storing.addAndGet(-batch.size()))
        .transform(ar -> {
          if (ar.failed()) {
            List<Receipt> none = new ArrayList<>(java.util.Collections.nCopies(batch.size(), null));
            return Future.failedFuture(new BatchSubmissionException(none, ar.cause()));
          }
          AlertBatch.Outcome outcome = ar.result();
          return outcome.failure() == null ? Future.succeededFuture(outcome.receipts())
              : Future.failedFuture(new BatchSubmissionException(outcome.receipts(), outcome.failure()));
        });
  }

  private Future<Receipt> store(Alert alert) {
    storing.incrementAndGet();
    return stages.<Receipt>request(Addresses.AGGREGATE, ActivityTracker.ENGINE, alert, SUBMIT_TIMEOUT_MILLIS)
        .andThen(ar -> storing.decrementAndGet());
  }

  /** The report as it stands now, compiled; empty when no report has that id. */
  public Future<Optional<Report>> report(String id) {
    return adapter.reports().load(id).map(found -> found.map(compiler::compile));
  }

  /** One published version exactly as it was published. */
  public Future<Optional<Report>> publication(String id, int version) {
    return adapter.reports().publication(id, version);
  }

  /** Report headers, newest first. */
  public Future<Page<ReportHeader>> reports(ReportQuery query) {
    return adapter.reports().query(query);
  }

  /** Deliveries that exhausted their attempts, oldest first. */
  public Future<Page<Delivery>> deadLetters(String cursor, int limit) {
    return adapter.outbox().deadLetters(cursor, limit);
  }

  /**
   * Sends a dead letter again, with fresh attempts.
   *
   * @return fails with {@link NoSuchElementException} when there is no dead letter with that id
   */
  public Future<Delivery> replay(String deliveryId) {
    if (state.get() != State.RUNNING) {
      return Future.failedFuture(new IllegalStateException("engine is not running"));
    }
    return emission.replay(deliveryId);
  }

  /**
   * Completes once nothing is running and nothing is due: every stage has drained what the current time
   * allows. Work waiting on the clock (a backoff, a later timer) does not count.
   */
  public Future<Void> whenIdle() {
    return whenIdle(Set.of());
  }

  /**
   * As {@link #whenIdle()}, ignoring the given activity tags: typically the requests in flight to a
   * plugin that a test deliberately holds ({@code call:inspector:<name>}, {@code call:reviewer},
   * {@code call:emitter:<name>}).
   */
  public Future<Void> whenIdle(Set<String> ignoredActivity) {
    // Idle twice in a row with every pump forced through a round in between, and no work started by
    // those rounds: nothing was left claimable that a missed wake-up could have hidden.
    return tracker.whenIdle(ignoredActivity).compose(v -> {
      long before = tracker.epoch();
      wakeups.wakeAll();
      return tracker.whenIdle(ignoredActivity).compose(w -> tracker.epoch() == before
          ? Future.succeededFuture() : whenIdle(ignoredActivity));
    });
  }

  /**
   * Requests in flight to a plugin: {@code inspector:<name>}, {@code reviewer} or {@code emitter:<name>}.
   */
  public int callsInFlight(String plugin) {
    return tracker.count(ActivityTracker.call(plugin));
  }

  /**
   * Requests sent to a plugin and answers received, since start: {@code inspector:<name>},
   * {@code reviewer} or {@code emitter:<name>}.
   */
  public PluginTraffic pluginTraffic(String plugin) {
    return traffic.get(plugin);
  }

  /** Stops intake, undeploys the stage and plugin verticles and closes the adapter. */
  public Future<Void> stop() {
    State previous = state.getAndSet(State.STOPPING);
    if (previous == State.STOPPED || previous == State.STOPPING || previous == State.NEW) {
      state.set(previous == State.NEW ? State.STOPPED : previous);
      return Future.succeededFuture();
    }
    return undeployAll().eventually(adapter::close).onComplete(ar -> {
      engines().remove(ENGINE_KEY, engineId);
      state.set(State.STOPPED);
    }).mapEmpty();
  }

  private io.vertx.core.shareddata.LocalMap<String, String> engines() {
    return vertx.sharedData().getLocalMap("alertresponder.engines");
  }

  private RunnerPumps pumps() {
    return new RunnerPumps(clock, tracker, wakeups, config.timers().pollInterval());
  }

  private void reviewEarly(org.alertresponder.engine.timer.ReviewTimer request) {
    stages.request(Addresses.REVIEW, ActivityTracker.REVIEWER, request, config.timerLease().toMillis())
        .onFailure(e -> LOG.log(Level.WARNING, "early review of " + request.reportId() + " failed; the review timer "
            + "will review it: " + e.getMessage()));
  }

  private Future<Void> deploy(io.vertx.core.Deployable verticle) {
    return vertx.deployVerticle(verticle).map(this::deployed);
  }

  private Future<Void> deploy(Supplier<io.vertx.core.Deployable> verticle, int instances) {
    return vertx.deployVerticle(verticle, new DeploymentOptions().setInstances(instances)).map(this::deployed);
  }

  private Void deployed(String id) {
    synchronized (deployments) {
      deployments.add(id);
    }
    return null;
  }

  private Future<Void> undeployAll() {
    Future<Void> chain = Future.succeededFuture();
    List<String> reversed;
    synchronized (deployments) {
      reversed = new ArrayList<>(deployments);
      deployments.clear();
    }
    java.util.Collections.reverse(reversed);
    for (String id : reversed) {
      chain = chain.compose(v -> vertx.undeploy(id).otherwiseEmpty());
    }
    return chain;
  }

  /** Builds an {@link AlertEngine}. */
  public static final class Builder {
    private Adapter adapter;
    private EngineConfig config = EngineConfig.defaults();
    private Clock clock = Clock.system();
    private final List<InspectorRegistration> inspectors = new ArrayList<>();
    private Reviewer reviewer;
    private boolean reviewerDeployedElsewhere;
    private EngineObserver observer = EngineObserver.NONE;
    private final List<EmitterRegistration> emitters = new ArrayList<>();
    private final Set<String> inspectorNames = new HashSet<>();
    private final Set<String> emitterNames = new HashSet<>();

    private Builder() {
    }

    public Builder adapter(Adapter value) {
      this.adapter = value;
      return this;
    }

    public Builder config(EngineConfig value) {
      this.config = Objects.requireNonNull(value, "config");
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** An inspector the engine deploys as a verticle. */
    public Builder inspector(InspectorSpec spec, Inspector implementation) {
      requireUnique(inspectorNames, "inspector", spec.name());
      inspectors.add(new InspectorRegistration(spec, Objects.requireNonNull(implementation, "implementation")));
      return this;
    }

    /** An inspector that already listens on {@code alertresponder.inspector.<name>}. */
    public Builder inspector(InspectorSpec spec) {
      requireUnique(inspectorNames, "inspector", spec.name());
      inspectors.add(new InspectorRegistration(spec, null));
      return this;
    }

    /** The reviewer, deployed under the configuration's reviewer name. */
    public Builder reviewer(Reviewer implementation) {
      this.reviewer = Objects.requireNonNull(implementation, "reviewer");
      return this;
    }

    /** The reviewer named in the configuration already listens on its address; deploy none. */
    public Builder reviewerDeployedElsewhere() {
      this.reviewerDeployedElsewhere = true;
      return this;
    }

    /** An emitter the engine deploys as a verticle. */
    public Builder emitter(EmitterSpec spec, Emitter implementation) {
      requireUnique(emitterNames, "emitter", spec.name());
      emitters.add(new EmitterRegistration(spec, Objects.requireNonNull(implementation, "implementation")));
      return this;
    }

    /** An emitter that already listens on {@code alertresponder.emitter.<name>}. */
    public Builder emitter(EmitterSpec spec) {
      requireUnique(emitterNames, "emitter", spec.name());
      emitters.add(new EmitterRegistration(spec, null));
      return this;
    }

    /** Hears what the engine does, for metrics. */
    public Builder observer(EngineObserver value) {
      this.observer = Objects.requireNonNull(value, "observer");
      return this;
    }

    public AlertEngine build() {
      return new AlertEngine(this);
    }

    private static void requireUnique(Set<String> names, String kind, String name) {
      if (!names.add(name)) {
        throw new IllegalArgumentException("two " + kind + "s are named " + name + "; names must be unique");
      }
    }
  }
}
