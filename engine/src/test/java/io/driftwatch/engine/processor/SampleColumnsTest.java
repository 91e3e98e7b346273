package io.driftwatch.engine.processor;

import static io.driftwatch.engine.processor.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.engine.port.RowValues;
import io.driftwatch.engine.port.SampleStore;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The processor's sample rows share one column list per endpoint across batches (the store writes by position). */
class SampleColumnsTest {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final Instant T = NOW.minusSeconds(120);

    /** Keeps every row written. */
    static final class Capturing implements SampleStore {
        final SampleStore delegate = MemoryStores.sampleStore();
        final List<SampleRow> rows = new ArrayList<>();

        @Override
        public void write(List<SampleRow> batch, long nextOffset) {
            rows.addAll(batch);
            delegate.write(batch, nextOffset);
        }

        @Override
        public long storedOffset() {
            return delegate.storedOffset();
        }

        @Override
        public SampleFrame read(String project, String uid, Window window) {
            return delegate.read(project, uid, window);
        }

        @Override
        public void export(String project, String uid, Instant start, Instant end, String format, OutputStream out)
                throws IOException {
            delegate.export(project, uid, start, end, format, out);
        }

        @Override
        public void deleteEndpoint(String project, String uid) {
            delegate.deleteEndpoint(project, uid);
        }

        @Override
        public void deleteProject(String project) {
            delegate.deleteProject(project);
        }

        @Override
        public long deleteOlderThan(Instant cutoff) {
            return delegate.deleteOlderThan(cutoff);
        }
    }

    @Test
    void rowsOfAnEndpointShareOneColumnListAcrossBatches() throws Exception {
        Capturing samples = new Capturing();
        Harness h = new Harness(NOW, samples, null);
        DefaultStreamProcessor p = h.processor();
        h.append(event("a", T, "r1", 1, "[[1, 2], [3, 4]]", "[0, 1]"), event("b", T, "r2", 1, "[[5]]", "[[1, 2]]"));
        p.pollOnce();
        h.append(event("b", T, "r3", 1, "[[6]]", "[[3, 4]]"), event("a", T, "r4", 1, "[[7, 8]]", "[1]"));
        p.pollOnce();
        p.flush();
        assertThat(samples.rows).hasSize(5).allSatisfy(r -> assertThat(r.values()).isInstanceOf(RowValues.class));
        Map<String, List<List<String>>> names = new TreeMap<>();
        samples.rows.forEach(r -> names.computeIfAbsent(r.uid(), k -> new ArrayList<>())
                .add(((RowValues) r.values()).names()));
        assertThat(names.values()).hasSize(2).allSatisfy(lists -> assertThat(lists).allSatisfy(
                l -> assertThat(l).isSameAs(lists.getFirst())));
        assertThat(samples.rows.getFirst().values()).containsExactly(Map.entry("f0", 1.0), Map.entry("f1", 2.0),
                Map.entry("p0", 0.0));
    }

    @Test
    void aLabelNamedLikeAFeatureKeepsTheLaterValueInAPlainMap() throws Exception {
        Capturing samples = new Capturing();
        Harness h = new Harness(NOW, samples, null);
        DefaultStreamProcessor p = h.processor();
        h.append(event("m", T, "r1", 1, "[[1, 2]]", "[9]"));
        p.pollOnce();
        String uid = io.driftwatch.EndpointId.of("proj", "proj/serving", "m", null);
        h.endpoints.update("proj", uid, e -> e.withSpec(e.spec().toBuilder().featureNames(List.of("x", "y"))
                .labelNames(List.of("y")).build()));
        h.append(event("m", T, "r2", 1, "[[3, 4]]", "[8]"));
        p.pollOnce();
        p.flush();
        assertThat(samples.rows.getLast().values()).isNotInstanceOf(RowValues.class)
                .containsExactly(Map.entry("x", 3.0), Map.entry("y", 8.0));
    }
}
