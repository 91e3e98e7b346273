package io.driftwatch.engine.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.port.ArtifactStore;
import io.driftwatch.engine.port.ArtifactStore.Artifact;
import io.driftwatch.engine.port.ArtifactStore.Key;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file-system artifact store's layout and key checks; the port's behaviour is testkit's ArtifactStoreContract. */
class ArtifactStoresTest {
    @TempDir
    Path data;
    private static final Instant END = Instant.parse("2024-03-01T12:10:00Z");

    private static Artifact art(String app, Instant end, String name, String body) {
        return new Artifact(new Key("p", "ep1", app, end, name), "text/html; charset=utf-8",
                body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void fileSystemUsesTheDocumentedLayout() throws Exception {
        ArtifactStore store = ArtifactStores.fileSystem(data);
        store.put(art("histogram-data-drift", END, "drift_table_plot", "<html/>"));
        Path f = data.resolve("projects/p/artifacts/ep1/histogram-data-drift/20240301T121000.000000Z/drift_table_plot");
        assertThat(Files.readString(f)).isEqualTo("<html/>");
        assertThat(ArtifactStores.fileSystem(data).get(new Key("p", "ep1", "histogram-data-drift", END, "drift_table_plot"))
                .orElseThrow().contentType()).isEqualTo("text/html; charset=utf-8");
        store.deleteEndpoint("p", "ep1");
        assertThat(f).doesNotExist();
        assertThat(store.list("p", "ep1", null)).isEmpty();
    }

    @Test
    void keysRejectPathTricks() {
        assertThatThrownBy(() -> new Key("p", "ep1", "app", END, "../x")).hasMessageContaining("artifact name");
        assertThatThrownBy(() -> new Key("p", "ep1", "a/b", END, "x")).hasMessageContaining("application name");
        assertThatThrownBy(() -> new Key("..", "ep1", "a", END, "x")).hasMessageContaining("project");
    }
}
