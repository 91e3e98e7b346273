package io.driftwatch.engine.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.port.StreamRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Prints the parse-and-split throughput (rows/s on one thread) for 20-feature events; asserts no timing. */
class ParseThroughputTest {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    static List<StreamRecord> records(int events, int rowsPerEvent) {
        SplittableRandom rnd = new SplittableRandom(7);
        List<StreamRecord> out = new ArrayList<>(events);
        for (int e = 0; e < events; e++) {
            StringBuilder in = new StringBuilder("[");
            StringBuilder outs = new StringBuilder("[");
            for (int r = 0; r < rowsPerEvent; r++) {
                in.append(r == 0 ? "[" : ",[");
                for (int f = 0; f < 20; f++) {
                    in.append(f == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6f", rnd.nextDouble() * 100));
                }
                in.append(']');
                outs.append(r == 0 ? "" : ",").append(rnd.nextInt(2));
            }
            String json = Events.event("m" + (e % 4), NOW.minusMillis(e), "r" + e, 1500, in + "]", outs + "]");
            out.add(new StreamRecord(e, 0, Events.bytes(json)));
        }
        return out;
    }

    @Test
    void measure() {
        for (int rowsPerEvent : new int[]{1, 10}) {
            Harness h = new Harness(NOW);
            BatchAssembler a = new BatchAssembler(h.ports(), h.clock, new Retrier(Duration.ofMillis(1),
                    Duration.ofMillis(1), () -> false, new AtomicLong()), new Counters());
            List<StreamRecord> recs = records(20_000 / rowsPerEvent, rowsPerEvent);
            long bytes = recs.stream().mapToLong(r -> r.payload().length).sum();
            long rows = 0;
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 8; round++) {
                long t0 = System.nanoTime();
                rows = 0;
                for (int i = 0; i < recs.size(); i += 5000) {
                    rows += a.assemble(recs.subList(i, Math.min(recs.size(), i + 5000)), 0, 0).rows().size();
                }
                best = Math.min(best, System.nanoTime() - t0);
            }
            System.out.printf(Locale.ROOT, "stream processor parse+split: %d rows/event, 20 features: %.0f rows/s, "
                    + "%.0f events/s, %.0f MB/s (best of 8, one thread)%n", rowsPerEvent, rows * 1e9 / best,
                    recs.size() * 1e9 / best, bytes * 1e3 / best);
            assertThat(rows).isEqualTo(20_000);
        }
    }
}
