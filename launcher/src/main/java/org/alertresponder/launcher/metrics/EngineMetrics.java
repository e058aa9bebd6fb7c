package org.alertresponder.launcher.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import org.alertresponder.adapter.aws.AwsConnection;
import org.alertresponder.engine.api.AlertEngine;
import org.alertresponder.engine.api.InspectionStatus;
import org.alertresponder.engine.api.Receipt;
import org.alertresponder.engine.api.ReportStatus;
import org.alertresponder.engine.api.Severity;
import org.alertresponder.engine.spi.Adapter;
import org.alertresponder.engine.spi.EngineObserver;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The server's Prometheus metrics: what the engine reports through {@link EngineObserver}, what the HTTP
 * API refuses, and queue depths sampled from the store. Every name starts with {@code alertresponder_}.
 */
public final class EngineMetrics implements EngineObserver {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter accepted;
  private final Counter created;
  private final Map<String, AtomicLong> depths = new ConcurrentHashMap<>();

  public EngineMetrics() {
    accepted = Counter.builder("alertresponder_alerts_accepted").description("Alerts stored in a report")
        .register(registry);
    created = Counter.builder("alertresponder_reports_new").description("Reports created (a Prometheus name may not end in _created)").register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    if (awsRequests != null) {
      for (AwsConnection.RequestCount count : awsRequests.get()) {
        awsCounts.computeIfAbsent(count.service() + " " + count.operation(), key -> {
          AtomicLong value = new AtomicLong();
          FunctionCounter.builder("alertresponder_aws_requests", value, AtomicLong::get)
              .description("Requests sent to AWS (each billed), by service and operation")
              .tag("service", count.service()).tag("operation", count.operation()).register(registry);
          return value;
        }).set(count.count());
      }
    }
    return registry.scrape();
  }

  private volatile Supplier<List<AwsConnection.RequestCount>> awsRequests;
  private final Map<String, AtomicLong> awsCounts = new ConcurrentHashMap<>();

  /** Exposes the requests the AWS store sent, read at each scrape. */
  public void watchAwsRequests(Supplier<List<AwsConnection.RequestCount>> counts) {
    this.awsRequests = counts;
  }

  /** An alert the API refused: {@code invalid}, {@code backlog} or {@code unavailable}. */
  public void alertsRejected(String reason, int count) {
    Counter.builder("alertresponder_alerts_rejected").description("Alerts refused by the API, by reason")
        .tag("reason", reason).register(registry).increment(count);
  }

  @Override
  public void alertAccepted(Receipt receipt) {
    accepted.increment();
  }

  @Override
  public void reportStatusChanged(ReportStatus from, ReportStatus to) {
    if (from == null) {
      created.increment();
    }
    Counter.builder("alertresponder_report_transitions").description("Reports entering a status")
        .tag("status", to.wireName()).register(registry).increment();
  }

  @Override
  public void reportPublished(Severity severity, int version) {
    Counter.builder("alertresponder_reports_published").description("Published report versions, by severity")
        .tag("severity", severity.wireName()).tag("version", version == 1 ? "first" : "later").register(registry)
        .increment();
  }

  @Override
  public void reviewerFailed(String reviewer) {
    Counter.builder("alertresponder_reviewer_failures").description("Reviews that fell back to unclassified")
        .tag("reviewer", reviewer).register(registry).increment();
  }

  @Override
  public void inspectionFinished(String inspector, InspectionStatus status, Duration latency, boolean cached) {
    Timer.builder("alertresponder_inspection_duration").description("Inspections, by inspector and outcome")
        .tag("inspector", inspector).tag("status", status.wireName()).tag("cached", String.valueOf(cached))
        .register(registry).record(latency);
    if (status != InspectionStatus.DONE) {
      Counter.builder("alertresponder_inspection_errors").description("Inspections that failed or timed out")
          .tag("inspector", inspector).tag("status", status.wireName()).register(registry).increment();
    }
  }

  @Override
  public void deliveryAttempted(String emitter, boolean delivered) {
    Counter.builder("alertresponder_delivery_attempts").description("Delivery attempts, by emitter and outcome")
        .tag("emitter", emitter).tag("outcome", delivered ? "delivered" : "failed").register(registry).increment();
  }

  @Override
  public void deadLettered(String emitter) {
    Counter.builder("alertresponder_dead_letters").description("Deliveries that became dead letters")
        .tag("emitter", emitter).register(registry).increment();
  }

  @Override
  public void timerFired(String kind, Duration lag) {
    Timer.builder("alertresponder_timer_lag").description("How late durable timers fired, by kind")
        .tag("kind", kind).register(registry).record(lag.isNegative() ? Duration.ZERO : lag);
  }

  /** Registers gauges for the engine's backlog and the store's queue depths. */
  public void watch(AlertEngine engine) {
    Gauge.builder("alertresponder_backlog", engine, AlertEngine::backlog)
        .description("Alerts being stored plus inspections queued (bounded by intake.max-backlog)").register(registry);
  }

  /** Samples queue depths from the store; call periodically. */
  public Future<Void> sampleQueues(Adapter adapter, Iterable<String> inspectors, Iterable<String> emitters) {
    Future<Void> all = adapter.timers().size().map(size -> depth("timers", size));
    for (String inspector : inspectors) {
      all = all.compose(v -> adapter.work().size(inspector).map(size -> depth("inspector:" + inspector, size)));
    }
    for (String emitter : emitters) {
      all = all.compose(v -> adapter.outbox().pending(emitter).map(size -> depth("emitter:" + emitter, size)));
    }
    return all;
  }

  private Void depth(String queue, long size) {
    depths.computeIfAbsent(queue, q -> {
      AtomicLong value = new AtomicLong();
      Gauge.builder("alertresponder_queue_depth", value, AtomicLong::get)
          .description("Items waiting or in flight, by queue (timers, inspector:<name>, emitter:<name>)")
          .tag("queue", q).register(registry);
      return value;
    }).set(size);
    return null;
  }

  /** Inspections of {@code inspector} that ended with {@code status} (failed, timed out) since start. */
  public long inspectionErrors(String inspector, InspectionStatus status) {
    return count("alertresponder_inspection_errors", "inspector", inspector, "status", status.wireName());
  }

  /** Reviews by {@code reviewer} that fell back to unclassified since start. */
  public long reviewerFailures(String reviewer) {
    return count("alertresponder_reviewer_failures", "reviewer", reviewer);
  }

  /** Delivery attempts to {@code emitter} that failed since start. */
  public long failedDeliveries(String emitter) {
    return count("alertresponder_delivery_attempts", "emitter", emitter, "outcome", "failed");
  }

  /** Deliveries to {@code emitter} that became dead letters since start. */
  public long deadLetters(String emitter) {
    return count("alertresponder_dead_letters", "emitter", emitter);
  }

  private long count(String name, String... tags) {
    return (long) registry.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
  }
}
