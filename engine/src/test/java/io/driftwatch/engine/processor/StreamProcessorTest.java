package io.driftwatch.engine.processor;

import static io.driftwatch.engine.processor.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.EndpointId;
import io.driftwatch.FeatureStats;
import io.driftwatch.Histogram;
import io.driftwatch.LiveMetrics;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.MonitoringMode;
import io.driftwatch.NumericStats;
import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.ProjectRecords;
import io.driftwatch.engine.port.TimeSeriesRecords.ErrorEvent;
import io.driftwatch.engine.port.TimeSeriesRecords.Prediction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamProcessorTest {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final Instant T = NOW.minusSeconds(120);
    static final String UID = EndpointId.of("proj", "proj/serving", "m", null);
    static final Window ALL = new Window(NOW.minusSeconds(86_400), NOW.plusSeconds(86_400));

    static void drain(Harness h, DefaultStreamProcessor p) throws InterruptedException {
        p.init();
        while (p.position() < h.stream.endOffset()) {
            p.pollOnce();
        }
        p.flush();
    }

    ModelEndpoint endpoint(Harness h, String uid) {
        return h.endpoints.get("proj", uid).orElseThrow();
    }

    @Test
    void firstEventsCreateTheEndpointWithGeneratedNamesErrorsAndLiveMetrics() throws Exception {
        Harness h = new Harness(NOW);
        h.append(event("m", T, "r1", 1000, "[[1, 2]]", "[0.5]"),
                event("m", T.plusSeconds(10), "r2", 3000, "[[3, 4], [5, 6]]", "[1, 0]"),
                Events.modelError("m", T.plusSeconds(20), "boom"),
                event("m", T.plusSeconds(5), "r3", 1000, "[[1, 2]]", "[0.5]").replace(",\"microsec\":1000", ""),
                "{broken");
        DefaultStreamProcessor p = h.processor();
        drain(h, p);

        ModelEndpoint e = endpoint(h, UID);
        assertThat(e.metadata().labels()).containsEntry("env", "prod");
        assertThat(e.spec().functionUri()).isEqualTo("proj/serving");
        assertThat(e.spec().model()).isEqualTo("m");
        assertThat(e.spec().modelClass()).isEqualTo("ChurnModel");
        assertThat(e.spec().featureNames()).containsExactly("f0", "f1");
        assertThat(e.spec().labelNames()).containsExactly("p0");
        assertThat(e.spec().monitoringMode()).isEqualTo(MonitoringMode.DISABLED);
        assertThat(e.status().firstRequest()).isEqualTo(T);
        assertThat(e.status().lastRequest()).isEqualTo(T.plusSeconds(20));
        assertThat(e.status().errorCount()).isEqualTo(2);
        assertThat(e.status().metrics()).isEqualTo(new LiveMetrics(3 / 300.0, (1000 + 2 * 3000) / 3.0,
                (1000 + 2 * 3000) / 3.0, 3, 3));

        assertThat(h.timeSeries.predictions("proj", UID, T, NOW)).extracting(Prediction::rows).containsExactly(1, 2);
        assertThat(h.timeSeries.errors("proj", UID, T, NOW.plusSeconds(3600))).extracting(ErrorEvent::kind)
                .containsExactlyInAnyOrder("model_error", "data_processing");
        assertThat(h.timeSeries.errors("proj", UID, T, NOW.plusSeconds(3600)))
                .anySatisfy(err -> assertThat(err.message()).contains("microsec"));
        SampleFrame f = h.samples.read("proj", UID, ALL);
        assertThat(f.columnNames()).containsExactly("f0", "f1", "p0");
        assertThat(f.values("f1")).containsExactly(2.0, 4.0, 6.0);
        assertThat(f.values("p0")).containsExactly(0.5, 1.0, 0.0);
        assertThat(p.stats()).satisfies(s -> {
            assertThat(s.events()).isEqualTo(5);
            assertThat(s.predictionRows()).isEqualTo(3);
            assertThat(s.modelErrors()).isEqualTo(1);
            assertThat(s.dataErrors()).isEqualTo(1);
            assertThat(s.unparseable()).isEqualTo(1);
            assertThat(s.lag()).isZero();
        });
        assertThat(h.stream.committed(EventStream.STREAM_PROCESSOR)).isEqualTo(5);
    }

    @Test
    void namesAndReferenceStatsComeFromTheLoggedModelAndModeFromTheProject() throws Exception {
        Harness h = new Harness(NOW);
        FeatureStats stats = FeatureStats.of(Map.of("age", new NumericStats(2, 35, 5, 30, 30, 35, 40, 40,
                Histogram.of(new double[]{1, 1}, new double[]{30, 35, 40}))));
        h.projects.putModel(new ProjectRecords.ModelRecord("proj", "m", "1", "sklearn", "y", null,
                List.of("age", "income"), List.of("y"), stats, NOW));
        h.projects.putMonitoringSettings(new ProjectRecords.MonitoringSettings("proj", true,
                Duration.ofMinutes(10), Map.of()));
        h.append(event("m", T, "r1", 1000, "[[30, 1000.5]]", "[1]"),
                event("m", T, "r2", 1000, "[[30, 1000.5, 7]]", "[1]"),
                event("m", T, "r3", 1000, "[[30, 1000.5]]", "[[1, 2]]"));
        drain(h, h.processor());
        ModelEndpoint e = endpoint(h, UID);
        assertThat(e.spec().featureNames()).containsExactly("age", "income");
        assertThat(e.spec().labelNames()).containsExactly("y");
        assertThat(e.spec().monitoringMode()).isEqualTo(MonitoringMode.ENABLED);
        assertThat(e.status().featureStats()).isEqualTo(stats);
        assertThat(e.status().errorCount()).isEqualTo(2);
        assertThat(h.timeSeries.errors("proj", UID, T, NOW)).extracting(ErrorEvent::message)
                .anySatisfy(m -> assertThat(m).contains("3 inputs", "2 feature names"))
                .anySatisfy(m -> assertThat(m).contains("2 outputs", "1 label names"));
        assertThat(h.samples.read("proj", UID, ALL).values("income")).containsExactly(1000.5);
    }

    @Test
    void customMetricsGoToThePredictionRow() throws Exception {
        Harness h = new Harness(NOW);
        h.append(event("m", T, "r1", 1000, "[[1]]", "[1]").replace("\"op\"", "\"metrics\":{\"acc\":0.9},\"op\""));
        drain(h, h.processor());
        assertThat(h.timeSeries.predictions("proj", UID, T, NOW).getFirst().customMetrics())
                .containsExactly(Map.entry("acc", 0.9));
    }

    @Test
    void rowsAreFlushedBySizeOrTime() throws Exception {
        Harness h = new Harness(NOW);
        h.options = h.options.withFlush(4, Duration.ofSeconds(60));
        DefaultStreamProcessor p = h.processor();
        h.append(event("m", T, "r1", 1, "[[1], [2], [3]]", "[1, 2, 3]"));
        p.pollOnce();
        assertThat(h.samples.storedOffset()).isZero();
        assertThat(h.stream.committed(EventStream.STREAM_PROCESSOR)).isZero();
        h.append(event("m", T, "r2", 1, "[[4]]", "[4]"));
        p.pollOnce();
        assertThat(h.samples.read("proj", UID, ALL).rowCount()).isEqualTo(4);
        h.append(event("m", T, "r3", 1, "[[5]]", "[5]"));
        p.pollOnce();
        h.clock.advance(Duration.ofSeconds(59));
        p.pollOnce();
        assertThat(h.samples.storedOffset()).isEqualTo(2);
        h.clock.advance(Duration.ofSeconds(1));
        p.pollOnce();
        assertThat(h.samples.storedOffset()).isEqualTo(3);
        assertThat(h.samples.read("proj", UID, ALL).rowCount()).isEqualTo(5);
        assertThat(h.stream.committed(EventStream.STREAM_PROCESSOR)).isEqualTo(3);
    }

    @Test
    void liveMetricsSurviveARestart() throws Exception {
        Harness h = new Harness(NOW);
        h.append(event("m", T, "r1", 1000, "[[1], [2]]", "[1, 2]"));
        drain(h, h.processor());
        h.clock.advance(Duration.ofSeconds(200));
        h.append(event("m", NOW.plusSeconds(150), "r2", 4000, "[[1]]", "[1]"));
        drain(h, h.processor());
        LiveMetrics m = endpoint(h, UID).status().metrics();
        assertThat(m.predictionsCount1h()).isEqualTo(3);
        assertThat(m.predictionsCount5m()).isEqualTo(1);
        assertThat(m.latencyAvg1h()).isEqualTo(2000.0);
    }

    @Test
    void startAndCloseRunTheLoopOnAThreadAndFlushOnClose() throws Exception {
        Harness h = new Harness(NOW);
        StreamProcessor p = StreamProcessor.create(h.ports(), h.clock, h.options);
        p.start();
        h.append(event("m", T, "r1", 1000, "[[1], [2]]", "[1, 2]"));
        await().atMost(Duration.ofSeconds(10)).until(() -> p.stats().appliedOffset() >= 1);
        assertThat(h.samples.storedOffset()).isZero();
        p.close();
        assertThat(h.samples.read("proj", UID, ALL).rowCount()).isEqualTo(2);
        assertThat(h.stream.committed(EventStream.STREAM_PROCESSOR)).isEqualTo(1);
        assertThat(endpoint(h, UID).status().lastRequest()).isEqualTo(T);
    }

    @Test
    void awaitStoredFlushesTheBufferedRowsAtOnce() throws Exception {
        Harness h = new Harness(NOW);
        StreamProcessor p = StreamProcessor.create(h.ports(), h.clock, h.options);
        assertThat(p.awaitStored(1, Duration.ofMillis(20))).as("not running").isFalse();
        p.start();
        try {
            h.append(event("m", T, "r1", 1000, "[[1], [2]]", "[1, 2]"));
            await().atMost(Duration.ofSeconds(10)).until(() -> p.stats().appliedOffset() >= 1);
            assertThat(h.samples.storedOffset()).as("buffered: the flush interval has not passed").isZero();
            assertThat(p.awaitStored(1, Duration.ofSeconds(10))).isTrue();
            assertThat(h.samples.storedOffset()).isEqualTo(1);
            assertThat(h.samples.read("proj", UID, ALL).rowCount()).isEqualTo(2);
            assertThat(p.awaitStored(1, Duration.ZERO)).as("already stored").isTrue();
        } finally {
            p.close();
        }
    }

    @Test
    void batchesOfLargeEventsHoldAboutFourMegabytes() throws Exception {
        Harness h = new Harness(NOW);
        DefaultStreamProcessor p = h.processor();
        String row = "[" + "1.25, ".repeat(19) + "1.25]";
        String inputs = "[" + (row + ", ").repeat(4_999) + row + "]"; // ~0.6 MB an event
        String outputs = "[" + "0, ".repeat(4_999) + "0]";
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            events.add(event("m", T, "r" + i, 1, inputs, outputs));
        }
        h.append(events);
        assertThat(p.pollOnce()).as("first read: the configured 5,000 records").isEqualTo(12);
        h.append(events);
        int perEvent = Events.bytes(events.getFirst()).length;
        assertThat(p.pollOnce()).as("then sized by bytes").isEqualTo((int) (DefaultStreamProcessor.BATCH_BYTES / perEvent))
                .isBetween(2, 11);
        while (p.position() < h.stream.endOffset()) {
            p.pollOnce();
        }
        p.flush();
        assertThat(h.samples.read("proj", UID, ALL).rowCount()).isEqualTo(24 * 5_000);
    }
}
