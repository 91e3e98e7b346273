package io.driftwatch.server.metrics;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.controller.ControllerStats;
import io.driftwatch.engine.controller.MonitoringController;
import io.driftwatch.engine.event.EngineEvent;
import io.driftwatch.engine.event.EngineEventListener;
import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.ProcessorSink;
import io.driftwatch.engine.port.StreamPartition;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.TimeSeriesRecords;
import io.driftwatch.engine.processor.ProcessorStats;
import io.driftwatch.server.Backend;
import io.driftwatch.server.http.Names;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The Prometheus metrics of a server (DESIGN.md §10, served at {@code /metrics} in the text format), on a Micrometer
 * Prometheus registry. Per endpoint (labels {@code project}, {@code endpoint_id}, {@code model}):
 * {@code driftwatch_predictions_total} (prediction rows), {@code driftwatch_prediction_latency_seconds} (histogram,
 * one observation per event, buckets 1, 1.5, 2, 2.5, 3, 4, 5, 10, 25 … 10,000 ms), {@code driftwatch_prediction_errors_total} (plus {@code kind}
 * {@code model_error|data_processing}); per app result (plus {@code application}, {@code result}, {@code kind}):
 * {@code driftwatch_app_result_value} and {@code driftwatch_app_result_status} (gauges of the latest window, read from
 * the time-series store at scrape time); model performance ({@link PerformanceGauges}:
 * {@code driftwatch_performance_realized}, {@code driftwatch_performance_estimated} with {@code _lower}/{@code _upper},
 * {@code driftwatch_label_coverage}); {@code driftwatch_late_rows} (gauge of the record's late-row count). Pipeline
 * health: {@code driftwatch_stream_lag_records}, the stream
 * processor's counters ({@code driftwatch_processor_*_total}), the stream log's
 * {@code driftwatch_stream_{appends,group_commits,fsyncs}_total}, {@code driftwatch_sample_flush_duration_seconds}
 * (histogram of Parquet writes), {@code driftwatch_controller_run_duration_seconds} (summary per project) with
 * {@code driftwatch_controller_run_failures_total} and {@code driftwatch_controller_last_run_duration_seconds}, and
 * {@code driftwatch_app_failures_total} ({@code project}, {@code application}; from {@code mm-app-failed} events).
 *
 * <p>Counters count what this process applied since it started (Prometheus handles resets). Event-path cost: one
 * map lookup per endpoint per processor batch plus one histogram update per event (~50 ns).
 */
public final class ServerMetrics {
    /** The longest label value exported (names are at most 253 characters). */
    static final int MAX_LABEL = Names.MAX;
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(1), Duration.ofNanos(1_500_000),
            Duration.ofMillis(2), Duration.ofNanos(2_500_000), Duration.ofMillis(3), Duration.ofMillis(4), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10)};
    private static final Duration[] FLUSH_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(25),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, EndpointMeters> endpointMeters = new ConcurrentHashMap<>();
    private final Map<String, String> modelOf = new ConcurrentHashMap<>();
    private final ResultGauges results = new ResultGauges(registry);
    private final LateRowGauges lateRows = new LateRowGauges(registry);
    private final FeatureDriftGauges featureDrift = new FeatureDriftGauges(registry);
    private final PerformanceGauges performance = new PerformanceGauges(registry);
    private final Timer flushes;
    /** Micrometer holds gauge and function-meter state weakly: keep the bound suppliers reachable. */
    private volatile Supplier<ProcessorStats> processorStats;
    private final PartitionGauges partitions = new PartitionGauges(registry);
    private volatile Supplier<Map<StreamPartition, ProcessorStats>> partitionStats = Map::of;

    private ServerMetrics() {
        flushes = Timer.builder("driftwatch.sample.flush.duration")
                .description("Parquet writes of buffered prediction rows by the stream processor")
                .serviceLevelObjectives(FLUSH_BUCKETS).register(registry);
    }

    /**
     * The ground-truth label counters (issue 20): {@code driftwatch_labels_accepted_total} (labels matched to a
     * prediction row and appended) and {@code driftwatch_labels_unmatched_total} (labels for an unknown or expired
     * prediction, not stored).
     */
    public void bindLabels(java.util.function.LongSupplier accepted, java.util.function.LongSupplier unmatched) {
        held.add(accepted); // Micrometer holds a function counter's object weakly
        held.add(unmatched);
        FunctionCounter.builder("driftwatch.labels.accepted", accepted, LongSupplierValue::of)
                .description("Ground-truth labels matched to a prediction row and appended").register(registry);
        FunctionCounter.builder("driftwatch.labels.unmatched", unmatched, LongSupplierValue::of)
                .description("Ground-truth labels for an unknown or expired prediction (not stored)")
                .register(registry);
    }

    /**
     * The failed-authentication counters (issue 18): {@code driftwatch_auth_failures_total} (wrong or revoked keys,
     * ended sessions, failed logins) and {@code driftwatch_auth_throttled_total} (requests answered 429 because their
     * address had too many failures).
     */
    public void bindAuth(java.util.function.LongSupplier failures, java.util.function.LongSupplier throttled) {
        held.add(failures); // Micrometer holds a function counter's object weakly
        held.add(throttled);
        FunctionCounter.builder("driftwatch.auth.failures", failures, LongSupplierValue::of)
                .description("Failed authentications: wrong or revoked keys, ended sessions").register(registry);
        FunctionCounter.builder("driftwatch.auth.throttled", throttled, LongSupplierValue::of)
                .description("Requests refused with 429 after too many failed authentications from their address")
                .register(registry);
    }

    /** Objects of function counters that nothing else keeps alive. */
    private final List<Object> held = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Reads a counter's supplier. */
    private static final class LongSupplierValue {
        static double of(java.util.function.LongSupplier s) {
            return s.getAsLong();
        }
    }

    /** An empty registry; gauges read at scrape time come from the backend handed to {@link #scrape}. */
    public static ServerMetrics create() {
        return new ServerMetrics();
    }

    /**
     * Wraps the processor's sink: after each applied batch (not a replay), counts the batch's prediction rows,
     * latencies and errors per endpoint.
     */
    public ProcessorSink countPredictions(ProcessorSink sink) {
        Objects.requireNonNull(sink, "sink");
        return new ProcessorSink() {
            private long highWater = -1;

            @Override
            public long appliedOffset() {
                return sink.appliedOffset();
            }

            /** The partition's view of the sink, counted the same way (its own high-water mark). */
            @Override
            public ProcessorSink forPartition(StreamPartition partition) {
                return partition.single() ? this : countPredictions(sink.forPartition(partition));
            }

            @Override
            public synchronized void apply(List<ModelEndpoint> endpoints, List<TimeSeriesRecords.Prediction> predictions,
                                           List<TimeSeriesRecords.ErrorEvent> errors, long nextOffset) {
                if (highWater < 0) {
                    highWater = sink.appliedOffset();
                }
                sink.apply(endpoints, predictions, errors, nextOffset);
                if (nextOffset > highWater) {
                    highWater = nextOffset;
                    record(endpoints, predictions, errors);
                }
            }
        };
    }

    /** Wraps the processor's sample store: every {@code write} (a flush) is timed. */
    public SampleStore timeFlushes(SampleStore samples) {
        return new TimedSampleStore(samples, flushes);
    }

    /** Counts {@code mm-app-failed} events, then hands every event to {@code next}. */
    public EngineEventListener countAppFailures(EngineEventListener next) {
        Objects.requireNonNull(next, "next");
        return e -> {
            if (EngineEvent.APP_FAILED.equals(e.kind())) {
                Object app = e.value().get("app_name");
                Counter.builder("driftwatch.app.failures").description("Failed or timed-out monitoring app runs")
                        .tags("project", e.project(), "application", app == null ? "" : app.toString())
                        .register(registry).increment();
            }
            next.onEvent(e);
        };
    }

    /** Exposes the stream processor's counters and the stream lag. */
    public void bindProcessor(Supplier<ProcessorStats> stats) {
        Objects.requireNonNull(stats, "stats");
        this.processorStats = stats;
        Gauge.builder("driftwatch.stream.lag", stats, s -> s.get().lag()).baseUnit("records")
                .description("Stream records not yet applied by the stream processor").register(registry);
        Gauge.builder("driftwatch.processor.applied.offset", stats, s -> s.get().appliedOffset())
                .description("Next stream offset whose effects are not applied yet").register(registry);
        processorCounter(stats, "events", "Stream records processed", ProcessorStats::events);
        processorCounter(stats, "prediction.rows", "Prediction rows produced", ProcessorStats::predictionRows);
        processorCounter(stats, "model.errors", "Error events sent by model servers", ProcessorStats::modelErrors);
        processorCounter(stats, "data.errors", "Events rejected as data-processing errors", ProcessorStats::dataErrors);
        processorCounter(stats, "unattributed", "Records naming no endpoint", ProcessorStats::unattributed);
        processorCounter(stats, "batches", "Batches applied", ProcessorStats::batches);
        processorCounter(stats, "flushes", "Prediction-row writes", ProcessorStats::flushes);
        processorCounter(stats, "port.failures", "Failed port calls (retried)", ProcessorStats::portFailures);
    }

    /**
     * Exposes the stream's durability work: {@code driftwatch_stream_appends_total},
     * {@code driftwatch_stream_group_commits_total} and {@code driftwatch_stream_fsyncs_total} (appends per group
     * commit show how well concurrent ingest shares fsyncs).
     */
    public void bindStream(EventStream stream) {
        Objects.requireNonNull(stream, "stream");
        FunctionCounter.builder("driftwatch.stream.appends", stream, s -> s.appendStats().appends())
                .description("Appends made durable in the event stream (one per ingest request or tracker delivery)")
                .register(registry);
        FunctionCounter.builder("driftwatch.stream.group.commits", stream, s -> s.appendStats().groupCommits())
                .description("Group commits of the event stream (appends sharing one write and fsync)")
                .register(registry);
        FunctionCounter.builder("driftwatch.stream.fsyncs", stream, s -> s.appendStats().fsyncs())
                .description("fsyncs of the event stream's data (group commits plus segment rolls)").register(registry);
    }

    private void processorCounter(Supplier<ProcessorStats> stats, String name, String help,
                                  ToDoubleFunction<ProcessorStats> f) {
        FunctionCounter.builder("driftwatch.processor." + name, stats, s -> f.applyAsDouble(s.get()))
                .description(help).register(registry);
    }

    /** The registry (for tests and extra meters). */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * Exposes, per partition of a partitioned stream, {@code driftwatch_stream_partition_lag_records} and
     * {@code driftwatch_processor_partition_applied_offset} (labels {@code stream}, {@code partition}), read at scrape
     * time; gauges of revoked partitions are removed. Nothing for the one partition of the embedded log (the totals
     * {@code driftwatch_stream_lag_records} and {@code driftwatch_processor_applied_offset} are that partition's).
     */
    public void bindPartitions(Supplier<Map<StreamPartition, ProcessorStats>> stats) {
        this.partitionStats = Objects.requireNonNull(stats, "stats");
    }

    /** Refreshes the scrape-time gauges from the backend and renders the Prometheus text format (0.0.4). */
    public synchronized String scrape(Backend backend) {
        partitions.refresh(partitionStats.get());
        if (backend.endpoints() != null && backend.timeSeries() != null) {
            results.refresh(backend);
            lateRows.refresh(backend);
            featureDrift.refresh(backend);
            performance.refresh(backend);
        }
        if (backend.controller() != null) {
            bindController(backend.controller());
        }
        return registry.scrape();
    }

    private void bindController(MonitoringController controller) {
        for (String project : controller.stats().projects().keySet()) {
            FunctionTimer.builder("driftwatch.controller.run.duration", controller, c -> runs(c, project).runs(),
                            c -> runs(c, project).totalNanos(), TimeUnit.NANOSECONDS)
                    .description("Controller runs of a project (every endpoint x app x due window)")
                    .tag("project", project).register(registry);
            FunctionCounter.builder("driftwatch.controller.run.failures", controller, c -> runs(c, project).failures())
                    .description("Controller runs that failed").tag("project", project).register(registry);
            TimeGauge.builder("driftwatch.controller.last.run.duration", controller, TimeUnit.NANOSECONDS,
                            c -> runs(c, project).lastNanos())
                    .description("Wall time of the latest controller run").tag("project", project).register(registry);
            FunctionCounter.builder("driftwatch.controller.app.windows", controller, c -> runs(c, project).appWindows())
                    .description("App-windows analysed by the controller").tag("project", project).register(registry);
            windows(controller, project, "summary", ControllerStats.ProjectRuns::summaryWindows);
            windows(controller, project, "summary_and_rows", ControllerStats.ProjectRuns::summaryAndRowWindows);
            windows(controller, project, "rows", ControllerStats.ProjectRuns::rowWindows);
        }
    }

    /** Endpoint-windows analysed by what the apps read: summary alone, summary and rows, rows (no summary). */
    private void windows(MonitoringController controller, String project, String source,
                         ToLongFunction<ControllerStats.ProjectRuns> count) {
        FunctionCounter.builder("driftwatch.controller.windows", controller,
                        c -> count.applyAsLong(runs(c, project)))
                .description("Endpoint-windows analysed by the controller, by what the apps read: the window's summary"
                        + " alone, the summary and the rows (an app asked for rows, or the summary did not fit), or the"
                        + " rows (no summary)")
                .tag("project", project).tag("source", source).register(registry);
    }

    private static ControllerStats.ProjectRuns runs(MonitoringController c, String project) {
        return c.stats().projects().getOrDefault(project, ControllerStats.ProjectRuns.NONE);
    }

    private void record(List<ModelEndpoint> endpoints, List<TimeSeriesRecords.Prediction> predictions,
                        List<TimeSeriesRecords.ErrorEvent> errors) {
        for (ModelEndpoint ep : endpoints) {
            modelOf.put(ep.project() + "/" + ep.uid(), ep.spec().model() == null ? "" : ep.spec().model());
        }
        for (TimeSeriesRecords.Prediction p : predictions) {
            EndpointMeters m = meters(p.project(), p.uid());
            m.predictions.increment(p.rows());
            m.latency.record(p.latencyMicros(), TimeUnit.MICROSECONDS);
            m.rowLatency.increment(p.latencyMicros() / 1e6 * p.rows());
        }
        for (TimeSeriesRecords.ErrorEvent e : errors) {
            Counter.builder("driftwatch.prediction.errors").description("Model errors and data-processing errors")
                    .tags(endpointTags(e.project(), e.uid())).tag("kind", e.kind() == null ? "" : e.kind())
                    .register(registry).increment();
        }
    }

    private EndpointMeters meters(String project, String uid) {
        return endpointMeters.computeIfAbsent(project + "/" + uid, k -> {
            Tags tags = endpointTags(project, uid);
            return new EndpointMeters(
                    Counter.builder("driftwatch.predictions").description("Prediction rows (a batch event counts its rows)")
                            .tags(tags).register(registry),
                    Timer.builder("driftwatch.prediction.latency").description("Latency of prediction events")
                            .tags(tags).serviceLevelObjectives(LATENCY_BUCKETS).register(registry),
                    Counter.builder("driftwatch.prediction.latency.row.seconds")
                            .description("Sum of latency x rows (seconds): with driftwatch_predictions_total the "
                                    + "row-weighted mean latency, the headline figure of HeadlineFigures")
                            .tags(tags).register(registry));
        });
    }

    /** Label values are clamped to {@link #MAX_LABEL} characters: no request can make every scrape huge. */
    private Tags endpointTags(String project, String uid) {
        return Tags.of("project", clamp(project), "endpoint_id", clamp(uid),
                "model", clamp(modelOf.getOrDefault(project + "/" + uid, "")));
    }

    private static String clamp(String v) {
        return v == null || v.length() <= MAX_LABEL ? v : v.substring(0, MAX_LABEL);
    }

    private record EndpointMeters(Counter predictions, Timer latency, Counter rowLatency) {
    }
}
