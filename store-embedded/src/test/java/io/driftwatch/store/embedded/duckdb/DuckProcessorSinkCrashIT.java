package io.driftwatch.store.embedded.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.port.TimeSeriesRecords.ErrorEvent;
import io.driftwatch.engine.port.TimeSeriesRecords.Prediction;
import io.driftwatch.testkit.TestData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Crash consistency of the sink: a child JVM applies batches (each offset step carries exactly
 * {@link #ROWS_PER_OFFSET} predictions and one error) and is killed with SIGKILL mid-stream; after reopening,
 * the applied offset and the rows agree exactly. Also: a failing apply leaves nothing behind.
 */
class DuckProcessorSinkCrashIT {
    static final int ROWS_PER_OFFSET = 50;
    static final Instant T0 = TestData.T0;

    /** The child: applies batches of 20 offsets forever, printing each applied offset. */
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        try (EmbeddedStores stores = DuckStores.open(dir)) {
            ModelEndpoint e = TestData.bareEndpoint("p", "serving", "m");
            for (long offset = 0; ; offset += 20) {
                stores.processorSink().apply(List.of(TestData.withRequests(e, T0, T0.plusSeconds(offset))),
                        predictions(e.uid(), offset, 20), errors(e.uid(), offset, 20), offset + 20);
                System.out.println("applied " + (offset + 20));
                System.out.flush();
            }
        }
    }

    static List<Prediction> predictions(String uid, long first, int offsets) {
        List<Prediction> out = new ArrayList<>();
        for (long o = first; o < first + offsets; o++) {
            for (int i = 0; i < ROWS_PER_OFFSET; i++) {
                out.add(new Prediction("p", uid, T0.plusMillis(o * 1000 + i), 100 + i, 1, Map.of("o", (double) o)));
            }
        }
        return out;
    }

    static List<ErrorEvent> errors(String uid, long first, int offsets) {
        List<ErrorEvent> out = new ArrayList<>();
        for (long o = first; o < first + offsets; o++) {
            out.add(new ErrorEvent("p", uid, T0.plusMillis(o * 1000), "model_error", "offset " + o));
        }
        return out;
    }

    @Test
    void killedWriterLeavesOffsetAndRowsInAgreement() throws Exception {
        Path dir = DuckStores.newDir();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                DuckProcessorSinkCrashIT.class.getName(), dir.toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            int applied = 0;
            String line;
            while (applied < 15 && (line = out.readLine()) != null) {
                if (line.startsWith("applied ")) {
                    applied++;
                }
            }
            assertThat(applied).as("batches applied by the child before the kill").isEqualTo(15);
            child.destroyForcibly().waitFor();
        }
        try (EmbeddedStores stores = DuckStores.open(dir)) {
            long offset = stores.processorSink().appliedOffset();
            assertThat(offset).isGreaterThanOrEqualTo(15 * 20).isEqualTo(offset / 20 * 20);
            String uid = TestData.bareEndpoint("p", "serving", "m").uid();
            Instant end = T0.plusSeconds(1_000_000);
            assertThat(stores.timeSeries().predictions("p", uid, T0, end)).hasSize((int) offset * ROWS_PER_OFFSET);
            assertThat(stores.timeSeries().errors("p", uid, T0, end)).hasSize((int) offset);
            assertThat(stores.endpoints().get("p", uid)).get()
                    .extracting(e -> e.status().lastRequest()).isEqualTo(T0.plusSeconds(offset - 20));
        }
    }

    @Test
    void failedApplyLeavesNothingBehind() throws Exception {
        Path dir = DuckStores.newDir();
        try (EmbeddedStores stores = DuckStores.open(dir)) {
            ModelEndpoint e = TestData.bareEndpoint("p", "serving", "m");
            stores.processorSink().apply(List.of(e), predictions(e.uid(), 0, 1), List.of(), 1);
            ModelEndpoint changed = TestData.withRequests(e, T0, T0.plusSeconds(9));
            List<Prediction> bad = new ArrayList<>(predictions(e.uid(), 1, 1));
            bad.add(new Prediction(null, e.uid(), T0, 1, 1, null)); // violates NOT NULL project
            assertThatThrownBy(() -> stores.processorSink().apply(List.of(changed), bad, List.of(), 2))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("offset 2");
            assertThat(stores.processorSink().appliedOffset()).isEqualTo(1);
            assertThat(stores.endpoints().get("p", e.uid())).contains(e);
            assertThat(stores.timeSeries().predictions("p", e.uid(), T0, T0.plusSeconds(99))).hasSize(ROWS_PER_OFFSET);
            // the store stays usable after the failure
            stores.processorSink().apply(List.of(changed), predictions(e.uid(), 1, 1), List.of(), 2);
            assertThat(stores.processorSink().appliedOffset()).isEqualTo(2);
        }
    }
}
