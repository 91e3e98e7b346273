package io.driftwatch.store.embedded.log;

import io.driftwatch.engine.port.EventStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * Quick throughput probe (not a test, not a benchmark): N appenders of 1,000-byte single-record
 * batches (or {@code batch} records per append) for a few seconds; prints records/s and fsyncs.
 * Args: [appenders=8] [seconds=5] [parent dir] [batch=1].
 */
public final class AppendThroughput {

    private AppendThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int appenders = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 5;
        Path dir = args.length > 2 ? Files.createTempDirectory(Path.of(args[2]), "tp") : Files.createTempDirectory("tp");
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        byte[] record = new byte[1000];
        Arrays.fill(record, (byte) 'x');
        List<byte[]> records = Collections.nCopies(batch, record);
        LongAdder done = new LongAdder();
        try (SegmentedEventStream s = (SegmentedEventStream) EmbeddedEventStream.open(dir,
                EmbeddedEventStream.Options.defaults().withConsumers(Set.of()))) {
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            long start = System.nanoTime();
            try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int t = 0; t < appenders; t++) {
                    exec.submit(() -> {
                        while (System.nanoTime() < deadline) {
                            s.append(records);
                            done.add(batch);
                        }
                    });
                }
            }
            double secs = (System.nanoTime() - start) / 1e9;
            System.out.printf("%d appenders x %d-record appends of 1000-byte records: %.0f records/s (%.1f MB/s), %d batches, %d fsyncs, %.1f records/fsync%n",
                    appenders, batch, done.sum() / secs, done.sum() * 1024 / secs / 1e6, s.batchCount(), s.forceCount(),
                    (double) done.sum() / s.forceCount());
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
