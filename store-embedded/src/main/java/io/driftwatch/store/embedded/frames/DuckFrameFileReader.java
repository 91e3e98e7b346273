package io.driftwatch.store.embedded.frames;

import io.driftwatch.engine.backend.FrameFileReader;
import io.driftwatch.stats.Frame;
import java.nio.file.Path;

/** {@link FrameFileReader} over DuckDB's CSV and Parquet readers ({@link FrameReader}); registered as a service. */
public final class DuckFrameFileReader implements FrameFileReader {
    @Override
    public Frame csv(Path file) {
        return FrameReader.csv(file);
    }

    @Override
    public Frame parquet(Path file) {
        return FrameReader.parquet(file);
    }
}
