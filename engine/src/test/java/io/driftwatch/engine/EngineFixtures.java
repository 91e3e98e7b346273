package io.driftwatch.engine;

import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.MonitoringMode;
import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.engine.port.ProjectRecords;
import io.driftwatch.engine.port.ProjectStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Records and store states the engine's tests start from; the stores themselves are the in-memory adapters of
 * {@link MemoryStores} (the test kit's contracts check them), not fakes.
 */
public final class EngineFixtures {
    private EngineFixtures() {
    }

    /** An enabled endpoint of {@code project/serving} with the given reference statistics, names and request times. */
    public static ModelEndpoint endpoint(String project, String uid, FeatureStats ref, List<String> features,
                                         List<String> labels, Instant first, Instant last) {
        var spec = ModelEndpoint.Spec.builder().functionUri(project + "/serving").model("model").modelClass("cls")
                .featureNames(features).labelNames(labels).monitoringMode(MonitoringMode.ENABLED).active(true).build();
        var status = ModelEndpoint.Status.builder().featureStats(ref).firstRequest(first).lastRequest(last).build();
        return new ModelEndpoint(new ModelEndpoint.Metadata(project, uid, Map.of()), spec, status);
    }

    /** An in-memory project store holding {@code project} with monitoring enabled at {@code basePeriod}. */
    public static ProjectStore enabledProject(String project, Duration basePeriod) {
        ProjectStore projects = MemoryStores.projectStore();
        projects.createProject(project);
        projects.putMonitoringSettings(new ProjectRecords.MonitoringSettings(project, true, basePeriod, Map.of()));
        return projects;
    }
}
