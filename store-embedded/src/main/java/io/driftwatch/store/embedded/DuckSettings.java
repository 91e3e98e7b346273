package io.driftwatch.store.embedded;

import java.util.Properties;

/**
 * Settings of every DuckDB instance of the embedded stores (the database file and the sample store's in-memory
 * database): {@code threads = 1}, so each statement runs on the thread that calls it.
 *
 * <p>Why one thread. The stores' statements are many and small (a processor batch's transaction, a window's scan of
 * one endpoint-hour of Parquet, a flush's COPY of ≤ 10,000 rows), and the callers already run in parallel (request
 * threads, the processor, the sample writer, two controller workers). With DuckDB's default of one worker per core
 * its workers took ~0.5 s of CPU per 80,000 tracked requests without making anything faster, and they ran at the
 * normal priority where the pipeline threads run at nice 10. Measured on 2 shared cores (docs/benchmarks.md,
 * Round 4): tracking's threads ~27 → 18–20 µs of CPU per tracked request at 4,000 requests/s; a controller cycle over 100
 * endpoints 2.68 → 1.96 s (CPU 4.19 → 2.75 s), all results visible 2.86 → 2.13 s.
 */
public final class DuckSettings {
    private DuckSettings() {
    }

    /** The JDBC connection properties that open an instance with these settings. */
    public static Properties connectionProperties() {
        Properties p = new Properties();
        p.setProperty("threads", "1");
        return p;
    }
}
