package io.driftwatch.engine.apps;

import io.driftwatch.engine.port.ArtifactStore;
import io.driftwatch.testkit.ArtifactStoreContract;

/** The in-memory artifact store against the artifact store contract. */
class InMemoryArtifactStoreTest extends ArtifactStoreContract {
    @Override
    protected ArtifactStore createStore() {
        return ArtifactStores.inMemory();
    }
}
