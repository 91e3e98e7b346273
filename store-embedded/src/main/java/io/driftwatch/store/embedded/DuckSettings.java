package io.driftwatch.store.embedded;

import java.util.Properties;

/**
 * Settings of every DuckDB instance of the embedded stores (the database file and the sample store's in-memory
 * database): {@code threads = 1}, so each statement runs on the thread that calls it, and a checkpoint threshold of
 * 256 MB ({@link #CHECKPOINT_THRESHOLD}).
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
    /**
     * DuckDB checkpoints the database file when its write-ahead log reaches this size (DuckDB's default: 16 MB).
     *
     * <p>Why 256 MB. A checkpoint rewrites every row group with a changed row, and the controller's upserts change
     * every row of the small keyed tables ({@code app_results_latest} with its ~9 KB extra_data per endpoint,
     * {@code endpoint_drift} with ~8 KB of current statistics) once per cycle, so each checkpoint costs in proportion
     * to the number of endpoints, and with a 16 MB log (~450 windows at ~36 KB of log each) the checkpoints' cost per
     * window grew with the endpoints. Measured with the benchmarks' WriterFlushProbe (the controller's writes, realistic
     * JSON, the final checkpoint at close included, 2 shared cores, load 6–8): 1,000 endpoints × 6 cycles 1.42 →
     * 0.95 ms of CPU per window; 4,000 endpoints × 4 cycles 2.77 → 1.30 ms. The cost: the log file grows to 256 MB
     * before it is folded in, and an open after a crash replays up to that much log. Since schema version 6 the
     * keyed tables hold references instead of those copies (~20 KB of log per window), and the store checkpoints
     * while writes pause (the {@code IdleCheckpoints} of the DuckDB package): this threshold is the backstop for
     * writes that never pause.
     */
    public static final String CHECKPOINT_THRESHOLD = "256MB";
    /** The system property that overrides {@link #CHECKPOINT_THRESHOLD} (a DuckDB size, e.g. {@code 64MB}). */
    public static final String CHECKPOINT_PROPERTY = "driftwatch.duckdb.checkpoint-threshold";

    private DuckSettings() {
    }

    /** The JDBC connection properties that open an instance with these settings. */
    public static Properties connectionProperties() {
        Properties p = new Properties();
        p.setProperty("threads", "1");
        p.setProperty("checkpoint_threshold", System.getProperty(CHECKPOINT_PROPERTY, CHECKPOINT_THRESHOLD));
        return p;
    }
}
