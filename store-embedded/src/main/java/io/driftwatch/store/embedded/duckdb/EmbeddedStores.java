package io.driftwatch.store.embedded.duckdb;

import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.ProcessorSink;
import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.TimeSeriesStore;
import io.driftwatch.store.embedded.parquet.ParquetSamples;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The embedded endpoint, project and time-series stores and the stream processor's sink, all in one DuckDB
 * database file {@code {dataDir}/driftwatch.duckdb} (DESIGN.md §11), plus the Parquet sample store of the same
 * directory ({@link #samples()}). One process may open a data directory at a
 * time (DuckDB holds a file lock); within the process every port is thread-safe.
 *
 * <p>Tables: {@code projects, models, monitoring_settings, applications} (project store);
 * {@code endpoints} (the record as JSON in MLRun's REST shape plus indexed columns project, uid, model,
 * function_uri, function_name, labels, first_request, last_request) and {@code monitoring_schedules} (endpoint
 * store); {@code predictions, errors, app_results, app_metrics} (time series, full history; the latest result per
 * application and name is kept by key in {@code app_results_latest}/{@code app_metrics_latest}, a large extra_data
 * there only as a reference to its history row, as an endpoint's current statistics in {@code endpoint_drift}); {@code processor_offset} (the sink's offset).
 * Times are {@code TIMESTAMP} in UTC with microsecond precision (sub-microsecond digits are dropped).
 *
 * <p>Concurrency: reads run in parallel on a small pool of connections ({@code DuckDBConnection.duplicate()});
 * writes are serialised by one lock (DuckDB aborts concurrent writers of one row with a conflict). Every operation
 * prepares fresh statements (after a failed statement DuckDB's JDBC closes it). A sink {@code apply} is one
 * transaction whose rows go through the DuckDB Appender (inside the transaction: a failed apply leaves nothing):
 * {@code DuckThroughputIT} measured 116k-239k (typically ~210k) prediction rows/s in batches of 50,000 on this 2-core machine while
 * it was shared (load average 12); the bare Appender does ~1M rows/s when idle.
 */
public interface EmbeddedStores extends AutoCloseable {
    /** The database file name inside the data directory. */
    String DATABASE_FILE = "driftwatch.duckdb";

    /**
     * Opens (creating if needed) the database in {@code dataDir}.
     *
     * @param clock the time of bookkeeping columns ({@code updated}, {@code created} of projects)
     * @throws IllegalStateException if the database cannot be opened (e.g. locked by another process)
     */
    static EmbeddedStores open(Path dataDir, Clock clock) {
        return DuckDatabase.open(dataDir, clock);
    }

    /**
     * Opens (creating if needed) the database {@code dbFile} alone, without a sample store ({@link #samples()} then
     * throws): for a server whose Parquet samples live elsewhere ({@code --parquet-path}).
     *
     * @throws IllegalStateException if the database cannot be opened (e.g. locked by another process)
     */
    static EmbeddedStores openDatabase(Path dbFile, Clock clock) {
        return DuckDatabase.open(dbFile, clock, null);
    }

    EndpointStore endpoints();

    ProjectStore projects();

    TimeSeriesStore timeSeries();

    /** The stream processor's sink: endpoint upserts, predictions, errors and the offset in one transaction. */
    ProcessorSink processorSink();

    /** The Parquet sample store of the same data directory ({@link ParquetSamples}), opened with the database. */
    SampleStore samples();

    /** Closes every connection and the sample store; the ports must not be used afterwards. */
    @Override
    void close();
}
