package io.driftwatch.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.port.ProjectRecords;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the REST API triggers in the engine beyond the store ports: statistics of training sets, the JSON codecs,
 * the controller, the application registry and the artifacts. {@link Server} wires the real pipeline; tests may
 * implement only what they use (the defaults answer 501).
 */
public interface EngineHooks {
    /** §5 reference statistics of a training set (CSV with a header row, or Parquet). */
    default FeatureStats referenceStats(Path trainingSet) throws IOException {
        throw unsupported("training-set statistics");
    }

    /** The §5 JSON form of feature statistics. */
    default JsonNode featureStatsJson(FeatureStats stats) {
        throw unsupported("feature-stats JSON");
    }

    /** The endpoint record as JSON (metadata, spec, status). */
    default ObjectNode endpointJson(ModelEndpoint endpoint) {
        throw unsupported("endpoint JSON");
    }

    /** An endpoint record from its JSON form; {@link IllegalArgumentException} naming a bad field. */
    default ModelEndpoint endpointFromJson(JsonNode json) {
        throw unsupported("endpoint JSON");
    }

    /** Runs the controller once for the project now; returns the number of windows analysed. */
    default int runController(String project) {
        throw unsupported("controller");
    }

    /** Called after a project's monitoring settings changed (enable, disable, base period). */
    default void monitoringChanged(String project) {
    }

    /** Checks that an application can be loaded; {@link IllegalArgumentException} naming the problem. */
    default void checkApplication(ProjectRecords.AppRegistration app) {
        throw unsupported("application registry");
    }

    /** The built-in default application's registration ({@code histogram-data-drift}). */
    default Optional<ProjectRecords.AppRegistration> defaultApplication(String project) {
        return Optional.empty();
    }

    /** The artifacts logged by apps for an endpoint, newest first. */
    default List<ArtifactInfo> artifacts(String project, String uid) {
        return List.of();
    }

    /** One artifact: the latest when {@code windowEnd} is null. */
    default Optional<Artifact> artifact(String project, String uid, String app, String name, java.time.Instant windowEnd) {
        return Optional.empty();
    }

    /** An artifact's listing entry. */
    record ArtifactInfo(String application, String name, String contentType, java.time.Instant windowEnd, long size) {
    }

    /** An artifact's content. */
    record Artifact(ArtifactInfo info, byte[] content) {
    }

    private static ApiException unsupported(String what) {
        return new ApiException(501, "not_implemented", what + " is not available in this server");
    }
}
