package io.driftwatch.benchmarks;

import io.driftwatch.serving.tracking.TrackingEvent;
import io.driftwatch.serving.tracking.TrackingEventCodec;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The tracker thread's work per event (issue 4 point 4): encoding one iris tracking event (4 float inputs, the ONNX
 * RandomForest's label and 3 probabilities) to MLRun JSON. With {@code -prof gc} this is the allocation that
 * {@link ServingRequestPathBenchmark}'s whole-JVM figure adds beyond the request thread's.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g", "-XX:+UseCompactObjectHeaders"})
@State(Scope.Benchmark)
public class TrackingEncodeBenchmark {
    private final TrackingEventCodec codec = TrackingEventCodec.of("0", "bench-host", ZoneId.of("UTC"));
    private final TrackingEvent event = TrackingEvent.builder().modelClass("io.driftwatch.serving.model.OnnxModel")
            .model("iris").functionUri("bench/iris-on").requestId("5f0c8a3e-3b7e-4a7e-9d0e-0a1b2c3d4e5f")
            .inputs(List.of(List.of(5.9f, 3.0f, 5.1f, 1.8f))).outputs(List.of(List.of(2L, 0.0f, 0.2f, 0.8f)))
            .when(Instant.parse("2026-11-22T12:00:00.123456Z"))
            .respondedAt(Instant.parse("2026-11-22T12:00:00.123512Z"))
            .microsec(56).build();

    /** One event to UTF-8 JSON. */
    @Benchmark
    public byte[] encode() {
        return codec.encode(event);
    }
}
