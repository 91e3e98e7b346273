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

    /**
     * A window's artifacts written together land in the documented layout with their content types, in one new
     * directory (no temporary directory left, none listed); a window written again replaces them one by one.
     */
    @Test
    void artifactsOfANewWindowAreWrittenTogetherAndReplacedOneByOne() throws Exception {
        ArtifactStore store = ArtifactStores.fileSystem(data);
        Artifact json = new Artifact(new Key("p", "ep1", "histogram-data-drift", END, "features_drift_results"),
                "application/json", "{\"f\":0.5}".getBytes(StandardCharsets.UTF_8));
        store.putAll(java.util.List.of(art("histogram-data-drift", END, "drift_table_plot", "<html/>"), json));
        Path appDir = data.resolve("projects/p/artifacts/ep1/histogram-data-drift");
        try (var names = Files.list(appDir)) {
            assertThat(names.map(f -> f.getFileName().toString())).containsExactly("20240301T121000.000000Z");
        }
        try (var names = Files.list(appDir.resolve("20240301T121000.000000Z"))) {
            assertThat(names.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("drift_table_plot",
                    "features_drift_results"); // the types are the app's defaults, made from this first window
        }
        assertThat(Files.readString(data.resolve("projects/p/artifacts/..histogram-data-drift.content-types")))
                .isEqualTo("drift_table_plot\ttext/html; charset=utf-8\nfeatures_drift_results\tapplication/json\n");
        assertThat(store.get(json.key())).contains(json);
        assertThat(ArtifactStores.fileSystem(data).get(new Key("p", "ep1", "histogram-data-drift", END,
                "drift_table_plot")).orElseThrow().contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(store.list("p", "ep1", null)).extracting(Key::name)
                .containsExactly("drift_table_plot", "features_drift_results");
        Files.createDirectories(appDir.resolve(".tmp-20240301T122000.000000Z-x")); // a write under way
        Files.writeString(appDir.resolve(".tmp-20240301T122000.000000Z-x/drift_table_plot"), "<p/>");
        assertThat(store.list("p", "ep1", null)).hasSize(2);
        store.putAll(java.util.List.of(art("histogram-data-drift", END, "drift_table_plot", "<b/>"),
                art("histogram-data-drift", END, "other", "<i/>")));
        assertThat(store.list("p", "ep1", null)).extracting(Key::name)
                .containsExactly("drift_table_plot", "features_drift_results", "other");
        assertThat(new String(store.get(new Key("p", "ep1", "histogram-data-drift", END, "drift_table_plot"))
                .orElseThrow().content(), StandardCharsets.UTF_8)).isEqualTo("<b/>");
        assertThat(store.get(json.key())).contains(json);
        store.put(new Artifact(json.key(), "text/plain", json.content())); // a single put's type wins
        assertThat(store.get(json.key()).orElseThrow().contentType()).isEqualTo("text/plain");
        store.deleteEndpoint("p", "ep1");
        store.putAll(java.util.List.of(art("histogram-data-drift", END, "a", "1"), art("histogram-data-drift", END,
                "b", "2"))); // its app directory deleted since it was written to
        assertThat(store.list("p", "ep1", null)).extracting(Key::name).containsExactly("a", "b");
        Path crashed = Files.createDirectories(appDir.resolve(".tmp-20240301T121000.000000Z-k2")); // never renamed
        Files.writeString(crashed.resolve("drift_table_plot"), "<p/>");
        Path underWay = Files.createDirectories(appDir.resolve(".tmp-20240301T122000.000000Z-k3"));
        assertThat(store.deleteOlderThan(END.plusSeconds(1))).as("the two artifacts; a write's leftovers are not"
                + " counted").isEqualTo(2);
        assertThat(crashed).as("the leftover of a write whose window expired").doesNotExist();
        assertThat(underWay).as("a later window's write").exists();
    }

    /**
     * A window whose types differ from the app's defaults keeps its own types file, read first; a window directory
     * of an older layout (its own types file, or one type file per artifact) reads as written; the defaults are made
     * again after the project's deletion, from the next window.
     */
    @Test
    void typesOtherThanTheAppDefaultsAreKeptWithTheWindow() throws Exception {
        ArtifactStore store = ArtifactStores.fileSystem(data);
        store.putAll(java.util.List.of(art("a", END, "x", "1"), art("a", END, "y", "2")));
        Instant later = END.plusSeconds(600);
        Artifact plain = new Artifact(new Key("p", "ep1", "a", later, "y"), "text/plain", new byte[] {'3'});
        store.putAll(java.util.List.of(art("a", later, "x", "4"), plain));
        Path laterDir = data.resolve("projects/p/artifacts/ep1/a/20240301T122000.000000Z");
        assertThat(Files.readString(laterDir.resolve(".content-types")))
                .isEqualTo("x\ttext/html; charset=utf-8\ny\ttext/plain\n");
        ArtifactStore reader = ArtifactStores.fileSystem(data);
        assertThat(reader.get(plain.key())).contains(plain);
        assertThat(reader.get(new Key("p", "ep1", "a", END, "y")).orElseThrow().contentType())
                .isEqualTo("text/html; charset=utf-8");
        Path old = data.resolve("projects/p/artifacts/ep2/a/20240301T121000.000000Z");
        Files.createDirectories(old);
        Files.writeString(old.resolve("x"), "5");
        Files.writeString(old.resolve(".x.content-type"), "image/png");
        Files.writeString(old.resolve("y"), "6");
        Files.writeString(old.resolve(".content-types"), "y\tapplication/json\n");
        assertThat(reader.get(new Key("p", "ep2", "a", END, "x")).orElseThrow().contentType()).isEqualTo("image/png");
        assertThat(reader.get(new Key("p", "ep2", "a", END, "y")).orElseThrow().contentType())
                .isEqualTo("application/json");
        assertThat(reader.list("p", "ep2", null)).extracting(Key::name).containsExactly("x", "y");
        reader.deleteProject("p"); // the defaults are made again by the next window, here by the other store
        reader.putAll(java.util.List.of(plain, new Artifact(new Key("p", "ep1", "a", later, "z"), "text/csv",
                new byte[] {'7'})));
        assertThat(laterDir.resolve(".content-types")).doesNotExist();
        assertThat(ArtifactStores.fileSystem(data).get(plain.key())).contains(plain);
        Artifact html = art("a", END, "y", "8"); // the first store's cached defaults are stale: it sees the new file
        store.putAll(java.util.List.of(art("a", END, "x", "9"), html));
        assertThat(ArtifactStores.fileSystem(data).get(html.key())).contains(html);
    }
}
