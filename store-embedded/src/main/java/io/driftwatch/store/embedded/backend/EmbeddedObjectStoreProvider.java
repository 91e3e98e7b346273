package io.driftwatch.store.embedded.backend;

import io.driftwatch.engine.apps.ArtifactStores;
import io.driftwatch.engine.backend.BackendContext;
import io.driftwatch.engine.backend.BackendUri;
import io.driftwatch.engine.backend.ObjectStoreProvider;
import io.driftwatch.engine.port.ArtifactStore;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.store.embedded.parquet.ParquetSamples;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code --parquet-path} {@code embedded} (the data directory) or a directory: the {@link ParquetSamples} there
 * ({@code projects/{p}/model-endpoints/parquet/…} and {@code samples.offset}). Artifacts stay on the file system
 * under the data directory whichever directory holds the Parquet files.
 */
public final class EmbeddedObjectStoreProvider implements ObjectStoreProvider {
    @Override
    public Set<String> schemes() {
        return EmbeddedStoreProvider.SCHEMES;
    }

    @Override
    public SampleStore openSamples(BackendUri uri, BackendContext context) {
        Path dir = uri.path().orElse(context.dataDir()).toAbsolutePath().normalize();
        return context.shared("embedded-parquet:" + dir, () -> context.register(ParquetSamples.open(dir)));
    }

    @Override
    public ArtifactStore openArtifacts(BackendUri uri, BackendContext context) {
        return ArtifactStores.fileSystem(context.dataDir());
    }
}
