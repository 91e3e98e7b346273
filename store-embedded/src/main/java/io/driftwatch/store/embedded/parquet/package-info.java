/**
 * The embedded sample store, written by the stream processor and read by the applications (DESIGN.md §2): one
 * Parquet file per endpoint, hour and write, through an in-memory DuckDB. Owns the file layout, the commit
 * journal ({@code samples.offset}, {@code samples.pending}) and the export of a time range of rows (Parquet, CSV or JSON) to a download.
 */
package io.driftwatch.store.embedded.parquet;
