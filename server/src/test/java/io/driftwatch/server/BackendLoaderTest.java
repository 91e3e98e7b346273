package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.backend.BackendContext;
import io.driftwatch.engine.backend.BackendKind;
import io.driftwatch.engine.backend.BackendLoader;
import io.driftwatch.engine.backend.BackendUris;
import io.driftwatch.engine.backend.Backends;
import io.driftwatch.engine.port.SampleStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backends built from URIs by {@link BackendLoader} over the class path of the server (embedded + a test one). */
class BackendLoaderTest {
    @TempDir
    Path dir;

    private Backends open(BackendUris uris) throws IOException {
        return BackendLoader.standard().open(uris, new BackendContext(Clock.systemUTC(), dir, Map.of()));
    }

    @Test
    void nothingGivenIsTheEmbeddedDefaultUnderTheDataDir() throws IOException {
        try (Backends b = open(BackendUris.defaults())) {
            assertThat(b.stream().getClass().getName()).startsWith("io.driftwatch.store.embedded.log.");
            assertThat(b.stream().append(List.of(new byte[] {1}))).isZero();
            assertThat(b.sink().appliedOffset()).isZero();
        }
        assertThat(dir.resolve("stream")).isDirectory();
        assertThat(dir.resolve("driftwatch.duckdb")).isRegularFile();
        try (Backends again = open(BackendUris.defaults())) {
            assertThat(again.stream().endOffset()).as("the durable log of the data dir, reopened").isEqualTo(1);
        }
    }

    @Test
    void explicitEmbeddedAndPathsOpenThere() throws IOException {
        BackendUris uris = BackendUris.defaults().with(BackendKind.STREAM, dir.resolve("log").toString())
                .with(BackendKind.ENDPOINT_STORE, "embedded")
                .with(BackendKind.TSDB, "embedded")
                .with(BackendKind.PARQUET, "file:" + dir.resolve("pq"));
        try (Backends b = open(uris)) {
            b.stream().append(List.of(new byte[] {1}));
            b.samples().write(List.of(new SampleStore.SampleRow("p1", "u1", Instant.parse("2026-01-01T10:00:00Z"),
                    "r1", 5, Map.of("x", 1.0), Map.of())), 1);
        }
        assertThat(dir.resolve("log")).isDirectoryContaining(p -> p.toString().endsWith(".log"));
        assertThat(dir.resolve("stream")).doesNotExist();
        assertThat(dir.resolve("driftwatch.duckdb")).isRegularFile();
        assertThat(Files.walk(dir.resolve("pq/projects/p1")).anyMatch(p -> p.toString().endsWith(".parquet"))).isTrue();
        assertThat(dir.resolve("projects")).doesNotExist();
    }

    @Test
    void storesInADirectoryOrFileShareOneDatabase() throws IOException {
        BackendUris uris = BackendUris.defaults().with(BackendKind.ENDPOINT_STORE, dir.resolve("db").toString())
                .with(BackendKind.TSDB, "file://" + dir.resolve("db/driftwatch.duckdb"));
        try (Backends b = open(uris)) {
            assertThat(b.sink().appliedOffset()).isZero();
        }
        assertThat(dir.resolve("db/driftwatch.duckdb")).isRegularFile();
        BackendUris split = BackendUris.defaults().with(BackendKind.TSDB, dir.resolve("other").toString());
        assertThatThrownBy(() -> open(split)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tsdb-connection").hasMessageContaining("same database");
    }

    @Test
    void knownAdaptersMissingFromTheClassPathNameTheirModuleWithoutThePassword() throws IOException {
        assertMissing(BackendKind.TSDB, "postgresql://dw:hunter2@pg:5432/monitoring",
                "driftwatch-store-sql", "postgresql://dw:***@pg:5432/monitoring");
        assertMissing(BackendKind.ENDPOINT_STORE, "mysql+pymysql://root:hunter2@mysql:3306/mlrun",
                "driftwatch-store-sql", "mysql://root:***@mysql:3306/mlrun");
        assertMissing(BackendKind.PARQUET, "s3://bucket/prefix?secret_key=hunter2",
                "driftwatch-store-s3", "s3://bucket/prefix?secret_key=***");
        try (Backends b = open(BackendUris.defaults())) {
            assertThat(b.stream().endOffset()).as("a failed open closed what it had opened").isZero();
        }
    }

    private void assertMissing(BackendKind kind, String uri, String module, String masked) {
        assertThatThrownBy(() -> BackendLoader.of(new WithoutAdapters(getClass().getClassLoader()))
                .open(BackendUris.defaults().with(kind, uri), new BackendContext(Clock.systemUTC(), dir, Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(kind.key()).hasMessageContaining(module).hasMessageContaining(masked)
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void anUnknownSchemeListsTheSupportedOnes() {
        assertThatThrownBy(() -> open(BackendUris.defaults().with(BackendKind.STREAM, "v3io://u:hunter2@v3io/x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown scheme 'v3io'").hasMessageContaining("embedded")
                .hasMessageContaining("file: or a plain path").hasMessageContaining("memtest://")
                .hasMessageContaining("kafka://").hasMessageNotContaining("with driftwatch-")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> open(BackendUris.defaults().with(BackendKind.TSDB, "taosws://root@td:6041")))
                .hasMessageContaining("unknown scheme 'taosws'")
                .hasMessageContaining("mysql://").hasMessageContaining("postgresql://")
                .hasMessageNotContaining("with driftwatch-");
    }

    @Test
    void aProviderOnTheClassPathPlugsIn() throws IOException {
        try (Backends b = open(BackendUris.defaults().with(BackendKind.STREAM, "memtest://loader"))) {
            assertThat(b.stream()).isSameAs(MemTestStreamProvider.OPENED.get("loader"));
        }
        assertThat(dir.resolve("stream")).doesNotExist();
    }

    @Test
    void theServerRunsOnAPluggedInStreamWithoutKnowingIt() {
        ServerConfig config = ServerConfig.defaults().withPort(0).withDataDir(dir)
                .withBackend(BackendKind.STREAM, "memtest://server");
        try (Server server = Server.start(config)) {
            assertThat(server.stream()).isSameAs(MemTestStreamProvider.OPENED.get("server"));
            assertThat(new Http(server.port()).get("/projects").status()).isEqualTo(200);
        }
        assertThat(dir.resolve("stream")).doesNotExist();
    }

    /**
     * The server's class path without the service files of the adapter modules (stream-kafka, store-sql, store-s3):
     * a deployment that did not add them.
     */
    private static final class WithoutAdapters extends ClassLoader {
        WithoutAdapters(ClassLoader parent) {
            super(parent);
        }

        @Override
        public java.util.Enumeration<java.net.URL> getResources(String name) throws IOException {
            List<java.net.URL> kept = new java.util.ArrayList<>();
            for (java.net.URL u : java.util.Collections.list(super.getResources(name))) {
                String s = u.toString();
                if (!s.contains("stream-kafka") && !s.contains("store-sql") && !s.contains("store-s3")) {
                    kept.add(u);
                }
            }
            return java.util.Collections.enumeration(kept);
        }
    }
}
