package io.driftwatch.engine.memory;

import io.driftwatch.engine.port.AuditLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** {@link AuditLog} in memory: the reference behaviour the DuckDB log matches. */
final class MemoryAuditLog implements AuditLog {
    private final List<Entry> entries = new ArrayList<>();

    @Override
    public synchronized void append(Entry entry) {
        entries.add(Objects.requireNonNull(entry, "entry"));
    }

    @Override
    public synchronized List<Entry> query(Filter filter) {
        int limit = filter.limit();
        List<Entry> out = new ArrayList<>();
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry e = entries.get(i);
            if (filter.matches(e)) {
                out.add(e);
            }
        }
        // stable: equal times keep the later appended first
        out.sort(Comparator.comparing(Entry::time).reversed());
        return List.copyOf(out.subList(0, Math.min(limit, out.size())));
    }

    @Override
    public synchronized int deleteOlderThan(Instant cutoff) {
        int before = entries.size();
        entries.removeIf(e -> e.time().isBefore(cutoff));
        return before - entries.size();
    }
}
