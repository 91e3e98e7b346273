package io.driftwatch.server.routing;

import io.driftwatch.engine.backend.BackendUri;
import io.driftwatch.engine.backend.BackendUris;
import io.driftwatch.engine.backend.Backends;
import io.driftwatch.engine.backend.EndpointStores;
import io.driftwatch.engine.backend.TimeSeriesStores;
import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.ProjectRecords;
import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.engine.port.StreamPartition;
import io.driftwatch.engine.processor.StreamProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves each project from the backends its credentials name (MLRun's {@code set_model_monitoring_credentials}):
 * the server's backends for a project without credentials, or whose credentials name the server's settings; else the
 * backends of its credential set ({@link CredentialUris}), opened once per distinct set on first use through the
 * {@link Opener} (the server's {@code BackendLoader}, its embedded parts in {@code {data-dir}/credential-sets/{id}}),
 * each with a stream processor of its own (its own stream, sink and offsets). Projects, models, settings and
 * credentials, alerts, access keys and the audit log always stay in the server's stores, so the router can find a
 * project's credentials. Cost on the default path: one {@link ConcurrentHashMap} lookup per call once the project is
 * known (the first call of a project reads its settings once; a change of its settings or its deletion forgets it).
 * {@link #close()} stops the sets' processors, then closes their backends; the server's own are the caller's.
 */
public final class ProjectRouting implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectRouting.class);
    private final Backends defaults;
    private final BackendUris server;
    private final Path setsDir;
    private final Opener opener;
    private final Function<Backends, StreamProcessor> processors;
    private final Map<String, Backends> byProject = new ConcurrentHashMap<>();
    private final Map<BackendUris, Opened> sets = new LinkedHashMap<>();
    /** The opened sets' backends, readable without the lock (by consumer threads, {@link #serves}). */
    private final Map<BackendUris, Backends> openedSets = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong();
    private boolean closed;
    /** True once some project's credentials named backends other than the server's. */
    private volatile boolean anyOwn;

    /** Opens the backends of one credential set, its embedded parts (if any) in {@code dir}. */
    @FunctionalInterface
    public interface Opener {
        Backends open(BackendUris uris, Path dir) throws IOException;
    }

    private record Opened(Backends backends, StreamProcessor processor) {
    }

    private ProjectRouting(Backends defaults, BackendUris server, Path dataDir, Opener opener,
                           Function<Backends, StreamProcessor> processors) {
        this.defaults = defaults;
        this.server = server;
        this.setsDir = dataDir.resolve("credential-sets");
        this.opener = opener;
        this.processors = processors;
    }

    /**
     * A router over the server's backends {@code defaults} (whose project store reads decrypted credentials), opened
     * from {@code server}; {@code processors} creates and starts the stream processor of an opened set.
     */
    public static ProjectRouting over(Backends defaults, BackendUris server, Path dataDir, Opener opener,
                                      Function<Backends, StreamProcessor> processors) {
        return new ProjectRouting(defaults, server, dataDir, opener, processors);
    }

    /**
     * The routed view of the backends, for the pipeline and the REST API: the stream, endpoints, time series,
     * samples and artifacts dispatch by project; the project store is the server's (a change of a project's settings
     * makes the router read them again); the sink and the samples' writes are the server's processor's.
     */
    public Backends routed() {
        EndpointStores d = defaults.endpointStores();
        EndpointStores eps = new EndpointStores(new InvalidatingProjectStore(d.projects(), this),
                new RoutingEndpointStore(this), d.alerts(), d.accessKeys(), d.audit());
        return new Backends(new RoutingEventStream(defaults.stream(), this), eps,
                new TimeSeriesStores(new RoutingTimeSeriesStore(this), defaults.sink()), new RoutingSampleStore(this),
                new RoutingArtifactStore(this), () -> { });
    }

    /**
     * The server's stream as its processor must consume it: in its usual group, and only the partitions of shared
     * streams and of projects served by the server's backends (a project with a stream of its own on the same broker
     * is left to its set's processor).
     */
    public EventStream scoped(EventStream serverStream) {
        return new ScopedEventStream(serverStream, this, defaults, "");
    }

    /**
     * Opens the sets of every project whose credentials name other backends (so their processors resume); a set that
     * fails to open is logged (masked) and retried on the project's next call.
     */
    public void openAll() {
        for (String p : projects().projects()) {
            try {
                of(p);
            } catch (RuntimeException e) {
                LOG.error("project {}: its backends did not open: {}", p, BackendUri.mask(e.getMessage()));
            }
        }
    }

    /** The backends that serve {@code project}. */
    Backends of(String project) {
        Backends b = byProject.get(project);
        return b != null ? b : resolve(project);
    }

    /**
     * True when {@code project} exists in the server's project store and is served by {@code backends}: the filter of
     * the processors' stream subscriptions (a topic of a project this server does not know, e.g. another deployment's
     * on the same broker, is never consumed). Opens nothing (a set not opened yet serves nothing); false when the
     * store cannot answer.
     */
    boolean serves(String project, Backends backends) {
        Backends known = byProject.get(project);
        if (known != null) {
            return known == backends;
        }
        try {
            if (!projects().projectExists(project)) {
                return false;
            }
            BackendUris uris = projects().monitoringSettings(project)
                    .map(x -> CredentialUris.of(server, x.credentials())).orElse(server);
            return uris.equals(server) ? backends == defaults : openedSets.get(uris) == backends;
        } catch (RuntimeException e) {
            LOG.debug("project {}: not known now: {}", project, BackendUri.mask(String.valueOf(e.getMessage())));
            return false;
        }
    }

    /** True while every project so far is served by the server's backends. */
    boolean serverOnly() {
        return !anyOwn;
    }

    /** Forgets the project's backends and opens those its settings name now (a failure is logged, masked). */
    void changed(String project) {
        forget(project);
        try {
            of(project);
        } catch (RuntimeException e) {
            LOG.error("project {}: its backends did not open: {}", project, BackendUri.mask(e.getMessage()));
        }
    }

    /** The server's backends. */
    Backends defaults() {
        return defaults;
    }

    private ProjectStore projects() {
        return defaults.projects();
    }

    private Backends resolve(String project) {
        long seen = epoch.get();
        Optional<ProjectRecords.MonitoringSettings> s = projects().monitoringSettings(project);
        BackendUris uris = s.map(x -> CredentialUris.of(server, x.credentials())).orElse(server);
        if (!uris.equals(server)) {
            anyOwn = true;
        }
        Backends b = uris.equals(server) ? defaults : open(uris);
        if ((s.isPresent() || projects().projectExists(project)) && epoch.get() == seen) {
            byProject.put(project, b);
        }
        return b;
    }

    /** Forgets which backends serve {@code project} (its settings changed or it was deleted or created). */
    void forget(String project) {
        epoch.incrementAndGet();
        byProject.remove(project);
    }

    private synchronized Backends open(BackendUris uris) {
        Opened o = sets.get(uris);
        if (o != null) {
            return o.backends();
        }
        if (closed) {
            throw new IllegalStateException("the server is closing");
        }
        Backends b;
        try {
            String id = CredentialUris.id(uris);
            b = opener.open(CredentialUris.isolated(uris, id), setsDir.resolve(id));
        } catch (IOException e) {
            throw new UncheckedIOException("opening the project backends " + uris + " failed", e);
        }
        try {
            EventStream scoped = new ScopedEventStream(b.stream(), this, b, "-" + CredentialUris.id(uris));
            openedSets.put(uris, b);
            sets.put(uris, new Opened(b, processors.apply(new Backends(scoped, b.endpointStores(),
                    b.timeSeriesStores(), b.samples(), b.artifacts(), () -> { }))));
        } catch (RuntimeException e) {
            openedSets.remove(uris);
            b.close();
            throw e;
        }
        LOG.info("serving projects with credentials {} from their own backends ({} set(s) open)", uris, sets.size());
        return b;
    }

    /** The sum of {@code count} over every backend set (retention: rows deleted in each). */
    long sum(ToLongFunction<Backends> count) {
        return all().stream().mapToLong(count).sum();
    }

    /** The server's backends and every opened set's, in opening order. */
    synchronized List<Backends> all() {
        List<Backends> all = new ArrayList<>();
        all.add(defaults);
        sets.values().forEach(o -> all.add(o.backends()));
        return all;
    }

    private synchronized List<StreamProcessor> processors() {
        return sets.values().stream().map(Opened::processor).toList();
    }

    /** Groups {@code rows} by the backends of their project and writes each group with {@code write}. */
    <T> void write(List<T> rows, Function<T, String> project, BiConsumer<Backends, List<T>> write) {
        if (rows.isEmpty()) {
            write.accept(defaults, rows);
            return;
        }
        Map<Backends, List<T>> groups = new IdentityHashMap<>();
        for (T r : rows) {
            groups.computeIfAbsent(of(project.apply(r)), k -> new ArrayList<>()).add(r);
        }
        if (groups.size() == 1) {
            write.accept(groups.keySet().iterator().next(), rows);
            return;
        }
        groups.forEach(write);
    }

    /** Waits until the processor of every opened set has caught up (the server's own is the caller's). */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (StreamProcessor p : processors()) {
            if (!p.awaitCaughtUp(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    /** Waits until the processor of every opened set has drained the partitions {@code which} selects. */
    public boolean awaitDrained(Predicate<StreamPartition> which, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (StreamProcessor p : processors()) {
            if (!p.awaitDrained(which, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    /** Stops every set's processor (it flushes), then closes the set's backends; newest first. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        List<Opened> open = new ArrayList<>(sets.values());
        sets.clear();
        openedSets.clear();
        byProject.clear();
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).processor().close();
            } catch (RuntimeException e) {
                LOG.warn("closing a project processor failed", e);
            }
            try {
                open.get(i).backends().close();
            } catch (RuntimeException e) {
                LOG.warn("closing project backends failed", e);
            }
        }
    }
}
