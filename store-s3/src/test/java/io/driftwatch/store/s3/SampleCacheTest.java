package io.driftwatch.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.backend.BackendOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The bound of the S3 sample cache: the local copies never exceed {@code maxBytes} once their reads are released; the
 * least recently read go first; copies a read still uses are kept; an overwritten object's old copy is replaced; copies
 * of an earlier run count at start. The downloads write {@code size} bytes per object (the bucket's part is tested by
 * the s3proxy ITs).
 */
class SampleCacheTest {
    private static final int SIZE = 1000;
    @TempDir
    Path dir;
    private final List<String> downloaded = new ArrayList<>();

    private SampleCache cache(long maxBytes) {
        return new SampleCache((key, target) -> {
            downloaded.add(key);
            try {
                Files.createDirectories(target.getParent());
                Files.write(target, new byte[SIZE]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, dir, maxBytes);
    }

    private static S3Object object(String name, String etag) {
        return S3Object.builder().key("p/model-endpoints/parquet/key=u/" + name + ".parquet").eTag(etag).build();
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void theLeastRecentlyReadCopiesGoOnceTheBoundIsExceeded() throws IOException {
        SampleCache cache = cache(3 * SIZE);
        for (String n : List.of("a", "b", "c")) {
            cache.release(cache.fetch(List.of(object(n, "e1"))));
        }
        cache.release(cache.fetch(List.of(object("a", "e1")))); // a read again: b is now the oldest
        assertThat(downloaded).hasSize(3);
        cache.release(cache.fetch(List.of(object("d", "e1"))));
        assertThat(cache.bytes()).isEqualTo(3L * SIZE);
        assertThat(files()).hasSize(3).noneMatch(p -> p.getFileName().toString().startsWith("b."));
        cache.release(cache.fetch(List.of(object("b", "e1"))));
        assertThat(downloaded).as("b downloaded again after its eviction").hasSize(5).last().asString()
                .contains("/b.parquet");
    }

    @Test
    void copiesInUseAreKeptUntilTheirReadIsReleased() throws IOException {
        SampleCache cache = cache(2 * SIZE);
        List<Path> big = cache.fetch(List.of(object("a", "e1"), object("b", "e1"), object("c", "e1")));
        assertThat(big).allMatch(Files::isRegularFile);
        assertThat(cache.bytes()).as("over the bound while the read runs").isEqualTo(3L * SIZE);
        cache.release(big);
        assertThat(cache.bytes()).isEqualTo(2L * SIZE);
        assertThat(files()).hasSize(2);
    }

    @Test
    void anOverwrittenObjectReplacesItsCopyAndEarlierCopiesCountAtStart() throws IOException {
        SampleCache first = cache(10 * SIZE);
        first.release(first.fetch(List.of(object("a", "e1"), object("b", "e1"), object("c", "e1"))));
        first.release(first.fetch(List.of(object("a", "e2"))));
        assertThat(first.bytes()).isEqualTo(3L * SIZE);
        assertThat(files()).hasSize(3).anyMatch(p -> p.getFileName().toString().equals("a.e2.parquet"));
        SampleCache restarted = cache(2 * SIZE);
        assertThat(restarted.bytes()).as("an earlier run's copies, trimmed to the bound").isEqualTo(2L * SIZE);
        assertThat(files()).hasSize(2);
        first.evictTree("p/");
    }

    @Test
    void theBoundIsAPositiveSize() {
        assertThat(BackendOptions.bytes("s3-cache-bytes", "512m")).isEqualTo(512L << 20);
        assertThat(BackendOptions.bytes("s3-cache-bytes", "2g")).isEqualTo(2L << 30);
        assertThat(BackendOptions.bytes("s3-cache-bytes", "4096")).isEqualTo(4096);
        assertThatThrownBy(() -> BackendOptions.validate("s3-cache-bytes", "lots"))
                .hasMessageContaining("s3-cache-bytes");
        assertThatThrownBy(() -> cache(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
