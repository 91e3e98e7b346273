package io.driftwatch.server.api;

import io.driftwatch.FeatureStats;
import io.driftwatch.engine.backend.FrameFileReader;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.stats.Statistics;
import java.nio.file.Path;

/** Reference statistics (DESIGN.md §5) of an uploaded training set: CSV with a header row, or Parquet. */
final class TrainingSets {
    private static final FrameFileReader READER = FrameFileReader.load();

    private TrainingSets() {
    }

    /** @throws ApiException 400 naming the file problem (not CSV/Parquet, no rows) */
    static FeatureStats stats(Path file) {
        try {
            boolean parquet = file.getFileName().toString().endsWith(".parquet");
            var frame = parquet ? READER.parquet(file) : READER.csv(file);
            if (frame.rows() == 0) {
                throw ApiException.badRequest("training_set has no rows");
            }
            FeatureStats stats = Statistics.reference(frame).stats();
            io.driftwatch.server.http.Names.requireShort("training_set column", stats.names());
            return stats;
        } catch (IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage()).replace(file.toAbsolutePath().toString(), "training_set")
                    .replace(file.toString(), "training_set");
            throw ApiException.badRequest("cannot read training_set: " + m);
        }
    }
}
