package io.driftwatch.engine.backend;

import io.driftwatch.engine.port.ArtifactStore;
import io.driftwatch.engine.port.SampleStore;
import java.io.IOException;

/**
 * Service: opens the object storage of {@code --parquet-path}: the Parquet sample store and the artifact store
 * of the apps' outputs. Listed in {@code META-INF/services}.
 */
public interface ObjectStoreProvider extends BackendProvider {
    /** Opens the sample store, registering it with {@code context} for closing if it needs that. */
    SampleStore openSamples(BackendUri uri, BackendContext context) throws IOException;

    /** Opens the artifact store. */
    ArtifactStore openArtifacts(BackendUri uri, BackendContext context) throws IOException;
}
