package io.driftwatch.server;

import io.driftwatch.server.api.ProjectDeletion;
import io.driftwatch.server.api.ServingApiRoutes;
import io.driftwatch.server.http.Durations;
import io.driftwatch.server.ingest.BatchRoutes;
import io.driftwatch.server.ingest.CloudEventPairs;
import io.driftwatch.server.ingest.CloudEventRoutes;
import io.driftwatch.server.ingest.StreamTrackingSink;
import io.driftwatch.serving.ServingFunctions;
import io.driftwatch.serving.tracking.Tracker;
import io.driftwatch.serving.tracking.TrackerConfig;
import io.driftwatch.server.metrics.ServerMetrics;
import io.javalin.config.RoutesConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import java.time.Clock;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Wires the event sources beyond plain ingest into {@code driftwatch serve}: the serving layer (functions persisted
 * under {@code {data-dir}/serving/}, their tracker delivering into the event stream, the REST and Open Inference
 * Protocol routes), the KServe payload-logger sink and the batch upload of historical predictions. The tracker and
 * the functions are pushed on the server's close stack, so they close after the API and before the stream: events
 * tracked before shutdown are delivered.
 */
final class ServingWiring {
    /** How long the tracker's delivery waits out a lagging processor before counting a batch as failed. */
    static final Duration SINK_MAX_WAIT = Duration.ofSeconds(30);

    private ServingWiring() {
    }

    /** The routes to mount and the project deletion's view of the serving functions. */
    record Wired(List<Consumer<RoutesConfig>> routes, ProjectDeletion.Sources sources) {
    }

    /** Opens the serving functions: the routes to mount and a deletion of a project's functions. */
    static Wired wire(Backend backend, ServerConfig config, Clock clock, Deque<AutoCloseable> toClose,
                      ServerMetrics metrics) {
        Tracker tracker = Tracker.start(new StreamTrackingSink(backend.stream(), SINK_MAX_WAIT),
                TrackerConfig.defaults());
        toClose.push(tracker);
        ServingFunctions functions = ServingFunctions.open(config.dataDir(), tracker, clock);
        toClose.push(functions);
        CloudEventPairs pairs = new CloudEventPairs(clock, pairTimeout(), pairLimits());
        bindPairMetrics(metrics, pairs);
        CloudEventRoutes cloudEvents = new CloudEventRoutes(backend, pairs, config.maxBodyBytes(), 1000);
        toClose.push(cloudEvents);
        ProjectDeletion.Sources sources = project -> {
            var specs = functions.list(project);
            specs.forEach(f -> functions.delete(project, f.name()));
            return specs.size();
        };
        return new Wired(List.of(new ServingApiRoutes(backend, functions)::register, cloudEvents::register,
                new BatchRoutes(backend)::register), sources);
    }

    /** The KServe pair timeout: system property {@code driftwatch.cloudevents.pair-timeout} (e.g. 30s), else 60 s. */
    static Duration pairTimeout() {
        String v = System.getProperty("driftwatch.cloudevents.pair-timeout");
        return v == null || v.isBlank() ? CloudEventPairs.DEFAULT_TIMEOUT : Durations.parse(v);
    }

    /**
     * The limits of unpaired halves: system properties {@code driftwatch.cloudevents.max-halves} and
     * {@code driftwatch.cloudevents.max-bytes}, else {@link CloudEventPairs.Limits#DEFAULT}.
     */
    static CloudEventPairs.Limits pairLimits() {
        CloudEventPairs.Limits d = CloudEventPairs.Limits.DEFAULT;
        String halves = System.getProperty("driftwatch.cloudevents.max-halves");
        String bytes = System.getProperty("driftwatch.cloudevents.max-bytes");
        return new CloudEventPairs.Limits(halves == null ? d.maxHalves() : Integer.parseInt(halves.trim()),
                bytes == null ? d.maxBytes() : Long.parseLong(bytes.trim()));
    }

    /**
     * {@code driftwatch_cloudevents_unpaired_evicted_total{reason="age|count|bytes"}} and the gauges
     * {@code driftwatch_cloudevents_unpaired_halves} and {@code driftwatch_cloudevents_unpaired_bytes}.
     */
    private static void bindPairMetrics(ServerMetrics metrics, CloudEventPairs pairs) {
        for (CloudEventPairs.Eviction reason : CloudEventPairs.Eviction.values()) {
            FunctionCounter.builder("driftwatch.cloudevents.unpaired.evicted", pairs, p -> p.evicted(reason))
                    .description("Unpaired KServe CloudEvent halves dropped (age = pair timeout, count/bytes = limits)")
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT)).register(metrics.registry());
        }
        Gauge.builder("driftwatch.cloudevents.unpaired.halves", pairs, CloudEventPairs::waitingHalves)
                .description("Unpaired KServe CloudEvent halves waiting for their pair").register(metrics.registry());
        Gauge.builder("driftwatch.cloudevents.unpaired.bytes", pairs, CloudEventPairs::waitingBytes)
                .description("Body bytes of the unpaired halves waiting").register(metrics.registry());
    }
}
