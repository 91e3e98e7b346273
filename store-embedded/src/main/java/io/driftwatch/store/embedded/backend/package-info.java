/**
 * The embedded adapter's entry points for composition by URI (DESIGN.md §11, §13): the providers that
 * {@link io.driftwatch.engine.backend.BackendLoader} finds through {@code META-INF/services} for the settings
 * {@code embedded}, empty, a plain path or {@code file:}. They open the durable log (default
 * {@code {data-dir}/stream}) that ingest appends to, the DuckDB database (default {@code {data-dir}/driftwatch.duckdb})
 * that holds the endpoint and time-series stores and the processor's sink, and the Parquet samples and artifacts
 * (default under the data directory).
 */
package io.driftwatch.store.embedded.backend;
