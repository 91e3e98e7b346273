package io.driftwatch.engine.memory;

import io.driftwatch.engine.port.AccessKeyStore;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link AccessKeyStore} in memory: the reference behaviour the DuckDB store matches. */
final class MemoryAccessKeyStore implements AccessKeyStore {
    private final Map<String, KeyRow> keys = new HashMap<>();

    @Override
    public synchronized void addKey(KeyRow row) {
        Objects.requireNonNull(row, "row");
        if (keys.putIfAbsent(row.id(), row) != null) {
            throw new IllegalArgumentException("access key id '" + row.id() + "' exists");
        }
    }

    @Override
    public synchronized Optional<KeyRow> key(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    @Override
    public synchronized List<KeyRow> keys(String project) {
        return keys.values().stream().filter(k -> k.project().equals(project))
                .sorted(Comparator.comparing(KeyRow::created).thenComparing(KeyRow::id)).toList();
    }

    @Override
    public synchronized boolean deleteKey(String project, String id) {
        KeyRow k = keys.get(id);
        if (k == null || !k.project().equals(project)) {
            return false;
        }
        keys.remove(id);
        return true;
    }
}
