package io.driftwatch.server;

import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.TimeSeriesStore;
import java.time.Clock;
import java.util.Objects;

/** The stores and engine hooks the REST API serves from. */
public record Backend(Clock clock, ProjectStore projects, EndpointStore endpoints, TimeSeriesStore timeSeries,
                      SampleStore samples, EventStream stream, EngineHooks engine) {
    public Backend {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(projects, "projects");
        Objects.requireNonNull(stream, "stream");
        engine = engine == null ? new EngineHooks() { } : engine;
    }

    /** 404 unless the project exists. */
    public void requireProject(String project) {
        if (!projects.projectExists(project)) {
            throw ApiException.notFound("project '" + project + "' not found");
        }
    }
}
