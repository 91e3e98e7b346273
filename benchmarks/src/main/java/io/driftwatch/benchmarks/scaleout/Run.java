package io.driftwatch.benchmarks.scaleout;

import io.driftwatch.engine.backend.BackendContext;
import io.driftwatch.engine.backend.BackendLoader;
import io.driftwatch.engine.backend.Backends;
import io.driftwatch.engine.port.StreamPartition;
import io.driftwatch.engine.processor.ProcessorOptions;
import io.driftwatch.engine.processor.ProcessorStats;
import io.driftwatch.engine.processor.ProjectStreams;
import io.driftwatch.engine.processor.StreamProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One measured run on one {@link Target}: opens the backends by URI as {@code driftwatch serve} does
 * (BackendLoader, ServiceLoader providers), creates the project (its topic on Kafka), starts
 * {@link StreamProcessor#partitioned} (the processor the server runs) and the {@link Load}, warms up, then measures
 * for {@code seconds}: events and rows applied by the processor, lag (stream end offsets minus the offsets the
 * sink stored with its effects, summed over the project's partitions) once per second, and CPU (see
 * {@link Result}). Afterwards it stops the load, times the drain of what is left, deletes the topic and drops the
 * database.
 */
final class Run {
    private final Settings settings;
    private final String targetName;
    private final Long brokerPid;

    /** The run's knobs (events/s offered, rows per event, endpoints, partitions, appending threads, durations). */
    record Settings(double rate, int rows, int endpoints, int partitions, int threads, int warmupSeconds,
                    int seconds) {
    }

    Run(Settings settings, String targetName, Long brokerPid) {
        this.settings = settings;
        this.targetName = targetName;
        this.brokerPid = brokerPid;
    }

    Result execute(String kafka) throws Exception {
        Target target = Target.create(targetName);
        String project = "sob" + System.currentTimeMillis() % 1_000_000_000L;
        Path dir = Files.createTempDirectory("dw-scaleout-");
        BackendContext context = new BackendContext(Clock.systemUTC(), dir,
                Map.of("kafka-partitions", Integer.toString(settings.partitions())));
        try (Backends b = BackendLoader.standard().open(target.uris(kafka), context)) {
            b.projects().createProject(project);
            b.stream().createProject(project);
            StreamProcessor processor = StreamProcessor.partitioned(new StreamProcessor.Ports(b.stream(),
                    b.endpoints(), b.projects(), b.timeSeries(), b.samples(), b.sink()), Clock.systemUTC(),
                    ProcessorOptions.DEFAULTS);
            processor.start();
            Load load = new Load(b.stream(), project, settings.endpoints(), settings.rows(), settings.rate(),
                    settings.threads());
            load.start();
            try {
                Thread.sleep(settings.warmupSeconds() * 1000L);
                return measure(b, project, processor, load, target);
            } finally {
                load.stop();
                processor.close();
                b.stream().deleteProject(project);
            }
        } finally {
            target.drop();
        }
    }

    private Result measure(Backends b, String project, StreamProcessor processor, Load load, Target target)
            throws Exception {
        Predicate<StreamPartition> mine = ProjectStreams.of(project);
        Snapshot s0 = snapshot(b, mine, processor, load, target);
        List<Long> lags = new ArrayList<>();
        lags.add(s0.lag);
        try (StackProfile profile = new StackProfile()) {
            long start = System.nanoTime();
            for (int i = 1; i <= settings.seconds(); i++) {
                long wait = start + i * 1_000_000_000L - System.nanoTime();
                Thread.sleep(Math.max(0, wait / 1_000_000));
                lags.add(lag(b, mine));
            }
            Snapshot s1 = snapshot(b, mine, processor, load, target);
            double secs = (System.nanoTime() - start) / 1e9;
            Map<String, Long> samples = profile.stop();
            long t = System.nanoTime();
            load.stop();
            boolean drained = processor.awaitDrained(mine, Duration.ofSeconds(300));
            double drain = (System.nanoTime() - t) / 1e9;
            return new Result(targetName, settings, secs, s0, s1, lags, samples, drained ? drain : -1,
                    load.failed.get());
        }
    }

    /** The counters, lag and CPU at one instant. */
    record Snapshot(long acked, long events, long rows, long lag, Map<String, Double> threads, double broker,
                    Map<Long, Double> db, double load, Map<String, Double> processes) {
    }

    private Snapshot snapshot(Backends b, Predicate<StreamPartition> mine, StreamProcessor processor, Load load,
                              Target target) throws Exception {
        ProcessorStats st = processor.stats();
        return new Snapshot(load.acked.get(), st.events(), st.predictionRows(), lag(b, mine),
                ThreadCpu.selfByThread(), brokerPid == null ? 0 : ThreadCpu.process(brokerPid), target.dbCpuSeconds(),
                io.driftwatch.benchmarks.pipeline.ProcessProbe.loadAverage(), Map.of());
    }

    /** Σ over the project's partitions of (end offset − offset stored with the sink's effects), in events. */
    private static long lag(Backends b, Predicate<StreamPartition> mine) {
        long lag = 0;
        for (StreamPartition p : b.stream().partitions()) {
            if (mine.test(p)) {
                lag += b.stream().partition(p).endOffset() - b.sink().forPartition(p).appliedOffset();
            }
        }
        return lag;
    }
}
