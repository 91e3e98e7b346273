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

class ArtifactStoresTest {
    @TempDir
    Path data;
    private static final Instant END = Instant.parse("2024-03-01T12:10:00Z");

    private static Artifact art(String app, Instant end, String name, String body) {
        return new Artifact(new Key("p", "ep1", app, end, name), "text/html; charset=utf-8",
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static void behaves(ArtifactStore store) {
        store.put(art("b-app", END, "z", "1"));
        store.put(art("a-app", END.plusSeconds(600), "drift_table_plot", "2"));
        store.put(art("a-app", END, "drift_table_plot", "old"));
        store.put(art("a-app", END, "drift_table_plot", "3"));
        assertThat(store.list("p", "ep1", null)).extracting(Key::application, Key::name, Key::windowEnd).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a-app", "drift_table_plot", END),
                org.assertj.core.groups.Tuple.tuple("b-app", "z", END),
                org.assertj.core.groups.Tuple.tuple("a-app", "drift_table_plot", END.plusSeconds(600)));
        assertThat(store.list("p", "ep1", "b-app")).hasSize(1);
        assertThat(store.get(new Key("p", "ep1", "a-app", END, "drift_table_plot"))).contains(art("a-app", END, "drift_table_plot", "3"));
        assertThat(store.get(new Key("p", "ep1", "a-app", END, "nope"))).isEmpty();
        store.deleteEndpoint("p", "ep1");
        assertThat(store.list("p", "ep1", null)).isEmpty();
    }

    @Test
    void inMemory() {
        behaves(ArtifactStores.inMemory());
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
        behaves(store);
    }

    @Test
    void keysRejectPathTricks() {
        assertThatThrownBy(() -> new Key("p", "ep1", "app", END, "../x")).hasMessageContaining("artifact name");
        assertThatThrownBy(() -> new Key("p", "ep1", "a/b", END, "x")).hasMessageContaining("application name");
        assertThatThrownBy(() -> new Key("..", "ep1", "a", END, "x")).hasMessageContaining("project");
    }
}
