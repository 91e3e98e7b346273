package io.driftwatch.store.s3;

import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.testkit.SampleStoreContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;

/**
 * The sample store contract on S3 (s3proxy), each test under its own prefix; reopening opens a new store with an
 * empty cache, so reads after it download the objects.
 */
class S3SampleStoreContractIT extends SampleStoreContract {
    private static final AtomicInteger RUN = new AtomicInteger();
    private String base;

    @Override
    protected SampleStore createStore() {
        base = "samples-" + ProcessHandle.current().pid() + "-" + RUN.incrementAndGet() + "/";
        return open();
    }

    private SampleStore open() {
        Path dir = Path.of("target", "s3-test", base + RUN.incrementAndGet()).toAbsolutePath();
        return S3SampleStore.open(S3ProxyFixture.get().bucket("driftwatch-test"), base, dir.resolve("cache"),
                dir.resolve("staging"));
    }

    @Override
    protected SampleStore reopen(SampleStore old) {
        ((S3SampleStore) old).close();
        return open();
    }

    /** The Parquet copies in this test's caches: a Parquet object is only read through a download into them. */
    @Override
    protected OptionalLong rowObjectsFetched() throws IOException {
        Path dir = Path.of("target", "s3-test", base);
        if (!Files.isDirectory(dir)) {
            return OptionalLong.of(0);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return OptionalLong.of(files.filter(f -> f.toString().endsWith(".parquet") && f.toString().contains("cache"))
                    .count());
        }
    }

    @AfterEach
    void closeStore() {
        ((S3SampleStore) store).close();
    }
}
