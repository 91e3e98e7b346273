package io.driftwatch.engine.processor;

import static io.driftwatch.engine.processor.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.EndpointId;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.Window;
import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.engine.port.EndpointFilter;
import io.driftwatch.engine.port.ProcessorSink;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.TimeSeriesRecords.ErrorEvent;
import io.driftwatch.engine.port.TimeSeriesRecords.Prediction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Crashes (a processor discarded without close) and failing ports never lose or double anything. */
class ExactlyOnceTest {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final int EVENTS = 120;
    static final Window ALL = new Window(NOW.minusSeconds(86_400), NOW.plusSeconds(86_400));

    /** Events of 3 endpoints: 1-3 rows each; every 10th+7 a model error, every 10th+8 a data error. */
    static List<String> events() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            String model = "m" + (i % 3);
            Instant t = NOW.minusSeconds(EVENTS - i);
            if (i % 10 == 7) {
                out.add(Events.modelError(model, t, "boom " + i));
            } else if (i % 10 == 8) {
                out.add(event(model, t, "r" + i, 10, "[[1, 2]]", "[1]").replace(",\"microsec\":10", ""));
            } else {
                StringBuilder in = new StringBuilder("[");
                StringBuilder outs = new StringBuilder("[");
                for (int r = 0; r <= i % 3; r++) {
                    in.append(r == 0 ? "" : ",").append("[").append(i).append(",").append(r).append("]");
                    outs.append(r == 0 ? "" : ",").append(i % 2);
                }
                out.add(event(model, t, "r" + i, 1000L + i, in + "]", outs + "]"));
            }
        }
        return out;
    }

    /** What a single uninterrupted run produces, per endpoint: rows, predictions, errors, error_count. */
    static Map<String, List<Long>> outcome(Harness h) {
        Map<String, List<Long>> out = new HashMap<>();
        for (int m = 0; m < 3; m++) {
            String uid = EndpointId.of("proj", "proj/serving", "m" + m, null);
            ModelEndpoint e = h.endpoints.get("proj", uid).orElseThrow();
            List<Prediction> predictions = h.timeSeries.predictions("proj", uid, ALL.start(), ALL.end());
            List<ErrorEvent> errors = h.timeSeries.errors("proj", uid, ALL.start(), ALL.end());
            long rows = h.samples.read("proj", uid, ALL).rowCount();
            long distinctRequests = h.samples.read("proj", uid, ALL).rowCount() == 0 ? 0
                    : predictions.stream().map(Prediction::time).distinct().count();
            out.put(uid, List.of(rows, (long) predictions.size(), distinctRequests, (long) errors.size(),
                    e.status().errorCount(), e.status().metrics().predictionsCount1h()));
        }
        return out;
    }

    static Harness fresh() {
        Harness h = new Harness(NOW);
        h.options = h.options.withBatchRecords(7).withFlush(25, Duration.ofHours(1));
        h.append(events());
        return h;
    }

    @Test
    void uninterruptedRunCountsEverythingOnce() throws Exception {
        Harness h = fresh();
        StreamProcessorTest.drain(h, h.processor());
        Map<String, List<Long>> o = outcome(h);
        long rows = o.values().stream().mapToLong(l -> l.get(0)).sum();
        long expectedRows = 0;
        for (int i = 0; i < EVENTS; i++) {
            expectedRows += i % 10 == 7 || i % 10 == 8 ? 0 : i % 3 + 1;
        }
        assertThat(rows).isEqualTo(expectedRows);
        assertThat(o.values().stream().mapToLong(l -> l.get(4)).sum()).isEqualTo(2L * EVENTS / 10);
        assertThat(o.values().stream().mapToLong(l -> l.get(5)).sum()).isEqualTo(expectedRows);
    }

    @Test
    void crashAfterAnyNumberOfIterationsLosesAndDoublesNothing() throws Exception {
        Harness reference = fresh();
        StreamProcessorTest.drain(reference, reference.processor());
        Map<String, List<Long>> expected = outcome(reference);
        for (int crashAfter = 1; crashAfter <= EVENTS / 7 + 1; crashAfter++) {
            Harness h = fresh();
            DefaultStreamProcessor first = h.processor();
            for (int i = 0; i < crashAfter; i++) {
                first.pollOnce(); // applies a batch; flushes only every 25 rows: most crashes fall between the two
            }
            DefaultStreamProcessor second = h.processor(); // the first is discarded without close: a crash
            for (int i = 0; i < crashAfter % 4; i++) {
                second.pollOnce();
            }
            StreamProcessorTest.drain(h, h.processor()); // and a second crash
            assertThat(outcome(h)).as("crash after %d iterations", crashAfter).isEqualTo(expected);
            assertThat(h.endpoints.list("proj", EndpointFilter.ALL)).hasSize(3);
        }
    }

    @Test
    void sampleStoreAheadOfTheSinkRebuildsRecordsWithoutDuplicatingRows() throws Exception {
        Harness reference = fresh();
        StreamProcessorTest.drain(reference, reference.processor());
        // the sink's database lost everything (restored from an old backup) while the Parquet rows survived
        Harness h = new Harness(NOW, reference.samples, null);
        h.options = reference.options;
        h.append(events());
        DefaultStreamProcessor p = h.processor();
        StreamProcessorTest.drain(h, p);
        assertThat(outcome(h)).isEqualTo(outcome(reference));
        assertThat(p.stats().predictionRows()).isPositive();
        assertThat(p.stats().flushes()).isZero();
    }

    @Test
    void failingPortsAreRetriedWithoutAdvancingOffsets() throws Exception {
        Harness reference = fresh();
        StreamProcessorTest.drain(reference, reference.processor());
        AtomicInteger applyCalls = new AtomicInteger();
        AtomicInteger writeCalls = new AtomicInteger();
        Harness h = new Harness(NOW, null, null);
        ProcessorSink real = h.sink;
        SampleStore realSamples = h.samples;
        ProcessorSink flakySink = new ProcessorSink() {
            @Override
            public long appliedOffset() {
                return real.appliedOffset();
            }

            @Override
            public void apply(List<ModelEndpoint> e, List<Prediction> p, List<ErrorEvent> er, long next) {
                if (applyCalls.incrementAndGet() % 3 == 1) {
                    throw new IllegalStateException("database is locked");
                }
                real.apply(e, p, er, next);
            }
        };
        SampleStore flakySamples = (SampleStore) Proxy.newProxyInstance(
                SampleStore.class.getClassLoader(), new Class<?>[]{SampleStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("write") && writeCalls.incrementAndGet() % 2 == 1) {
                        throw new UncheckedIOException(new IOException("disk full"));
                    }
                    try {
                        return method.invoke(realSamples, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        h.options = reference.options;
        h.append(events());
        DefaultStreamProcessor p = (DefaultStreamProcessor) StreamProcessor.create(
                new StreamProcessor.Ports(h.stream, h.endpoints, h.projects, h.timeSeries, flakySamples, flakySink),
                h.clock, h.options);
        StreamProcessorTest.drain(h, p);
        assertThat(outcome(h)).isEqualTo(outcome(reference));
        assertThat(p.stats().portFailures()).isGreaterThanOrEqualTo(EVENTS / 7 / 3 + 1);
        assertThat(MemoryStores.class).isNotNull();
    }
}
