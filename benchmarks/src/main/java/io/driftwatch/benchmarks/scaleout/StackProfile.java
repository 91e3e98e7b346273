package io.driftwatch.benchmarks.scaleout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Attributes this JVM's CPU to components by sampling stacks with JFR ({@code jdk.ExecutionSample} every 10 ms: a
 * thread running Java code; {@code jdk.NativeMethodSample} every 10 ms: a thread in a native method, counted only
 * when that method is DuckDB's, whose JNI calls compute rather than wait; socket reads and parks are waits and are
 * not counted). Per-thread CPU time (ThreadMXBean) cannot be used: the partitioned processor's workers are virtual
 * threads, for which {@code getCurrentThreadCpuTime()} answers -1, and their carrier threads run every component.
 *
 * <p>A sample's component is that of the first frame, from the top of the stack, whose class matches one of
 * {@link #COMPONENTS} (so Jackson parsing under the processor counts as the processor, a socket write under the
 * PostgreSQL driver as SQL); samples with no matching frame are {@code other}.
 */
final class StackProfile implements AutoCloseable {
    /** Class-name prefix → component, tried in this order for each frame. */
    static final List<String[]> COMPONENTS = List.of(
            new String[] {"io.driftwatch.benchmarks.", "load generator"},
            new String[] {"software.amazon.awssdk.", "s3 upload (AWS SDK)"},
            new String[] {"org.apache.hc.", "s3 upload (AWS SDK)"},
            new String[] {"io.driftwatch.store.s3.", "s3 upload (AWS SDK)"},
            new String[] {"org.apache.kafka.clients.producer.", "kafka producer"},
            new String[] {"io.driftwatch.stream.kafka.KafkaEventStream.append", "kafka producer"},
            new String[] {"org.apache.kafka.clients.consumer.", "kafka consumer"},
            new String[] {"io.driftwatch.stream.kafka.", "kafka consumer"},
            new String[] {"org.postgresql.", "sql"},
            new String[] {"org.mariadb.", "sql"},
            new String[] {"com.zaxxer.hikari.", "sql"},
            new String[] {"io.driftwatch.store.sql.", "sql"},
            new String[] {"io.driftwatch.store.embedded.parquet.", "parquet"},
            new String[] {"io.driftwatch.store.embedded.duckdb.", "duckdb store"},
            new String[] {"io.driftwatch.store.embedded.log.", "embedded log"},
            new String[] {"io.driftwatch.engine.processor.", "processor (parse, assemble)"},
            new String[] {"io.driftwatch.server.", "http ingest (Jetty, validation)"},
            new String[] {"io.driftwatch.engine.ingest.", "http ingest (Jetty, validation)"},
            new String[] {"io.javalin.", "http ingest (Jetty, validation)"},
            new String[] {"org.eclipse.jetty.", "http ingest (Jetty, validation)"});
    private final Recording recording = new Recording();

    StackProfile() {
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
        recording.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(10));
        recording.start();
    }

    /** Stops the recording and counts its samples per component. */
    Map<String, Long> stop() throws IOException {
        recording.stop();
        Path file = Files.createTempFile("dw-scaleout-", ".jfr");
        try {
            recording.dump(file);
            return count(file, Instant.MIN, Instant.MAX, true);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * The samples of a JFR file taken in {@code [from, to)}, per component; {@code mainIsLoad}: samples of the
     * thread {@code main} are the load generator's (this benchmark's JVM), else classified by their frames.
     */
    static Map<String, Long> count(Path file, Instant from, Instant to, boolean mainIsLoad) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getStartTime().isBefore(from) || !e.getStartTime().isBefore(to)) {
                continue;
            }
            String type = e.getEventType().getName();
            if (!type.equals("jdk.ExecutionSample") && !type.equals("jdk.NativeMethodSample")) {
                continue;
            }
            String c = classify(e, mainIsLoad);
            if (c != null) {
                counts.merge(c, 1L, Long::sum);
            }
        }
        return counts;
    }

    /** The component of one sample, or null for a native sample that is a wait. */
    private static String classify(RecordedEvent e, boolean mainIsLoad) {
        RecordedStackTrace st = e.getStackTrace();
        if (st == null) {
            return null;
        }
        if (mainIsLoad && e.getThread("sampledThread") != null
                && "main".equals(e.getThread("sampledThread").getJavaName())) {
            return "load generator"; // the benchmark's main thread: lag probes
        }
        boolean nativeSample = e.getEventType().getName().equals("jdk.NativeMethodSample");
        List<RecordedFrame> frames = st.getFrames();
        if (nativeSample && (frames.isEmpty() || !isDuckDb(frames.getFirst()))) {
            return null;
        }
        for (RecordedFrame f : frames) {
            String name = f.getMethod().getType().getName() + "." + f.getMethod().getName();
            for (String[] c : COMPONENTS) {
                if (name.startsWith(c[0])) {
                    return c[1];
                }
            }
        }
        return "other";
    }

    private static boolean isDuckDb(RecordedFrame f) {
        return f.getMethod().getType().getName().startsWith("org.duckdb.");
    }

    @Override
    public void close() {
        recording.close();
    }
}
