package io.driftwatch.engine.processor;

import static io.driftwatch.engine.processor.Events.event;

import io.driftwatch.EndpointId;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.Window;
import io.driftwatch.engine.memory.InMemoryPartitionedStream;
import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.engine.memory.MutableClock;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.ProcessorSink;
import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.TimeSeriesRecords.ErrorEvent;
import io.driftwatch.engine.port.TimeSeriesRecords.Prediction;
import io.driftwatch.engine.port.TimeSeriesStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A partitioned in-memory stream (4 partitions) with memory stores; the events of {@link #MODELS} endpoints of
 * project {@code proj}, appended keyed by endpoint uid, and the outcome to compare with a single-partition run.
 */
final class PartitionedHarness {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final Window ALL = new Window(NOW.minusSeconds(86_400), NOW.plusSeconds(86_400));
    static final int MODELS = 12;
    static final int EVENTS = 240;

    final MutableClock clock = new MutableClock(NOW);
    InMemoryPartitionedStream stream;
    final EndpointStore endpoints = MemoryStores.endpointStore();
    final ProjectStore projects = MemoryStores.projectStore();
    final TimeSeriesStore timeSeries = MemoryStores.timeSeriesStore();
    final SampleStore samples = MemoryStores.sampleStore();
    final ProcessorSink sink = MemoryStores.processorSink(endpoints, timeSeries);
    ProcessorOptions options = ProcessorOptions.DEFAULTS.withPollWait(Duration.ofMillis(5))
            .withRetry(Duration.ofMillis(1), Duration.ofMillis(5)).withBatchRecords(7)
            .withFlush(25, Duration.ofHours(1)).withBatchLinger(Duration.ZERO);

    PartitionedHarness(int partitions) {
        stream = new InMemoryPartitionedStream(clock, partitions);
    }

    static String uid(int model) {
        return EndpointId.of("proj", "proj/serving", "m" + model, null);
    }

    /** Event {@code i}: endpoint {@code i % MODELS}, 1-3 rows; every 10th+7 a model error. */
    static String eventOf(int i) {
        String model = "m" + (i % MODELS);
        Instant t = NOW.minusSeconds(EVENTS - i);
        if (i % 10 == 7) {
            return Events.modelError(model, t, "boom " + i);
        }
        StringBuilder in = new StringBuilder("[");
        StringBuilder out = new StringBuilder("[");
        for (int r = 0; r <= i % 3; r++) {
            in.append(r == 0 ? "" : ",").append("[").append(i).append(",").append(r).append("]");
            out.append(r == 0 ? "" : ",").append(i % 2);
        }
        return event(model, t, "r" + i, 1000L + i, in + "]", out + "]");
    }

    /** Appends events {@code [from, to)} keyed by their endpoint's uid. */
    void append(int from, int to) {
        for (int i = from; i < to; i++) {
            stream.append("proj", uid(i % MODELS), List.of(Events.bytes(eventOf(i))));
        }
    }

    PartitionedStreamProcessor processor() {
        return new PartitionedStreamProcessor(new StreamProcessor.Ports(stream, endpoints, projects, timeSeries,
                samples, sink), clock, options);
    }

    /** Per endpoint: rows, predictions, errors, error count, live predictions count. */
    Map<String, List<Long>> outcome() {
        Map<String, List<Long>> out = new TreeMap<>();
        for (int m = 0; m < MODELS; m++) {
            String uid = uid(m);
            ModelEndpoint e = endpoints.get("proj", uid).orElseThrow();
            List<Prediction> predictions = timeSeries.predictions("proj", uid, ALL.start(), ALL.end());
            List<ErrorEvent> errors = timeSeries.errors("proj", uid, ALL.start(), ALL.end());
            out.put(uid, List.of((long) samples.read("proj", uid, ALL).rowCount(), (long) predictions.size(),
                    (long) errors.size(), e.status().errorCount(), e.status().metrics().predictionsCount1h()));
        }
        return out;
    }

    /** The outcome of one uninterrupted single-partition run over the same events (in the same order). */
    static Map<String, List<Long>> reference() throws InterruptedException {
        Harness h = new Harness(NOW);
        h.options = h.options.withBatchRecords(7).withFlush(25, Duration.ofHours(1));
        List<String> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            events.add(eventOf(i));
        }
        h.append(events);
        StreamProcessorTest.drain(h, h.processor());
        Map<String, List<Long>> out = new TreeMap<>();
        for (int m = 0; m < MODELS; m++) {
            String uid = uid(m);
            ModelEndpoint e = h.endpoints.get("proj", uid).orElseThrow();
            out.put(uid, List.of((long) h.samples.read("proj", uid, ALL).rowCount(),
                    (long) h.timeSeries.predictions("proj", uid, ALL.start(), ALL.end()).size(),
                    (long) h.timeSeries.errors("proj", uid, ALL.start(), ALL.end()).size(),
                    e.status().errorCount(), e.status().metrics().predictionsCount1h()));
        }
        return out;
    }
}
