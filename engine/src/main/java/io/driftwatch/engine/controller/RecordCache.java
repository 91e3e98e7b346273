package io.driftwatch.engine.controller;

import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.port.EndpointState;
import io.driftwatch.engine.port.EndpointStore;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The endpoint records the controller read, by {@code project/uid} and the {@link EndpointState#referenceVersion} they
 * were read at (issue 17 point 4): a batch reads, in one {@link EndpointStore#getAll} call, only the records of its
 * endpoints that have a window to analyse and whose reference changed since (or that were never read, or that have
 * late times pending: those need the record's current {@code pending_late}). A cached record gets the state's first
 * and last request; its other counters and drift fields are as when it was read (apps read its labels, spec and
 * reference). At most {@code capacity} records, least recently used first out; equal reference statistics are kept
 * once (endpoints of one model share them). Thread-safe.
 */
final class RecordCache {
    /** Records kept by default: the endpoints of a large project (a record's statistics are kept once per model). */
    static final int DEFAULT_CAPACITY = 20_000;

    private record Entry(String version, ModelEndpoint record) {
    }

    private final int capacity;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<FeatureStats, WeakReference<FeatureStats>> interned = new WeakHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();

    RecordCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** The records of {@code states} (one project), by uid; endpoints whose record is gone are absent. */
    Map<String, ModelEndpoint> records(String project, List<EndpointState> states, EndpointStore store) {
        Map<String, ModelEndpoint> out = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (EndpointState s : states) {
            ModelEndpoint hit = s.pendingLate() ? null : cached(s);
            if (hit == null) {
                missing.add(s.uid());
            } else {
                out.put(s.uid(), hit);
            }
        }
        hits.addAndGet(out.size());
        if (missing.isEmpty()) {
            return out;
        }
        Map<String, ModelEndpoint> read = store.getAll(project, missing);
        reads.addAndGet(read.size());
        for (EndpointState s : states) {
            ModelEndpoint r = read.get(s.uid());
            if (r != null) {
                out.put(s.uid(), remember(s, r));
            }
        }
        return out;
    }

    /** Records served from the cache since it was made. */
    long hits() {
        return hits.get();
    }

    /** Records read from the store since it was made. */
    long reads() {
        return reads.get();
    }

    private synchronized ModelEndpoint cached(EndpointState s) {
        Entry e = s.referenceVersion() == null ? null : entries.get(key(s));
        if (e == null || !e.version().equals(s.referenceVersion())) {
            return null;
        }
        ModelEndpoint.Status st = e.record().status();
        if (Objects.equals(st.firstRequest(), s.firstRequest()) && Objects.equals(st.lastRequest(), s.lastRequest())) {
            return e.record();
        }
        return e.record().withStatus(st.toBuilder().firstRequest(s.firstRequest()).lastRequest(s.lastRequest())
                .build());
    }

    private synchronized ModelEndpoint remember(EndpointState s, ModelEndpoint read) {
        ModelEndpoint r = read.withStatus(read.status().toBuilder().featureStats(intern(read.status().featureStats()))
                .build());
        if (s.referenceVersion() == null || capacity == 0) {
            return r;
        }
        entries.put(key(s), new Entry(s.referenceVersion(), r));
        if (entries.size() > capacity) {
            var eldest = entries.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return r;
    }

    private FeatureStats intern(FeatureStats stats) {
        WeakReference<FeatureStats> ref = interned.get(stats);
        FeatureStats known = ref == null ? null : ref.get();
        if (known != null) {
            return known;
        }
        interned.put(stats, new WeakReference<>(stats));
        return stats;
    }

    private static String key(EndpointState s) {
        return s.project() + "/" + s.uid();
    }
}
