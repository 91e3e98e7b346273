package io.driftwatch.server;

import io.driftwatch.engine.alerts.AlertEngine;
import io.driftwatch.engine.alerts.OutboundPolicy;
import io.driftwatch.engine.backend.BackendContext;
import io.driftwatch.engine.backend.BackendKind;
import io.driftwatch.engine.backend.BackendLoader;
import io.driftwatch.engine.backend.BackendOptions;
import io.driftwatch.engine.backend.BackendUnavailableException;
import io.driftwatch.engine.backend.BackendUri;
import io.driftwatch.engine.backend.HealthCheck;
import io.driftwatch.engine.backend.Backends;
import io.driftwatch.engine.backend.EndpointStores;
import io.driftwatch.engine.controller.SampleBarrier;
import io.driftwatch.engine.event.EngineEventListener;
import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.engine.port.AccessKeyStore;
import io.driftwatch.engine.port.AuditLog;
import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.ProcessorSink;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.processor.ProcessorOptions;
import io.driftwatch.engine.processor.ProjectStreams;
import io.driftwatch.engine.processor.StreamProcessor;
import io.driftwatch.engine.retention.RetentionJob;
import io.driftwatch.engine.secret.SecretBox;
import io.driftwatch.engine.secret.SecretProjectStore;
import io.driftwatch.server.api.ModelValidationSets;
import io.driftwatch.server.api.ProjectDeletion;
import io.driftwatch.server.auth.SecretKeys;
import io.driftwatch.server.metrics.ServerMetrics;
import io.driftwatch.server.routing.ProjectRouting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import io.javalin.config.RoutesConfig;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code driftwatch serve}: every role in one process (DESIGN.md §2, §11) over the backends that
 * {@link BackendLoader} opens from the configured URIs (by default the embedded ones in the data directory: the
 * durable event log {@code {data-dir}/stream}, the DuckDB stores {@code driftwatch.duckdb}, the Parquet samples and
 * the artifacts; any adapter module on the class path plugs in without a change here), the stream processor, the
 * controller's scheduler with the apps and the writer, and the REST API.
 * {@link #close()} stops them in reverse order: the API first (no new events), then the controller, the processor
 * (which flushes its buffered rows), the log and the stores. A crash (kill -9) loses nothing that was acknowledged:
 * ingest answers 202 only after the log's fsync, and the processor resumes exactly once from the stores' offsets.
 * A backend that does not answer at start ({@link BackendUnavailableException}) does not stop it: the port answers
 * {@code /health/ready} 503 naming the backend while the opening is retried with backoff, then every role starts
 * ({@link #started()}); {@link BackendHealth} probes each backend afterwards (docs/scale-out.md).
 */
public final class Server implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);
    /** How long a controller run waits for the processor to flush the rows its endpoint records already show. */
    private static final Duration STORED_ROWS_WAIT = Duration.ofSeconds(30);
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    /** How often the retention job deletes data older than {@code --retention}. */
    private static final Duration RETENTION_INTERVAL = Duration.ofHours(1);
    /** The longest wait between two tries to open a backend that is down at start. */
    private static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(60);
    private volatile Backend backend;
    private volatile EventStream stream;
    private RetentionJob retention;
    private ApiServer api;
    private BackendHealth health;
    private StartingServer holder;
    private Thread retry;
    private boolean closed;

    private Server() {
    }

    /** Starts every role with the system clock. */
    public static Server start(ServerConfig config) {
        return start(config, Clock.systemUTC());
    }

    /**
     * Starts every role.
     *
     * @throws IllegalStateException if the data directory cannot be opened (e.g. used by another process)
     */
    public static Server start(ServerConfig config, Clock clock) {
        Server s = new Server();
        try {
            config.security().requireSafe();
            Files.createDirectories(config.dataDir());
            s.health = new BackendHealth(clock, config.backends());
            BackendContext context = backendContext(config, clock);
            Backends parts;
            try {
                parts = BackendLoader.standard().open(config.backends(), context);
            } catch (BackendUnavailableException e) {
                s.startWaiting(config, clock, e);
                return s;
            }
            s.open(config, clock, parts, context);
            return s;
        } catch (RuntimeException | IOException e) {
            s.close();
            throw e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
        }
    }

    /**
     * A backend did not answer: listen on the port with {@link StartingServer} ({@code /health/ready} 503 naming it)
     * and retry opening every backend in the background, first after {@code health-interval} (default 5 s), then
     * doubling up to 60 s; once they open, the REST API replaces the holder on the same port.
     */
    private void startWaiting(ServerConfig config, Clock clock, BackendUnavailableException first) {
        health.notOpened(first);
        LOG.warn("{} does not answer ({}); retrying with backoff, /health/ready answers 503 until it does",
                first.kind().key() + " " + first.uri(), first.reason());
        holder = StartingServer.start(config.security().bind(), config.port(), health);
        ServerConfig onPort = config.withPort(holder.port());
        retry = Thread.ofPlatform().daemon().name("driftwatch-backend-retry").start(() -> retryOpen(onPort, clock));
    }

    private void retryOpen(ServerConfig config, Clock clock) {
        Duration wait = BackendOptions.healthInterval(config.backends().options());
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(wait);
                wait = wait.multipliedBy(2).compareTo(MAX_RETRY_WAIT) > 0 ? MAX_RETRY_WAIT : wait.multipliedBy(2);
                BackendContext context = backendContext(config, clock);
                Backends parts = BackendLoader.standard().open(config.backends(), context);
                if (openOnce(config, clock, parts, context)) {
                    return;
                }
            } catch (BackendUnavailableException e) {
                health.notOpened(e);
                LOG.warn("{} still does not answer ({}); next try in {}", e.kind().key() + " " + e.uri(), e.reason(),
                        wait);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.error("opening the backends failed: {}; next try in {}", BackendUri.mask(e.getMessage()), wait);
            }
        }
    }

    /** Replaces the holder by every role over the opened backends; false (holder back) when that fails. */
    private synchronized boolean openOnce(ServerConfig config, Clock clock, Backends parts, BackendContext context) {
        if (closed) {
            parts.close();
            return true;
        }
        holder.close();
        try {
            open(config, clock, parts, context);
            holder = null;
            LOG.info("every backend answers: driftwatch started on port {}", config.port());
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.error("starting over the opened backends failed: {}", BackendUri.mask(e.getMessage()), e);
            closeRoles();
            holder = StartingServer.start(config.security().bind(), config.port(), health);
            return false;
        }
    }

    private void open(ServerConfig config, Clock clock, Backends parts, BackendContext context) throws IOException {
        toClose.push(parts);
        health.opened();
        health.probe(healthChecks(config, parts, context), BackendOptions.healthInterval(config.backends().options()));
        SecretBox box = SecretKeys.load(config.secrets(), System.getenv(), config.dataDir());
        parts = withSecrets(parts, box);
        EventStream stream = parts.stream();
        this.stream = stream;
        SampleStore samples = parts.samples();
        ServerMetrics metrics = ServerMetrics.create();
        EngineEventListener events = metrics.countAppFailures(e -> LOG.info("event {}", e));
        ProcessorSink sink = metrics.countPredictions(parts.sink());
        // one worker per assigned partition; the embedded log has one partition and so one worker, as before
        ProcessorOptions processorOptions = ProcessorOptions.DEFAULTS.withFlush(config.flushRows(),
                config.flushInterval());
        // per-project credentials (issue 16.6): each project's calls go to the backends its credentials name
        ProjectRouting routing = ProjectRoutingWiring.route(config, clock, parts, processorOptions);
        toClose.push(routing);
        StreamProcessor processor = StreamProcessor.partitioned(new StreamProcessor.Ports(routing.scoped(stream),
                        parts.endpoints(), parts.projects(), parts.timeSeries(), metrics.timeFlushes(samples), sink),
                clock, processorOptions);
        Backends routed = routing.routed();
        SampleBarrier barrier = () -> processor.awaitCaughtUp(STORED_ROWS_WAIT)
                && routing.awaitCaughtUp(STORED_ROWS_WAIT);
        backend = Pipeline.over(clock, routed).appsDir(config.dataDir().resolve("apps")).grace(config.grace())
                .validationSets(new ModelValidationSets(routed.projects(), config.dataDir()))
                .alertOptions(AlertEngine.Options.defaults()
                        .withOutbound(OutboundPolicy.allowing(config.secrets().allowOutbound())).withSecrets(box))
                .events(events).barrier(barrier).wire();
        toClose.push(backend.alerts());
        openSecrets(parts, backend);
        backend.alerts().start();
        processor.start();
        routing.openAll();
        metrics.bindProcessor(processor::stats);
        metrics.bindPartitions(processor::partitionStats);
        metrics.bindStream(stream);
        toClose.push(processor);
        backend.controller().start();
        toClose.push(backend.controller());
        AuditLog audit = audit(parts);
        RetentionJob retention = new RetentionJob(new RetentionJob.Stores(routed.timeSeries(), routed.samples(),
                routed.artifacts(), parts.alerts(), audit), clock, config.retention());
        retention.start(RETENTION_INTERVAL);
        toClose.push(retention);
        this.retention = retention;
        ServingWiring.Wired serving = ServingWiring.wire(backend, config, clock, toClose, metrics);
        api = ApiServer.start(backend, config, metrics, withHealth(serving.routes()), drain(processor, routing),
                serving.sources(), accessKeys(parts), audit);
        toClose.push(api);
        LOG.info("driftwatch serving {} on port {} (backends {})", config.dataDir().toAbsolutePath(), api.port(),
                config.backends());
    }

    /** The serving routes plus {@code /health/ready}. */
    private List<Consumer<RoutesConfig>> withHealth(List<Consumer<RoutesConfig>> routes) {
        List<Consumer<RoutesConfig>> all = new ArrayList<>(routes);
        all.add(health::register);
        return all;
    }

    /** Each backend's probe: the one its provider registered for its URI, else the port itself if it is one. */
    private static Map<BackendKind, HealthCheck> healthChecks(ServerConfig config, Backends parts,
                                                              BackendContext context) {
        Map<BackendKind, Object> ports = Map.of(BackendKind.STREAM, parts.stream(), BackendKind.ENDPOINT_STORE,
                parts.endpoints(), BackendKind.TSDB, parts.timeSeries(), BackendKind.PARQUET, parts.samples());
        Map<BackendKind, HealthCheck> checks = new EnumMap<>(BackendKind.class);
        for (BackendKind kind : BackendKind.values()) {
            context.healthCheck(config.backends().uri(kind)).or(() -> ports.get(kind) instanceof HealthCheck h
                    ? Optional.of(h) : Optional.empty()).ifPresent(h -> checks.put(kind, h));
        }
        return checks;
    }

    /** The providers' context: the adapter options ({@code kafka.*}, {@code s3-endpoint}, …) and max-lag-records. */
    static BackendContext backendContext(ServerConfig config, Clock clock) {
        Map<String, String> options = new HashMap<>(config.backends().options());
        options.put("max-lag-records", Long.toString(config.maxLagRecords()));
        return new BackendContext(clock, config.dataDir(), options);
    }

    /**
     * Waits until every partition's events appended so far are applied and their rows stored (per partition, up to
     * its end offset at the call); for a project, only the partitions of its stream and of shared streams.
     */
    private static ProjectDeletion.Drain drain(StreamProcessor processor, ProjectRouting routing) {
        return new ProjectDeletion.Drain() {
            @Override
            public boolean await(Duration timeout) throws InterruptedException {
                return processor.awaitDrained(timeout) && routing.awaitDrained(p -> true, timeout);
            }

            @Override
            public boolean await(String project, Duration timeout) throws InterruptedException {
                return processor.awaitDrained(ProjectStreams.of(project), timeout)
                        && routing.awaitDrained(ProjectStreams.of(project), timeout);
            }
        };
    }

    /** The retention job (also run hourly by the server); tests call {@link RetentionJob#runOnce()}. */
    public RetentionJob retention() {
        return retention;
    }

    private static AccessKeyStore accessKeys(Backends parts) {
        if (parts.accessKeys() != null) {
            return parts.accessKeys();
        }
        LOG.warn("the endpoint store has no access-key table: access keys are kept in memory until the server stops");
        return MemoryStores.accessKeyStore();
    }

    private static AuditLog audit(Backends parts) {
        if (parts.audit() != null) {
            return parts.audit();
        }
        LOG.warn("the endpoint store has no audit-log table: the audit log is kept in memory until the server stops");
        return MemoryStores.auditLog();
    }

    /** The REST port. */
    public synchronized int port() {
        return api != null ? api.port() : holder.port();
    }

    /** The readiness of the backends ({@code /health/ready}). */
    public BackendHealth health() {
        return health;
    }

    /** True once every role runs (false while a backend that was down at start is being retried). */
    public synchronized boolean started() {
        return api != null;
    }

    /** Every route of the API as {@code METHOD pattern} ({@link ApiServer#routes()}). */
    public List<String> routes() {
        return api.routes();
    }

    /** The stores and pipeline the API serves from (null until {@link #started()}). */
    public Backend backend() {
        return backend;
    }

    /**
     * The server's own event stream, as opened from {@code --stream-path} ({@link #backend()}'s stream is the view
     * that routes each project's appends to the stream of its credentials; null until {@link #started()}).
     */
    public EventStream stream() {
        return stream;
    }

    /** Stops every role, newest first; failures are logged and the rest still close. Idempotent. */
    @Override
    public void close() {
        Thread r;
        synchronized (this) {
            closed = true;
            r = retry;
        }
        if (r != null) {
            r.interrupt();
            try {
                r.join(Duration.ofSeconds(10).toMillis()); // a try blocked in a connect finishes and sees closed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (holder != null) {
                holder.close();
                holder = null;
            }
            closeRoles();
            if (health != null) {
                health.close();
            }
        }
    }

    private synchronized void closeRoles() {
        api = null;
        while (!toClose.isEmpty()) {
            AutoCloseable c = toClose.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", c.getClass().getSimpleName(), e);
            }
        }
    }

    /** The backends with the project credentials encrypted by {@code box} on their way into the store. */
    private static Backends withSecrets(Backends b, SecretBox box) {
        EndpointStores stores = new EndpointStores(new SecretProjectStore(b.projects(), box), b.endpoints(),
                b.alerts(), b.accessKeys(), b.audit());
        return new Backends(b.stream(), stores, b.timeSeriesStores(), b.samples(), b.artifacts(), b.closer());
    }

    /** Reads every stored secret once, so a wrong key stops the start with an error naming the key's source. */
    private static void openSecrets(Backends parts, Backend backend) {
        for (String p : parts.projects().projects()) {
            parts.projects().monitoringSettings(p);
            backend.alerts().list(p);
        }
    }
}
