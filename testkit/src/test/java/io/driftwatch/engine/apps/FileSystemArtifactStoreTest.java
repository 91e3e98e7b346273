package io.driftwatch.engine.apps;

import io.driftwatch.engine.port.ArtifactStore;
import io.driftwatch.testkit.ArtifactStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The file-system artifact store against the artifact store contract; reopening reads the files again. */
class FileSystemArtifactStoreTest extends ArtifactStoreContract {
    @TempDir
    Path data;

    @Override
    protected ArtifactStore createStore() {
        return ArtifactStores.fileSystem(data);
    }

    @Override
    protected ArtifactStore reopen(ArtifactStore old) {
        return ArtifactStores.fileSystem(data);
    }
}
