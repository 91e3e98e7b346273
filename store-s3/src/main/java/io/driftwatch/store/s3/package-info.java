/**
 * The object store of {@code --parquet-path s3://bucket/prefix} (DESIGN.md §11, §13): the prediction rows as
 * Parquet objects with deterministic names per endpoint, hour, stream partition and offset range, the offset of
 * each partition stored after its uploads, and the apps' artifacts, through the AWS SDK v2. Parquet is written and
 * read with the embedded store's DuckDB code ({@code ParquetFiles}): written locally, then uploaded; downloaded to a
 * local cache, then read.
 */
package io.driftwatch.store.s3;
