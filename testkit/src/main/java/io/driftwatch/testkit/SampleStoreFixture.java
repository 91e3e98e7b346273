package io.driftwatch.testkit;


import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.SampleStore.SampleRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;

/**
 * The store a {@link SampleStore} contract runs against, fresh for each case, and the rows it writes. Subclasses
 * implement {@link #createStore()}, and override {@link #reopen} when durable and {@link #rowObjectsFetched()} when
 * the store counts the row objects it fetches.
 */
public abstract class SampleStoreFixture {
    protected SampleStore store;

    /** A new, empty store. */
    protected abstract SampleStore createStore() throws Exception;

    /** The same data opened again; in-memory stores return it as is. */
    protected SampleStore reopen(SampleStore old) throws Exception {
        return old;
    }

    @BeforeEach
    void setUpStore() throws Exception {
        store = createStore();
    }

    /** A row with a numeric, an integer, a categorical, a boolean and a label column; every 5th has nulls. */
    protected static SampleRow row(String uid, Instant t, int i) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("x", i % 5 == 4 ? null : i * 0.5);
        values.put("n", (long) i * 1_000_000_007L);
        values.put("color", i % 5 == 4 ? null : (i % 2 == 0 ? "red" : "blue, \"dark\""));
        values.put("flag", i % 3 == 0);
        values.put("p0", i % 2 == 0 ? 1.0 : 0.0);
        return new SampleRow("p", uid, t, "req-" + i, 1000L + i, values, Map.of("env", "prod"));
    }

    static List<SampleRow> rows(String uid, Instant start, int n, long stepMillis) {
        List<SampleRow> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(row(uid, start.plusMillis(i * stepMillis), i));
        }
        return out;
    }

    /** How many row objects or files the store has fetched (downloaded) so far; empty when it cannot tell. */
    protected OptionalLong rowObjectsFetched() throws Exception {
        return OptionalLong.empty();
    }
}
