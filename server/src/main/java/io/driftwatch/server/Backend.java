package io.driftwatch.server;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.alerts.AlertEngine;
import io.driftwatch.engine.apps.ApplicationRegistry;
import io.driftwatch.engine.controller.MonitoringController;
import io.driftwatch.engine.port.ArtifactStore;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.TimeSeriesStore;
import io.driftwatch.server.http.ApiException;
import java.time.Clock;
import java.util.Objects;

/**
 * What the REST API serves from: the store ports, the event stream, the application registry and the controller
 * (for manual runs) and the alert engine. Null ports are allowed in tests of routes that do not use them.
 */
public record Backend(Clock clock, ProjectStore projects, EndpointStore endpoints, TimeSeriesStore timeSeries,
                      SampleStore samples, ArtifactStore artifacts, EventStream stream, ApplicationRegistry apps,
                      MonitoringController controller, AlertEngine alerts) {
    public Backend {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(projects, "projects");
    }

    /** A backend without the alert engine (its routes answer 503). */
    public Backend(Clock clock, ProjectStore projects, EndpointStore endpoints, TimeSeriesStore timeSeries,
                   SampleStore samples, ArtifactStore artifacts, EventStream stream, ApplicationRegistry apps,
                   MonitoringController controller) {
        this(clock, projects, endpoints, timeSeries, samples, artifacts, stream, apps, controller, null);
    }

    /** 404 unless the project exists. */
    public void requireProject(String project) {
        if (!projects.projectExists(project)) {
            throw ApiException.notFound("project '" + project + "' not found");
        }
    }

    /** The endpoint, or 404 (also 404 for an unknown project). */
    public ModelEndpoint requireEndpoint(String project, String uid) {
        requireProject(project);
        return endpoints.get(project, uid).orElseThrow(() -> ApiException.notFound(
                "model endpoint '" + uid + "' not found in project '" + project + "'"));
    }
}
