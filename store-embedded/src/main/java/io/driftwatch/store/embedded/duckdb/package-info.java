/**
 * The embedded stores after the processor in the data flow (DESIGN.md §2): endpoint, project, time-series and
 * alert stores and the processor sink on one DuckDB database file. Owns its schema (pinned by a golden file in
 * the tests), the connection pool, the write lock and the statement caches.
 */
package io.driftwatch.store.embedded.duckdb;
