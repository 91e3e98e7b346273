package io.driftwatch.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.Window;
import io.driftwatch.engine.backend.BackendContext;
import io.driftwatch.engine.backend.BackendKind;
import io.driftwatch.engine.backend.BackendLoader;
import io.driftwatch.engine.backend.BackendUri;
import io.driftwatch.engine.backend.ObjectStoreProvider;
import io.driftwatch.engine.port.ArtifactStore;
import io.driftwatch.engine.port.ArtifactStore.Artifact;
import io.driftwatch.engine.port.ArtifactStore.Key;
import io.driftwatch.engine.port.SampleStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --parquet-path s3://bucket/prefix} with {@code s3-endpoint}: found through META-INF/services and opened. */
class S3ObjectStoreProviderIT {
    @Test
    void anS3UriOpensSamplesAndArtifactsInTheBucketUnderThePrefix() throws Exception {
        BackendUri uri = BackendUri.parse("s3://provider-test/" + ProcessHandle.current().pid() + "/drift");
        ObjectStoreProvider provider = BackendLoader.standard().provider(ObjectStoreProvider.class,
                BackendKind.PARQUET, uri);
        assertThat(provider).isInstanceOf(S3ObjectStoreProvider.class);
        Path dataDir = Files.createDirectories(Path.of("target", "s3-test", "provider-" + System.nanoTime()));
        Map<String, String> options = Map.of("s3-endpoint", S3ProxyFixture.get().endpoint());
        Key key = new Key("p", "u", "drift", S3SampleStoreIT.T0, "plot.html");
        try (BackendContext context = new BackendContext(Clock.systemUTC(), dataDir, options)) {
            SampleStore samples = provider.openSamples(uri, context);
            assertThat(provider.openSamples(uri, context)).isSameAs(samples);
            samples.write(S3SampleStoreIT.rows(0, 4), 4);
            ArtifactStore artifacts = provider.openArtifacts(uri, context);
            artifacts.put(new Artifact(key, "text/html; charset=utf-8", "<p>".getBytes(StandardCharsets.UTF_8)));
        }
        Bucket bucket = S3ProxyFixture.get().bucket("provider-test");
        String base = ProcessHandle.current().pid() + "/drift/";
        assertThat(bucket.get(base + "offsets/log/0.json")).isPresent();
        assertThat(bucket.list(base + "projects/p/model-endpoints/parquet/key=u/")).hasSize(1);
        try (BackendContext context = new BackendContext(Clock.systemUTC(), dataDir, options)) {
            SampleStore samples = provider.openSamples(uri, context);
            assertThat(samples.storedOffset()).isEqualTo(4);
            assertThat(samples.read("p", "u", Window.of(S3SampleStoreIT.T0, Duration.ofHours(1))).rowCount())
                    .isEqualTo(2);
            assertThat(provider.openArtifacts(uri, context).get(key)).map(Artifact::contentType)
                    .contains("text/html; charset=utf-8");
        }
        assertThat(dataDir.resolve("s3-cache").resolve("provider-test")).isDirectory();
    }
}
