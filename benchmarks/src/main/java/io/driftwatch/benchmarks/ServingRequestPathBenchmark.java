package io.driftwatch.benchmarks;

import io.driftwatch.serving.ModelSpec;
import io.driftwatch.serving.ServingFunction;
import io.driftwatch.serving.ServingFunctions;
import io.driftwatch.serving.TrackingSpec;
import io.driftwatch.serving.model.InferRequest;
import io.driftwatch.serving.oip.OipCodec;
import io.driftwatch.serving.tracking.Tracker;
import io.driftwatch.serving.tracking.TrackerConfig;
import io.driftwatch.serving.tracking.TrackerStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The serving request path of issue 4 point 4 without HTTP: what {@code ServingRoutes.infer} does per request — parse
 * the OIP v2 body, run the iris ONNX model (15-tree RandomForest), track, encode the OIP response — with tracking
 * {@code off}, {@code on} (rate 1) and {@code sampled} (rate 0.1). The tracker is the real one (lock-free bounded
 * queue, background thread encoding each event to MLRun JSON) with a sink that only counts bytes, so the figures are
 * the request thread's cost of tracking; the tracker thread's encoding runs concurrently on another core. Run with
 * {@code -prof gc} for allocation per request. The model file is {@code examples/iris/iris_rf.onnx} under the
 * working directory or {@code -Ddriftwatch.root}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED", "-XX:+UseCompactObjectHeaders"})
@State(Scope.Benchmark)
public class ServingRequestPathBenchmark {
    private static final byte[] BODY = ("{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\","
            + "\"data\":[5.9,3.0,5.1,1.8]}]}").getBytes(StandardCharsets.UTF_8);

    /** off: tracking disabled; on: every request tracked; sampled: rate 0.1. */
    @Param({"off", "on", "sampled"})
    public String tracking;

    private final LongAdder sunkEvents = new LongAdder();
    private final LongAdder sunkBytes = new LongAdder();
    private Path dir;
    private Tracker tracker;
    private ServingFunctions functions;
    private ServingFunction fn;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path model = Path.of(System.getProperty("driftwatch.root", ".")).resolve("examples/iris/iris_rf.onnx")
                .toAbsolutePath();
        if (!Files.isRegularFile(model)) {
            throw new IllegalStateException("no iris model at " + model + "; run from the repository root or set "
                    + "-Ddriftwatch.root");
        }
        dir = Files.createTempDirectory("dw-serving-bench");
        tracker = Tracker.start(events -> {
            sunkEvents.add(events.size());
            for (byte[] e : events) {
                sunkBytes.add(e.length);
            }
        }, TrackerConfig.defaults());
        functions = ServingFunctions.open(dir, tracker, Clock.systemUTC());
        functions.create("bench", "iris", null);
        functions.addModel("bench", "iris", ModelSpec.ofFile("iris", null, model.toString()));
        functions.setTracking("bench", "iris", switch (tracking) {
            case "off" -> TrackingSpec.off();
            case "on" -> TrackingSpec.all();
            case "sampled" -> new TrackingSpec(true, 0.1);
            default -> throw new IllegalArgumentException("tracking must be off, on or sampled, got " + tracking);
        });
        fn = functions.deploy("bench", "iris");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        functions.close();
        tracker.close();
        TrackerStats s = tracker.stats();
        long n = sunkEvents.sum();
        System.out.printf("%n# tracker %s: accepted %d, dropped %d, delivered %d, failed %d; %.0f bytes/event%n",
                tracking, s.accepted(), s.dropped(), s.delivered(), s.failed(),
                n == 0 ? 0.0 : (double) sunkBytes.sum() / n);
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (UncheckedIOException e) {
            System.out.println("# could not delete " + dir + ": " + e.getMessage());
        }
    }

    /** One request as {@code ServingRoutes.infer} handles it, minus HTTP: parse, infer, track, encode. */
    @Benchmark
    public byte[] infer() {
        long start = System.nanoTime();
        Instant when = fn.now();
        InferRequest request = OipCodec.parseRequest(BODY);
        ServingFunction.InferResult result = fn.infer("iris", null, request, when, start);
        return OipCodec.inferResponse("iris", result.model().spec().version(), result.id(), result.response());
    }
}
