package io.driftwatch.engine.memory;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.port.EndpointFilter;
import io.driftwatch.engine.port.EndpointStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** {@link EndpointStore} in memory: records by project then uid (sorted), schedule entries by key. */
final class MemoryEndpointStore implements EndpointStore {
    private final Map<String, TreeMap<String, ModelEndpoint>> byProject = new HashMap<>();
    private final Map<List<String>, Instant> lastAnalyzed = new HashMap<>();

    @Override
    public synchronized Optional<ModelEndpoint> get(String project, String uid) {
        TreeMap<String, ModelEndpoint> endpoints = byProject.get(project);
        return endpoints == null ? Optional.empty() : Optional.ofNullable(endpoints.get(uid));
    }

    @Override
    public synchronized List<ModelEndpoint> list(String project, EndpointFilter filter) {
        Objects.requireNonNull(filter, "filter");
        TreeMap<String, ModelEndpoint> endpoints = byProject.get(project);
        if (endpoints == null) {
            return List.of();
        }
        return endpoints.values().stream().filter(e -> matches(e, filter)).toList();
    }

    /** The reference semantics of {@link EndpointFilter}. */
    static boolean matches(ModelEndpoint e, EndpointFilter f) {
        if (f.model() != null && !f.model().equals(e.spec().model())) {
            return false;
        }
        if (f.function() != null && !functionMatches(e.spec().functionUri(), f.function())) {
            return false;
        }
        for (Map.Entry<String, String> label : f.labels().entrySet()) {
            if (!label.getValue().equals(e.metadata().labels().get(label.getKey()))) {
                return false;
            }
        }
        Instant first = e.status().firstRequest();
        Instant last = e.status().lastRequest();
        if (f.start() != null && (last == null || last.isBefore(f.start()))) {
            return false;
        }
        return f.end() == null || (first != null && first.isBefore(f.end()));
    }

    /** A function filter matches the whole uri, {@code function[:tag]} or the bare function name. */
    static boolean functionMatches(String functionUri, String filter) {
        if (functionUri == null) {
            return false;
        }
        String fn = functionUri.substring(functionUri.indexOf('/') + 1);
        int colon = fn.indexOf(':');
        String bare = colon >= 0 ? fn.substring(0, colon) : fn;
        return filter.equals(functionUri) || filter.equals(fn) || filter.equals(bare);
    }

    @Override
    public synchronized void put(ModelEndpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        byProject.computeIfAbsent(endpoint.project(), p -> new TreeMap<>()).put(endpoint.uid(), endpoint);
    }

    @Override
    public synchronized Optional<ModelEndpoint> update(String project, String uid,
                                                       UnaryOperator<ModelEndpoint> change) {
        Optional<ModelEndpoint> current = get(project, uid);
        if (current.isEmpty()) {
            return current;
        }
        ModelEndpoint next = change.apply(current.get());
        if (!next.project().equals(project) || !next.uid().equals(uid)) {
            throw new IllegalArgumentException("update must not change the endpoint's project or uid");
        }
        put(next);
        return Optional.of(next);
    }

    @Override
    public synchronized boolean delete(String project, String uid) {
        TreeMap<String, ModelEndpoint> endpoints = byProject.get(project);
        boolean removed = endpoints != null && endpoints.remove(uid) != null;
        lastAnalyzed.keySet().removeIf(k -> k.get(0).equals(project) && k.get(1).equals(uid));
        return removed;
    }

    @Override
    public synchronized Optional<Instant> lastAnalyzed(String project, String uid, String application) {
        return Optional.ofNullable(lastAnalyzed.get(List.of(project, uid, application)));
    }

    @Override
    public synchronized Optional<Instant> lastAnalyzedAny(String project, String uid) {
        return lastAnalyzed.entrySet().stream()
                .filter(e -> e.getKey().get(0).equals(project) && e.getKey().get(1).equals(uid))
                .map(Map.Entry::getValue).max(Instant::compareTo);
    }

    @Override
    public synchronized void setLastAnalyzed(String project, String uid, String application, Instant windowEnd) {
        Objects.requireNonNull(windowEnd, "windowEnd");
        lastAnalyzed.put(List.of(project, uid, application), windowEnd);
    }

    @Override
    public synchronized Map<String, Map<String, Instant>> lastAnalyzedOfProject(String project) {
        Map<String, Map<String, Instant>> out = new HashMap<>();
        lastAnalyzed.forEach((k, v) -> {
            if (k.get(0).equals(project)) {
                out.computeIfAbsent(k.get(1), u -> new HashMap<>()).put(k.get(2), v);
            }
        });
        return out;
    }

    @Override
    public synchronized int deleteProject(String project) {
        TreeMap<String, ModelEndpoint> endpoints = byProject.remove(project);
        lastAnalyzed.keySet().removeIf(k -> k.get(0).equals(project));
        return endpoints == null ? 0 : endpoints.size();
    }
}
