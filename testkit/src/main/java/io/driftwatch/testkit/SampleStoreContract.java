package io.driftwatch.testkit;

import static io.driftwatch.testkit.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.SampleStore.SampleRow;
import io.driftwatch.engine.port.StreamPartition;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SampleStore} must have: windows {@code start <= timestamp < end}, stored value types
 * (Double, Long, String, Boolean, null) kept per column, the stored offset, replays ignored (a write whose
 * {@code nextOffset <= storedOffset()} changes nothing), empty writes advancing the offset, and exports.
 * Subclass it and implement {@link #createStore()}; override {@link #reopen} when durable and
 * {@link #supportsParquetExport()} when parquet export is not available. The summary cases are in
 * {@link SampleStoreSummariesContract}, the store and its helpers in {@link SampleStoreFixture}.
 */
public abstract class SampleStoreContract extends SampleStoreSummariesContract {
    /** Whether {@code export(..., "parquet", ...)} works; when not, it must throw UnsupportedOperationException. */
    protected boolean supportsParquetExport() {
        return true;
    }

    /** A JSON array of objects or NDJSON (one object per line). */
    static List<JsonNode> parseJsonRows(String text) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String trimmed = text.strip();
        List<JsonNode> out = new ArrayList<>();
        if (trimmed.startsWith("[")) {
            json.readTree(trimmed).forEach(out::add);
        } else {
            for (String line : trimmed.lines().filter(l -> !l.isBlank()).toList()) {
                out.add(json.readTree(line));
            }
        }
        return out;
    }

    /** Per-partition views ({@link SampleStore#forPartition}): one stored offset per (stream, partition). */
    @Nested
    class Partitions {
        final StreamPartition p0 = new StreamPartition("monitoring_stream_p", 0);
        final StreamPartition p1 = new StreamPartition("monitoring_stream_p", 1);

        @Test
        void theSinglePartitionIsTheStoreItself() {
            store.forPartition(StreamPartition.SINGLE).write(rows("u", T0, 2, 1000), 7);
            assertThat(store.storedOffset()).isEqualTo(7);
            assertThat(store.forPartition(StreamPartition.SINGLE).storedOffset()).isEqualTo(7);
        }

        @Test
        void offsetsOfDifferentPartitionsAreIndependentAndDurable() throws Exception {
            store.forPartition(p0).write(rows("u", T0, 3, 1000), 10);
            store.forPartition(p1).write(rows("v", T0, 2, 1000), 4);
            store.forPartition(p1).write(List.of(), 6);
            store = reopen(store);
            assertThat(store.forPartition(p0).storedOffset()).isEqualTo(10);
            assertThat(store.forPartition(p1).storedOffset()).isEqualTo(6);
            assertThat(store.storedOffset()).as("the single partition's offset").isZero();
            assertThat(store.read("p", "u", Window.of(T0, Duration.ofMinutes(1))).rowCount()).isEqualTo(3);
            assertThat(store.read("p", "v", Window.of(T0, Duration.ofMinutes(1))).rowCount()).isEqualTo(2);
        }

        @Test
        void aReplayInOnePartitionIsANoOpAndTheSameRangeOfAnotherIsNot() throws Exception {
            List<SampleRow> batch = rows("u", T0, 4, 1000);
            store.forPartition(p0).write(batch.subList(0, 2), 10);
            store.forPartition(p0).write(batch, 10);
            store.forPartition(p0).write(batch, 3);
            store.forPartition(p1).write(batch.subList(2, 4), 10); // the same offsets in another partition
            store = reopen(store);
            store.forPartition(p0).write(batch, 10);
            assertThat(store.read("p", "u", Window.of(T0, Duration.ofMinutes(1))).rowCount()).isEqualTo(4);
            assertThat(store.forPartition(p0).storedOffset()).isEqualTo(10);
            assertThat(store.forPartition(p1).storedOffset()).isEqualTo(10);
        }
    }

    /** Writes and the stored offset. */
    @Nested
    class Writes {
        @Test
        void emptyStoreHasOffsetZeroAndNoRows() {
            assertThat(store.storedOffset()).isZero();
            assertThat(store.read("p", "u", Window.of(T0, Duration.ofHours(1))).rowCount()).isZero();
        }

        @Test
        void replayedWriteIsIgnoredAndEmptyWriteAdvancesTheOffset() throws Exception {
            List<SampleRow> batch = rows("u", T0, 4, 1000);
            store.write(batch, 10);
            store.write(batch, 10);
            store.write(batch.subList(0, 2), 6);
            store.write(List.of(), 15);
            store = reopen(store);
            assertThat(store.storedOffset()).isEqualTo(15);
            assertThat(store.read("p", "u", Window.of(T0, Duration.ofMinutes(1))).rowCount()).isEqualTo(4);
        }

        @Test
        void microsecondTimestampsSurvive() {
            Instant t = T0.plusNanos(1000);
            store.write(List.of(row("u", t, 1)), 1);
            SampleFrame f = store.read("p", "u", new Window(t, t.plusNanos(1000)));
            assertThat(f.timestamps()).containsExactly(t);
        }
    }

    /** Reading a window. */
    @Nested
    class WindowReads {
        @Test
        void windowReadReturnsRowsInHalfOpenRangeWithTypesAndOrder() throws Exception {
            List<SampleRow> written = rows("u", T0, 10, 1000);
            store.write(written.subList(5, 10), 7);
            store.write(written.subList(0, 5), 12);
            store.write(rows("other", T0, 3, 1000), 13);
            store = reopen(store);
            assertThat(store.storedOffset()).isEqualTo(13);
            SampleFrame f = store.read("p", "u", new Window(T0.plusSeconds(1), T0.plusSeconds(9)));
            assertThat(f.rowCount()).isEqualTo(8);
            assertThat(f.columnNames()).containsExactly("x", "n", "color", "flag", "p0");
            assertThat(f.timestamps()).containsExactlyElementsOf(
                    written.subList(1, 9).stream().map(SampleRow::timestamp).toList());
            assertThat(f.values("x")).containsExactly(0.5, 1.0, 1.5, null, 2.5, 3.0, 3.5, 4.0);
            assertThat(f.values("n")).containsExactlyElementsOf(
                    written.subList(1, 9).stream().map(r -> r.values().get("n")).toList());
            assertThat(f.values("color")).containsExactly("blue, \"dark\"", "red", "blue, \"dark\"", null, "blue, \"dark\"",
                    "red", "blue, \"dark\"", "red");
            assertThat(f.values("flag")).containsExactly(false, false, true, false, false, true, false, false);
            assertThat(f.numeric("flag")).containsExactly(0, 0, 1, 0, 0, 1, 0, 0);
            double[] x = f.numeric("x");
            assertThat(Arrays.copyOf(x, 3)).containsExactly(0.5, 1.0, 1.5);
            assertThat(x[3]).isNaN();
            assertThat(f.numeric("color")[1]).isNaN();
        }

        @Test
        void unknownColumnIsAnErrorNamingIt() {
            store.write(rows("u", T0, 2, 1000), 2);
            SampleFrame f = store.read("p", "u", Window.of(T0, Duration.ofMinutes(1)));
            assertThatThrownBy(() -> f.numeric("nope")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("nope");
        }
    }

    /** Deleting an endpoint. */
    @Nested
    class Deletion {
        @Test
        void deleteEndpointRemovesOnlyItsRows() {
            store.write(rows("u", T0, 3, 1000), 3);
            store.write(rows("v", T0, 2, 1000), 5);
            store.deleteEndpoint("p", "u");
            Window w = Window.of(T0, Duration.ofMinutes(1));
            assertThat(store.read("p", "u", w).rowCount()).isZero();
            assertThat(store.read("p", "v", w).rowCount()).isEqualTo(2);
            assertThat(store.storedOffset()).isEqualTo(5);
        }
    }

    /** Exports. */
    @Nested
    class Export {
        @Test
        void csvExportHasHeaderAndOneLinePerRowInRange() throws Exception {
            store.write(rows("u", T0, 6, 1000), 6);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.export("p", "u", T0, T0.plusSeconds(4), "csv", out);
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
            assertThat(lines).hasSize(5);
            assertThat(lines.getFirst()).contains("timestamp", "x", "n", "color", "flag", "p0");
            assertThat(lines.get(2)).contains("req-1", "\"blue, \"\"dark\"\"\"");
        }

        @Test
        void jsonExportHasOneObjectPerRow() throws Exception {
            store.write(rows("u", T0, 6, 1000), 6);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.export("p", "u", T0.plusSeconds(1), T0.plusSeconds(3), "json", out);
            List<JsonNode> objects = parseJsonRows(out.toString(StandardCharsets.UTF_8));
            assertThat(objects).hasSize(2);
            assertThat(objects.get(0).get("x").asDouble()).isEqualTo(0.5);
            assertThat(objects.get(1).get("color").asText()).isEqualTo("red");
            assertThat(objects.get(1).get("flag").asBoolean()).isFalse();
        }

        @Test
        void parquetExportWritesAParquetFileOrSaysItCannot() throws Exception {
            store.write(rows("u", T0, 6, 1000), 6);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!supportsParquetExport()) {
                assertThatThrownBy(() -> store.export("p", "u", T0, T0.plusSeconds(10), "parquet", out))
                        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("parquet");
                assertThat(out.size()).as("nothing half-written").isZero();
                return;
            }
            store.export("p", "u", T0, T0.plusSeconds(10), "parquet", out);
            byte[] bytes = out.toByteArray();
            assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
        }

        @Test
        void unknownExportFormatIsRejected() {
            assertThatThrownBy(() -> store.export("p", "u", T0, T0.plusSeconds(1), "xlsx", new ByteArrayOutputStream()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("xlsx");
        }
    }

    private static SampleRow inProject(String project, SampleRow r) {
        return new SampleRow(project, r.uid(), r.timestamp(), r.requestId(), r.latencyMicros(), r.values(),
                r.labels());
    }

    /** Project deletion: every row of the project goes, other projects keep theirs. */
    @Nested
    class ProjectDeletion {
        @Test
        void deleteProjectRemovesEveryEndpointOfThatProjectOnly() throws Exception {
            List<SampleRow> batch = new ArrayList<>(rows("u", T0, 3, 1000));
            batch.addAll(rows("v", T0, 2, 1000));
            batch.addAll(rows("u", T0, 4, 1000).stream().map(r -> inProject("q", r)).toList());
            store.write(batch, 1);
            store.deleteProject("p");
            store = reopen(store);
            Window w = Window.of(T0, Duration.ofHours(1));
            assertThat(store.read("p", "u", w).rowCount()).isZero();
            assertThat(store.read("p", "v", w).rowCount()).isZero();
            assertThat(store.read("q", "u", w).rowCount()).isEqualTo(4);
            assertThat(store.storedOffset()).isEqualTo(1);
        }
    }

    /** Retention: rows of hours that ended before the cutoff go; rows at or after the cutoff stay. */
    @Nested
    class Retention {
        @Test
        void deleteOlderThanRemovesOldRowsAndKeepsTheRest() throws Exception {
            Instant cutoff = T0.plus(Duration.ofDays(2));
            List<SampleRow> batch = new ArrayList<>(rows("u", T0, 3, 1000));
            batch.addAll(rows("u", cutoff.minus(Duration.ofHours(2)), 2, 1000));
            batch.addAll(rows("u", cutoff, 4, 1000));
            batch.addAll(rows("v", cutoff.plusSeconds(3600), 1, 1000));
            store.write(batch, 1);
            assertThat(store.deleteOlderThan(cutoff)).isPositive();
            store = reopen(store);
            Window all = new Window(T0.minusSeconds(3600), cutoff.plus(Duration.ofDays(1)));
            assertThat(store.read("p", "u", all).timestamps()).allMatch(t -> !t.isBefore(cutoff.minusSeconds(3600)))
                    .hasSize(4);
            assertThat(store.read("p", "v", all).rowCount()).isEqualTo(1);
            assertThat(store.deleteOlderThan(cutoff)).isZero();
        }
    }
}
