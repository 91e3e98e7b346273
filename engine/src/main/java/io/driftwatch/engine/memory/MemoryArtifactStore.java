package io.driftwatch.engine.memory;

import io.driftwatch.engine.port.ArtifactStore;
import io.driftwatch.engine.port.ArtifactStore.Artifact;
import io.driftwatch.engine.port.ArtifactStore.Key;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ArtifactStore} in memory: thread-safe, not durable; lists in window-end, application, name order. */
final class MemoryArtifactStore implements ArtifactStore {
    private static final Comparator<Key> ORDER = Comparator.comparing(Key::windowEnd)
            .thenComparing(Key::application).thenComparing(Key::name);
    private final Map<Key, Artifact> artifacts = new ConcurrentHashMap<>();

    @Override
    public void put(Artifact artifact) {
        artifacts.put(artifact.key(), artifact);
    }

    @Override
    public Optional<Artifact> get(Key key) {
        return Optional.ofNullable(artifacts.get(key));
    }

    @Override
    public List<Key> list(String project, String uid, String application) {
        return artifacts.keySet().stream().filter(k -> k.project().equals(project) && k.uid().equals(uid)
                && (application == null || k.application().equals(application))).sorted(ORDER).toList();
    }

    @Override
    public void deleteEndpoint(String project, String uid) {
        artifacts.keySet().removeIf(k -> k.project().equals(project) && k.uid().equals(uid));
    }

    @Override
    public void deleteProject(String project) {
        artifacts.keySet().removeIf(k -> k.project().equals(project));
    }

    @Override
    public int deleteOlderThan(Instant cutoff) {
        int before = artifacts.size();
        artifacts.keySet().removeIf(k -> k.windowEnd().isBefore(cutoff));
        return before - artifacts.size();
    }
}
