package io.driftwatch.store.s3;

import io.driftwatch.engine.port.ArtifactStore;
import io.driftwatch.testkit.ArtifactStoreContract;
import java.util.concurrent.atomic.AtomicInteger;

/** The artifact store contract on S3 (s3proxy), each test under its own prefix; reopening makes a new store. */
class S3ArtifactStoreContractIT extends ArtifactStoreContract {
    private static final AtomicInteger RUN = new AtomicInteger();
    private String base;

    @Override
    protected ArtifactStore createStore() {
        base = "artifacts-" + ProcessHandle.current().pid() + "-" + RUN.incrementAndGet() + "/";
        return new S3ArtifactStore(S3ProxyFixture.get().bucket("driftwatch-test"), base);
    }

    @Override
    protected ArtifactStore reopen(ArtifactStore old) {
        return new S3ArtifactStore(S3ProxyFixture.get().bucket("driftwatch-test"), base);
    }
}
