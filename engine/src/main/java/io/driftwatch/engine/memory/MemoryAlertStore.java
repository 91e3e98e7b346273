package io.driftwatch.engine.memory;

import io.driftwatch.engine.port.AlertStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link AlertStore} in memory: the reference behaviour the DuckDB store matches. */
final class MemoryAlertStore implements AlertStore {
    private static final Comparator<ActivationRow> NEWEST_FIRST = Comparator.comparing(ActivationRow::time)
            .thenComparing(ActivationRow::id).reversed();

    private final Map<List<String>, ConfigRow> configs = new HashMap<>();
    private final Map<List<String>, ActivationRow> activations = new HashMap<>();

    @Override
    public synchronized void putConfig(ConfigRow row) {
        Objects.requireNonNull(row, "row");
        configs.put(List.of(row.project(), row.name()), row);
    }

    @Override
    public synchronized Optional<ConfigRow> config(String project, String name) {
        return Optional.ofNullable(configs.get(List.of(project, name)));
    }

    @Override
    public synchronized List<ConfigRow> configs(String project) {
        return configs.values().stream().filter(c -> c.project().equals(project))
                .sorted(Comparator.comparing(ConfigRow::name)).toList();
    }

    @Override
    public synchronized boolean deleteConfig(String project, String name) {
        return configs.remove(List.of(project, name)) != null;
    }

    @Override
    public synchronized void putActivation(ActivationRow row) {
        Objects.requireNonNull(row, "row");
        activations.put(List.of(row.project(), row.id()), row);
    }

    @Override
    public synchronized Optional<ActivationRow> activation(String project, String id) {
        return Optional.ofNullable(activations.get(List.of(project, id)));
    }

    @Override
    public synchronized List<ActivationRow> activations(ActivationQuery q) {
        List<ActivationRow> out = new ArrayList<>();
        for (ActivationRow a : activations.values()) {
            if (a.project().equals(q.project())
                    && (q.alert() == null || a.alert().equals(q.alert()))
                    && (q.endpoint() == null || a.endpoints().contains(q.endpoint()))
                    && (q.active() == null || a.active() == q.active())
                    && (q.since() == null || !a.time().isBefore(q.since()))) {
                out.add(a);
            }
        }
        out.sort(NEWEST_FIRST);
        return out.size() > q.limit() ? List.copyOf(out.subList(0, q.limit())) : out;
    }

    @Override
    public synchronized void deleteProject(String project) {
        configs.keySet().removeIf(k -> k.get(0).equals(project));
        activations.keySet().removeIf(k -> k.get(0).equals(project));
    }

    @Override
    public synchronized int deleteActivationsOlderThan(Instant cutoff) {
        int before = activations.size();
        activations.values().removeIf(a -> a.time().isBefore(cutoff));
        return before - activations.size();
    }
}
