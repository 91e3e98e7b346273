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
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
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
        Path f = data.resolve("projects/p/artifacts/ep1/20240301T121000.000000Z.histogram-data-drift.zip");
        try (ZipFile zip = new ZipFile(f.toFile())) { // any ZIP reader opens a pack
            assertThat(zip.stream().map(ZipEntry::getName)).containsExactly(".content-types", "drift_table_plot");
            assertThat(new String(zip.getInputStream(zip.getEntry("drift_table_plot")).readAllBytes(),
                    StandardCharsets.UTF_8)).isEqualTo("<html/>");
            assertThat(zip.getEntry("drift_table_plot").getMethod()).isEqualTo(ZipEntry.STORED);
        }
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
     * A window's artifacts written together are one pack (no temporary file left, none listed); a window written
     * again gets its new artifacts merged in; a pack being written ({@code .tmp-…}) is not listed; retention removes
     * expired packs, counting their artifacts, and the leftovers of writes that never reached their rename.
     */
    @Test
    void artifactsOfAWindowAreOnePackMergedOnRewrite() throws Exception {
        ArtifactStore store = ArtifactStores.fileSystem(data);
        Artifact json = new Artifact(new Key("p", "ep1", "histogram-data-drift", END, "features_drift_results"),
                "application/json", "{\"f\":0.5}".getBytes(StandardCharsets.UTF_8));
        store.putAll(List.of(art("histogram-data-drift", END, "drift_table_plot", "<html/>"), json));
        Path endpointDir = data.resolve("projects/p/artifacts/ep1");
        assertThat(names(endpointDir)).containsExactly("20240301T121000.000000Z.histogram-data-drift.zip");
        assertThat(store.get(json.key())).contains(json);
        assertThat(store.list("p", "ep1", null)).extracting(Key::name)
                .containsExactly("drift_table_plot", "features_drift_results");
        Files.writeString(endpointDir.resolve(".tmp-20240301T122000.000000Z.histogram-data-drift.zip-x"), "part");
        assertThat(store.list("p", "ep1", null)).hasSize(2);
        store.putAll(List.of(art("histogram-data-drift", END, "drift_table_plot", "<b/>"),
                art("histogram-data-drift", END, "other", "<i/>")));
        assertThat(store.list("p", "ep1", null)).extracting(Key::name)
                .containsExactly("drift_table_plot", "features_drift_results", "other");
        assertThat(new String(store.get(new Key("p", "ep1", "histogram-data-drift", END, "drift_table_plot"))
                .orElseThrow().content(), StandardCharsets.UTF_8)).isEqualTo("<b/>");
        assertThat(store.get(json.key())).contains(json);
        store.put(new Artifact(json.key(), "text/plain", json.content())); // a single put's type wins
        assertThat(store.get(json.key()).orElseThrow().contentType()).isEqualTo("text/plain");
        assertThat(store.list("p", "ep1", "other-app")).isEmpty();
        store.put(art("other-app", END.plusSeconds(600), "x", "1"));
        assertThat(store.list("p", "ep1", "other-app")).extracting(Key::name).containsExactly("x");
        Files.writeString(endpointDir.resolve(".tmp-20240301T121000.000000Z.a.zip-k2"), "never renamed");
        assertThat(store.deleteOlderThan(END.plusSeconds(1))).as("the three artifacts of the expired pack; a"
                + " write's leftovers are not counted").isEqualTo(3);
        assertThat(names(endpointDir)).containsExactlyInAnyOrder("20240301T122000.000000Z.other-app.zip",
                ".tmp-20240301T122000.000000Z.histogram-data-drift.zip-x");
    }

    /** Concurrent single puts into one window's pack lose none of them (writes of a pack are serialized). */
    @Test
    void concurrentPutsIntoOnePackKeepEveryArtifact() throws Exception {
        ArtifactStore store = ArtifactStores.fileSystem(data);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 40; i++) {
                int n = i;
                pool.submit(() -> store.put(art("a", END, "n" + n, "v" + n)));
            }
        }
        assertThat(store.list("p", "ep1", "a")).hasSize(40);
        assertThat(new String(store.get(new Key("p", "ep1", "a", END, "n17")).orElseThrow().content(),
                StandardCharsets.UTF_8)).isEqualTo("v17");
    }

    /**
     * Window directories of the layout before packs (a types file per window, a type file per artifact, or the
     * app's per-project defaults) read, list and expire as written; a window that has such a directory gets further
     * artifacts there, so it is never split between a directory and a pack.
     */
    @Test
    void windowDirectoriesOfTheEarlierLayoutStillWork() throws Exception {
        Path old = data.resolve("projects/p/artifacts/ep2/a/20240301T121000.000000Z");
        Files.createDirectories(old);
        Files.writeString(old.resolve("x"), "5");
        Files.writeString(old.resolve(".x.content-type"), "image/png");
        Files.writeString(old.resolve("y"), "6");
        Files.writeString(old.resolve(".content-types"), "y\tapplication/json\n");
        Path defaulted = data.resolve("projects/p/artifacts/ep2/b/20240301T121000.000000Z");
        Files.createDirectories(defaulted);
        Files.writeString(defaulted.resolve("z"), "7");
        Files.writeString(data.resolve("projects/p/artifacts/..b.content-types"), "z\ttext/csv\n");
        ArtifactStore store = ArtifactStores.fileSystem(data);
        assertThat(store.get(new Key("p", "ep2", "a", END, "x")).orElseThrow().contentType()).isEqualTo("image/png");
        assertThat(store.get(new Key("p", "ep2", "a", END, "y")).orElseThrow().contentType())
                .isEqualTo("application/json");
        assertThat(store.get(new Key("p", "ep2", "b", END, "z")).orElseThrow().contentType()).isEqualTo("text/csv");
        Artifact added = art("a", END, "w", "8");
        added = new Artifact(new Key("p", "ep2", "a", END, "w"), added.contentType(), added.content());
        store.put(added);
        assertThat(old.resolve("w")).hasContent("8");
        store.put(new Artifact(new Key("p", "ep2", "a", END.plusSeconds(600), "w"), "text/plain", new byte[] {'9'}));
        assertThat(store.list("p", "ep2", null)).extracting(k -> k.application() + "/" + k.name())
                .containsExactly("a/w", "a/x", "a/y", "b/z", "a/w");
        assertThat(store.list("p", "ep2", "b")).extracting(Key::name).containsExactly("z");
        assertThat(store.deleteOlderThan(END.plusSeconds(1))).isEqualTo(4);
        assertThat(old).doesNotExist();
        assertThat(store.list("p", "ep2", null)).extracting(Key::name).containsExactly("w");
    }

    /**
     * The pack format is pinned: the same artifacts make the same bytes as the committed golden file, and the golden
     * file reads back as those artifacts. Regenerate with {@code -Dgolden.update=true} only for a deliberate change.
     */
    @Test
    void packFormatMatchesTheGoldenFile() throws Exception {
        Key window = new Key("p", "ep1", "histogram-data-drift", END, "drift_table_plot");
        List<Artifact> artifacts = List.of(
                new Artifact(window, "text/html; charset=utf-8", "<table><tr><td>f0</td></tr></table>"
                        .getBytes(StandardCharsets.UTF_8)),
                new Artifact(new Key("p", "ep1", "histogram-data-drift", END, "features_drift_results"),
                        "application/json", "{\"f0\":[0.25,0.5]}".getBytes(StandardCharsets.UTF_8)));
        byte[] bytes = WindowPack.encode(END, artifacts);
        Path golden = Path.of("src/test/resources/golden/artifact-pack-v1.zip");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.write(golden, bytes);
        }
        assertThat(bytes).isEqualTo(Files.readAllBytes(golden));
        assertThat(WindowPack.decode(window, Files.readAllBytes(golden))).isEqualTo(artifacts);
        assertThatThrownBy(() -> WindowPack.decode(window, java.util.Arrays.copyOf(bytes, 20)))
                .isInstanceOf(java.io.IOException.class);
    }

    private static List<String> names(Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
