/**
 * Reading CSV and Parquet files (or any DuckDB query) into {@link io.driftwatch.stats.Frame}s: an uploaded
 * training set on its way to the reference statistics of its model (DESIGN.md §5, before any event flows).
 * It lives with the embedded DuckDB stores so that {@code stats} needs no DuckDB.
 */
package io.driftwatch.store.embedded.frames;
