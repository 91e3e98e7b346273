package io.driftwatch.store.embedded.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.port.SampleStore.SampleRow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Measures writes of 10-column rows (10 endpoints × 1 hour per write) and a window read; prints the rates. */
class ParquetThroughputIT {
    @TempDir
    Path dir;

    @Test
    void writesAndReadsTwoHundredThousandRows() {
        Instant t0 = Instant.parse("2025-01-02T03:00:00Z");
        try (ParquetSamples s = ParquetSamples.open(dir)) {
            int perWrite = 50_000;
            int writes = 4;
            long nanos = 0;
            for (int w = 0; w < writes; w++) {
                List<SampleRow> rows = new ArrayList<>(perWrite);
                for (int i = 0; i < perWrite; i++) {
                    Map<String, Object> v = new LinkedHashMap<>();
                    for (int f = 0; f < 9; f++) {
                        v.put("f" + f, (i * 31 + f) % 1000 / 10.0);
                    }
                    v.put("p0", (double) (i % 2));
                    rows.add(new SampleRow("p", "u" + (i % 10), t0.plusNanos((w * (long) perWrite + i) * 1000),
                            "r" + i, 1000, v, Map.of()));
                }
                long start = System.nanoTime();
                s.write(rows, (w + 1L) * perWrite);
                nanos += System.nanoTime() - start;
            }
            double rate = writes * (double) perWrite / (nanos / 1e9);
            long readStart = System.nanoTime();
            SampleFrame f = s.read("p", "u3", Window.of(t0, Duration.ofHours(1)));
            double[] f0 = f.numeric("f0");
            double readMs = (System.nanoTime() - readStart) / 1e6;
            System.out.printf("Parquet samples: write %.0f rows/s (10 columns, 10 files per write); "
                    + "read of %d rows, one column: %.0f ms%n", rate, f0.length, readMs);
            assertThat(f.rowCount()).isEqualTo(writes * perWrite / 10);
            double expected = 0;
            for (int i = 3; i < perWrite; i += 10) {
                expected += writes * ((i * 31) % 1000 / 10.0);
            }
            assertThat(Arrays.stream(f0).sum()).isCloseTo(expected, within(1e-6));
        }
    }
}
