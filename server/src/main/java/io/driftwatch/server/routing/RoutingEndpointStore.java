package io.driftwatch.server.routing;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.port.EndpointFilter;
import io.driftwatch.engine.port.EndpointStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
    public Optional<Instant> lastAnalyzedAny(String project, String uid) {
        return of(project).lastAnalyzedAny(project, uid);
    }

    @Override
    public int deleteProject(String project) {
        return of(project).deleteProject(project);
    }
}
