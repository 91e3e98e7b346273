package io.driftwatch.store.s3;

import io.driftwatch.store.embedded.parquet.ParquetFiles;
import java.nio.file.Path;

/**
 * What every partition view of one S3 sample store shares: the bucket, the key scheme, the Parquet writer/reader,
 * the local cache of downloaded objects and the staging folder of files before their upload.
 */
record Samples(Bucket bucket, SampleKeys keys, ParquetFiles files, SampleCache cache, Path staging) {
}
