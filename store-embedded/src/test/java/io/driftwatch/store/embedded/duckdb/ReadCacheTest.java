package io.driftwatch.store.embedded.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadCacheTest {
    private final ReadCache<String, String> cache = new ReadCache<>();
    private final AtomicInteger loads = new AtomicInteger();

    @Test
    void loadsOnceUntilInvalidated() {
        assertThat(cache.get("k", k -> "v" + loads.incrementAndGet())).isEqualTo("v1");
        assertThat(cache.get("k", k -> "v" + loads.incrementAndGet())).isEqualTo("v1");
        cache.invalidate();
        assertThat(cache.get("k", k -> "v" + loads.incrementAndGet())).isEqualTo("v2");
        assertThat(loads).hasValue(2);
    }

    @Test
    void aValueReadWhileAWriteCommitsIsNotKept() {
        // the load reads the old value, then the write commits and invalidates before the load caches it
        String stale = cache.get("k", k -> {
            cache.invalidate();
            return "old";
        });
        assertThat(stale).isEqualTo("old");
        assertThat(cache.get("k", k -> "new")).as("the stale value was withdrawn").isEqualTo("new");
    }
}
