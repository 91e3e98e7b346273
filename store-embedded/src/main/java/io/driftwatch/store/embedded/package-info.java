/**
 * The embedded adapters' shared floor: what both the DuckDB stores ({@code …embedded.duckdb}, endpoints,
 * time series, projects, alerts, the processor sink) and the Parquet sample store ({@code …embedded.parquet})
 * rely on, such as the settings every DuckDB instance is opened with. In the data flow it sits under the
 * store adapters, which implement the engine's ports; it depends on nothing of them, so
 * {@code duckdb → parquet → (this package)} runs one way.
 */
package io.driftwatch.store.embedded;
