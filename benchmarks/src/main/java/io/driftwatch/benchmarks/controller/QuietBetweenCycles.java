package io.driftwatch.benchmarks.controller;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The quiet a deployment has between controller cycles (one per base period, 10 minutes by default), kept short:
 * before a cycle on the embedded store the benchmark waits until the store's idle checkpoint has folded the DuckDB
 * log into the file (log under 16 MB, at most 120 s), and prints how long that took and the process CPU spent
 * meanwhile (the checkpoint's cost, which no cycle pays any more). {@code -Ddriftwatch.bench.quiet=false} runs the
 * cycles back to back (a cycle then may pay the checkpoint of the writes before it, as in rounds before this one).
 */
final class QuietBetweenCycles {
    private static final long SMALL_LOG = 16L << 20;
    private static final long MAX_WAIT_MS = 120_000;
    private final Path wal;
    private final boolean enabled;

    QuietBetweenCycles(Path dataDir, String backend) {
        this.wal = dataDir.resolve("driftwatch.duckdb.wal");
        this.enabled = backend.equals("embedded") && Boolean.parseBoolean(System.getProperty("driftwatch.bench.quiet",
                "true"));
    }

    /** Waits before cycle {@code k} as described above and prints what it waited for. */
    void await(int k) throws InterruptedException {
        if (!enabled) {
            return;
        }
        long before = walBytes();
        double cpu0 = processCpu();
        long t0 = System.nanoTime();
        while (walBytes() >= SMALL_LOG && (System.nanoTime() - t0) / 1_000_000 < MAX_WAIT_MS) {
            Thread.sleep(200);
        }
        System.out.printf("# before cycle %d: %.1f s of quiet until the idle checkpoint, log %d → %d MB, process CPU"
                + " meanwhile %.2f s%n", k, (System.nanoTime() - t0) / 1e9, before >> 20, walBytes() >> 20,
                processCpu() - cpu0);
    }

    private long walBytes() {
        try {
            return Files.exists(wal) ? Files.size(wal) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static double processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }
}
