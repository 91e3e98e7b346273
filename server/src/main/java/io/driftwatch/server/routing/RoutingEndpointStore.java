package io.driftwatch.server.routing;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.port.EndpointFilter;
import io.driftwatch.engine.port.EndpointState;
import io.driftwatch.engine.port.EndpointStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** The endpoint store of each call's project ({@link ProjectRouting}). */
final class RoutingEndpointStore implements EndpointStore {
    private final ProjectRouting routing;

    RoutingEndpointStore(ProjectRouting routing) {
        this.routing = routing;
    }

    private EndpointStore of(String project) {
        return routing.of(project).endpoints();
    }

    @Override
    public Optional<ModelEndpoint> get(String project, String uid) {
        return of(project).get(project, uid);
    }

    @Override
    public List<ModelEndpoint> list(String project, EndpointFilter filter) {
        return of(project).list(project, filter);
    }

    @Override
    public Map<String, String> models(String project) {
        return of(project).models(project);
    }

    @Override
    public List<EndpointState> states(String project) {
        return of(project).states(project);
    }

    @Override
    public Map<String, ModelEndpoint> getAll(String project, Collection<String> uids) {
        return of(project).getAll(project, uids);
    }

    @Override
    public <T> T writeTogether(String project, Supplier<T> writes) {
        return of(project).writeTogether(project, writes);
    }

    @Override
    public void put(ModelEndpoint endpoint) {
        of(endpoint.project()).put(endpoint);
    }

    @Override
    public Optional<ModelEndpoint> update(String project, String uid, UnaryOperator<ModelEndpoint> change) {
        return of(project).update(project, uid, change);
    }

    @Override
    public boolean delete(String project, String uid) {
        return of(project).delete(project, uid);
    }

    @Override
    public Optional<Instant> lastAnalyzed(String project, String uid, String application) {
        return of(project).lastAnalyzed(project, uid, application);
    }

    @Override
    public void setLastAnalyzed(String project, String uid, String application, Instant windowEnd) {
        of(project).setLastAnalyzed(project, uid, application, windowEnd);
    }

    @Override
    public Map<String, Map<String, Instant>> lastAnalyzedOfProject(String project) {
        return of(project).lastAnalyzedOfProject(project);
    }

    /** Each project's schedules go to its store (one call per project of the list). */
    @Override
    public void setLastAnalyzed(List<Schedule> schedules) {
        Map<String, List<Schedule>> byProject = new LinkedHashMap<>();
        schedules.forEach(s -> byProject.computeIfAbsent(s.project(), p -> new ArrayList<>()).add(s));
        byProject.forEach((project, list) -> of(project).setLastAnalyzed(list));
    }

    /** Each project's updates go to its store (one call per project of the list). */
    @Override
    public void recordDrift(List<DriftUpdate> updates) {
        Map<String, List<DriftUpdate>> byProject = new LinkedHashMap<>();
        updates.forEach(u -> byProject.computeIfAbsent(u.project(), p -> new ArrayList<>()).add(u));
        byProject.forEach((project, list) -> of(project).recordDrift(list));
    }

    @Override
    public Optional<Instant> lastAnalyzedAny(String project, String uid) {
        return of(project).lastAnalyzedAny(project, uid);
    }

    @Override
    public int deleteProject(String project) {
        return of(project).deleteProject(project);
    }
}
