package io.driftwatch.store.embedded.parquet;

import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.testkit.SampleStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class ParquetSampleStoreTest extends SampleStoreContract {
    @TempDir
    Path tmp;
    private Path dir;
    private ParquetSamples samples;

    @Override
    protected SampleStore createStore() throws Exception {
        dir = Files.createDirectories(tmp.resolve("data"));
        samples = ParquetSamples.open(dir);
        return samples;
    }

    @Override
    protected SampleStore reopen(SampleStore old) {
        samples.close();
        samples = ParquetSamples.open(dir);
        return samples;
    }

    @AfterEach
    void close() {
        samples.close();
    }
}
