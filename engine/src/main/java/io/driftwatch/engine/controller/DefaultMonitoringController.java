package io.driftwatch.engine.controller;

import io.driftwatch.concurrent.BackgroundThreads;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.SampleFrame;
import io.driftwatch.engine.apps.AppCatalog;
import io.driftwatch.engine.port.BasePeriod;
import io.driftwatch.engine.controller.EndpointWindows.Due;
import io.driftwatch.engine.controller.EndpointWindows.Plan;
import io.driftwatch.engine.port.EndpointState;
import io.driftwatch.engine.event.EventPublisher;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.ProjectRecords.MonitoringSettings;
import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.SummarizedFrame;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

final class DefaultMonitoringController implements MonitoringController {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultMonitoringController.class);

    private final ControllerConfig config;
    private final Clock clock;
    private final ProjectStore projects;
    private final EndpointStore endpoints;
    private final AppCatalog apps;
    private final WindowHandler handler;
    private final SampleBarrier barrier;
    private final RecordCache recordCache = new RecordCache(RecordCache.DEFAULT_CAPACITY);
    private final EndpointWindows windows;
    /** What {@code analyseProject} returns for a project whose monitoring is disabled. */
    private static final int SKIPPED = -1;

    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<String, Instant> nextDue = new ConcurrentHashMap<>();
    private final Map<String, ControllerStats.ProjectRuns> runStats = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;

    DefaultMonitoringController(ControllerConfig config, Clock clock, ProjectStore projects, EndpointStore endpoints,
                                SampleStore samples, AppCatalog apps, WindowHandler handler, SampleBarrier barrier) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.projects = Objects.requireNonNull(projects, "projects");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.apps = Objects.requireNonNull(apps, "apps");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.barrier = Objects.requireNonNull(barrier, "barrier");
        this.windows = new EndpointWindows(config, Objects.requireNonNull(samples, "samples"), endpoints, handler,
                this::countSource);
    }

    @Override
    public int runOnce() {
        int n = 0;
        for (String project : projects.projects()) {
            n += runOnce(project);
        }
        return n;
    }

    @Override
    public int runOnce(String project) {
        ReentrantLock lock = lockOf(project);
        lock.lock();
        try {
            return runProject(project);
        } finally {
            lock.unlock();
        }
    }

    private ReentrantLock lockOf(String project) {
        return locks.computeIfAbsent(project, p -> new ReentrantLock());
    }

    @Override
    public ControllerStats stats() {
        return new ControllerStats(runStats);
    }

    /** Runs the project and records its wall time in {@link #stats()} (runs of disabled projects do not count). */
    private int runProject(String project) {
        long t0 = System.nanoTime();
        int analysed = SKIPPED;
        boolean failed = true;
        try {
            analysed = analyseProject(project);
            failed = false;
            return Math.max(0, analysed);
        } finally {
            if (analysed != SKIPPED || failed) {
                long nanos = System.nanoTime() - t0;
                boolean f = failed;
                int n = Math.max(0, analysed);
                runStats.compute(project, (k, v) -> (v == null ? ControllerStats.ProjectRuns.NONE : v)
                        .plus(nanos, f, n));
            }
        }
    }

    private int analyseProject(String project) {
        Optional<MonitoringSettings> settings = projects.monitoringSettings(project);
        if (settings.isEmpty() || !settings.get().enabled()) {
            return SKIPPED;
        }
        Duration basePeriod = settings.get().basePeriod() == null ? BasePeriod.DEFAULT : settings.get().basePeriod();
        List<String> appNames = apps.applicationNames(project);
        if (appNames.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        List<EndpointState> due = endpoints.states(project).stream().filter(EndpointState::monitored).toList();
        if (!due.isEmpty() && !rowsStored(project)) {
            return 0;
        }
        return analyseEndpoints(project, due, appNames, new Plan(basePeriod, settings.get().reanalyzeLate()), now);
    }

    /** Waits on the {@link SampleBarrier}; false (run deferred, logged) when it times out or is interrupted. */
    private boolean rowsStored(String project) {
        try {
            if (barrier.awaitStored()) {
                return true;
            }
            LOG.warn("controller: rows of project {} not yet readable from the sample store; run deferred", project);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("controller: run of project {} interrupted while waiting for stored rows", project);
        }
        return false;
    }

    /**
     * Analyses the endpoints on up to {@link ControllerConfig#parallelism()} worker threads (started for this run and
     * joined before it returns), in batches of {@link #BATCH} endpoints: a worker takes the next batch, analyses its
     * windows, then writes the batch's outputs and {@code last_analyzed} together (one flush of the handler, one
     * schedule write). Each endpoint's windows run in order on one worker. A failing endpoint or batch is logged; its
     * {@code last_analyzed} is not advanced, so the next run retries it.
     */
    private int analyseEndpoints(String project, List<EndpointState> due, List<String> appNames, Plan plan,
                                 Instant now) {
        Map<String, Map<String, Instant>> schedules = endpoints.lastAnalyzedOfProject(project);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger analysed = new AtomicInteger();
        // small projects still use every worker: a batch is at most an equal share of the endpoints
        int size = Math.clamp(Math.ceilDiv(due.size(), config.parallelism()), 1, BATCH);
        Runnable worker = () -> {
            for (int i = next.getAndAdd(size); i < due.size(); i = next.getAndAdd(size)) {
                List<EndpointState> batch = due.subList(i, Math.min(due.size(), i + size));
                analysed.addAndGet(runBatch(project, batch, schedules, appNames, plan, now));
            }
        };
        int workers = Math.min(config.parallelism(), Math.ceilDiv(due.size(), size));
        if (workers <= 1) {
            worker.run();
            return analysed.get();
        }
        List<Thread> threads = new ArrayList<>(workers - 1);
        for (int w = 1; w < workers; w++) {
            threads.add(BackgroundThreads.start("driftwatch-controller-" + project + "-" + w, worker));
        }
        worker.run(); // the calling thread is worker 0
        for (Thread t : threads) {
            joinUninterruptibly(t);
        }
        return analysed.get();
    }

    /**
     * Endpoints whose outputs one worker writes together: one read of their records and latest outputs, one
     * transaction. 256 rather than 64 spreads the per-statement and per-commit costs (and the reads' scans) over 4×
     * the windows: the DuckDB writes alone (benchmarks' WriterFlushProbe, 1,000 endpoints × 6 cycles, 16 MB
     * checkpoints, 2 shared cores) 1.42 → 0.96 ms of CPU per window. Memory: a batch holds its windows' summaries
     * and outputs (~30 KB a window with two apps, ~8 MB a batch), at most {@link #MAX_BUFFERED} windows. The system
     * property {@code driftwatch.controller.batch} overrides it (benchmarks: 64 gives this round's earlier figures).
     */
    static final int BATCH = Math.max(1, Integer.getInteger("driftwatch.controller.batch", 256));
    /** Buffered window outputs after which a batch is written early (an endpoint with many windows due). */
    static final int MAX_BUFFERED = 512;

    /**
     * Analyses one batch of endpoints and writes its outputs, then its {@code last_analyzed}; the app-windows. The
     * windows are planned from the endpoints' small state; the records (with their reference) are read, in one call,
     * only for the endpoints that have a window to analyse or late times pending, and come from the
     * {@link RecordCache} while their reference version is unchanged.
     */
    private int runBatch(String project, List<EndpointState> batch, Map<String, Map<String, Instant>> stored,
                         List<String> appNames, Plan plan, Instant now) {
        List<Due> work = new ArrayList<>();
        for (EndpointState s : batch) {
            Due d = windows.due(s, appNames, plan, now, stored.getOrDefault(s.uid(), Map.of()));
            if (d.needsRecord()) {
                work.add(d);
            }
        }
        if (work.isEmpty()) {
            return 0;
        }
        Map<String, ModelEndpoint> records = recordCache.records(project, work.stream().map(Due::state).toList(),
                endpoints);
        WindowHandler.Batch writes = handler.batch();
        List<EndpointStore.Schedule> schedules = new ArrayList<>();
        int analysed = 0;
        int flushed = 0;
        int written = 0;
        for (Due d : work) {
            ModelEndpoint ep = records.get(d.state().uid());
            if (ep == null) {
                continue; // deleted since the run read the states
            }
            try {
                analysed += windows.runEndpoint(ep, d, appNames, plan, now, writes, schedules);
            } catch (RuntimeException e) {
                LOG.error("controller: endpoint {}/{} failed, will retry next run: {}", project, ep.uid(),
                        e.toString(), e);
            }
            if (writes.pending() >= MAX_BUFFERED) {
                written += flush(project, writes, schedules, analysed - flushed);
                flushed = analysed;
            }
        }
        return written + flush(project, writes, schedules, analysed - flushed);
    }

    /**
     * Writes the buffered outputs, then the schedules, together ({@link EndpointStore#writeTogether}: one transaction
     * where the store has them); the app-windows written (0 when the write failed). The events the outputs raise are
     * delivered after the commit ({@link EventPublisher#afterwards}).
     */
    private int flush(String project, WindowHandler.Batch writes, List<EndpointStore.Schedule> schedules,
                      int analysed) {
        try {
            EventPublisher.afterwards(() -> endpoints.writeTogether(project, () -> {
                writes.flush();
                endpoints.setLastAnalyzed(schedules);
                return null;
            }));
            return analysed;
        } catch (RuntimeException e) {
            LOG.error("controller: writing a batch of {} window(s) of project {} failed, will retry next run: {}",
                    schedules.size(), project, e.toString(), e);
            return 0;
        } finally {
            schedules.clear();
        }
    }

    /** Waits for a worker; an interrupt is kept for the caller (the run's results must be complete on return). */
    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Counts an analysed window by what its apps read: its summary, its rows, or both. */
    private void countSource(String project, SampleFrame frame) {
        boolean summary = frame instanceof SummarizedFrame s && s.summary().isPresent();
        boolean rowsRead = !(frame instanceof SummarizedFrame s) || s.rowsRead();
        runStats.compute(project, (k, v) -> (v == null ? ControllerStats.ProjectRuns.NONE : v)
                .window(summary, rowsRead));
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "driftwatch-controller-scheduler");
            t.setDaemon(true);
            return t;
        });
        long tickMs = config.tick().toMillis();
        scheduler.scheduleWithFixedDelay(this::tick, tickMs, Math.max(1, tickMs), TimeUnit.MILLISECONDS);
    }

    /** Starts a run (on a virtual thread) of every enabled project that is due and not already running. */
    void tick() {
        try {
            Instant now = clock.instant();
            for (String project : projects.projects()) {
                Optional<MonitoringSettings> s = projects.monitoringSettings(project);
                if (s.isEmpty() || !s.get().enabled()) {
                    nextDue.remove(project);
                    continue;
                }
                Instant due = nextDue.get(project);
                if (due == null || !now.isBefore(due)) {
                    Duration period = s.get().basePeriod() == null ? BasePeriod.DEFAULT : s.get().basePeriod();
                    nextDue.put(project, now.plus(period));
                    Thread.ofVirtual().name("driftwatch-controller-" + project).start(() -> scheduledRun(project));
                }
            }
        } catch (RuntimeException e) {
            LOG.error("controller scheduler tick failed: {}", e.toString(), e);
        }
    }

    private void scheduledRun(String project) {
        ReentrantLock lock = lockOf(project);
        if (!lock.tryLock()) {
            LOG.info("controller: previous run of project {} still in progress, skipping this one", project);
            return;
        }
        try {
            int n = runProject(project);
            LOG.info("controller: project {} analysed {} app-window(s)", project, n);
        } catch (RuntimeException e) {
            LOG.error("controller: run of project {} failed: {}", project, e.toString(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
    }
}
