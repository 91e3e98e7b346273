package io.driftwatch.store.s3;

import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.testkit.SampleStoreContract;
import java.nio.file.Path;
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

    @AfterEach
    void closeStore() {
        ((S3SampleStore) store).close();
    }
}
