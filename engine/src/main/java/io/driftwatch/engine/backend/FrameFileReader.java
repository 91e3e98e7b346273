package io.driftwatch.engine.backend;

import io.driftwatch.stats.Frame;
import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * Reads a table file (CSV with a header row, or Parquet) into a {@link Frame}: how an uploaded training set becomes
 * rows for the reference statistics (DESIGN.md §5). Implemented by an adapter module (the embedded one uses DuckDB)
 * and found through {@link ServiceLoader}, so the server reads training sets without naming an adapter.
 */
public interface FrameFileReader {
    /** Reads a CSV file with a header row; {@link IllegalArgumentException} naming the problem if it cannot. */
    Frame csv(Path file);

    /** Reads a Parquet file; {@link IllegalArgumentException} naming the problem if it cannot. */
    Frame parquet(Path file);

    /**
     * The first reader on the class path.
     *
     * @throws IllegalStateException naming the module to add when there is none
     */
    static FrameFileReader load() {
        return ServiceLoader.load(FrameFileReader.class).findFirst().orElseThrow(() -> new IllegalStateException(
                "no training-set reader on the classpath; add the module driftwatch-store-embedded"));
    }
}
