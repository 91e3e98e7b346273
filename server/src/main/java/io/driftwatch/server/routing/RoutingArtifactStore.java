package io.driftwatch.server.routing;

import io.driftwatch.engine.port.ArtifactStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The artifact store of each call's project ({@link ProjectRouting}); retention runs on every opened one. */
final class RoutingArtifactStore implements ArtifactStore {
    private final ProjectRouting routing;

    RoutingArtifactStore(ProjectRouting routing) {
        this.routing = routing;
    }

    private ArtifactStore of(String project) {
        return routing.of(project).artifacts();
    }

    @Override
    public void put(Artifact artifact) {
        of(artifact.key().project()).put(artifact);
    }

    /** One call per project, so a store that writes a window's artifacts together still can. */
    @Override
    public void putAll(List<Artifact> artifacts) {
        Map<String, List<Artifact>> byProject = new LinkedHashMap<>();
        artifacts.forEach(a -> byProject.computeIfAbsent(a.key().project(), p -> new ArrayList<>()).add(a));
        byProject.forEach((project, list) -> of(project).putAll(list));
    }

    @Override
    public Optional<Artifact> get(Key key) {
        return of(key.project()).get(key);
    }

    @Override
    public List<Key> list(String project, String uid, String application) {
        return of(project).list(project, uid, application);
    }

    @Override
    public void deleteEndpoint(String project, String uid) {
        of(project).deleteEndpoint(project, uid);
    }

    @Override
    public void deleteProject(String project) {
        of(project).deleteProject(project);
    }

    @Override
    public int deleteOlderThan(Instant cutoff) {
        return (int) routing.sum(b -> b.artifacts().deleteOlderThan(cutoff));
    }
}
