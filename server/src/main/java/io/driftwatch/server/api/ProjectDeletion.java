package io.driftwatch.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.engine.files.FileTrees;
import io.driftwatch.engine.port.EndpointFilter;
import io.driftwatch.engine.port.EventStream;
import io.driftwatch.server.Backend;
import io.driftwatch.server.http.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a project with all its data ({@code DELETE /projects/{p}?deletion_strategy=cascading}): first stops the
 * project's event sources ({@link Sources}: its serving functions are undeployed and forgotten), removes its
 * monitoring apps and the project record with its models and settings (ingest now answers 404 and the controller no
 * longer runs it), then waits until the stream processor has applied and stored every event appended so far
 * ({@link Drain}), so that none of the project's events lands after the deletion; then removes its alerts and
 * activations, time series (predictions, errors, app results and metrics), Parquet rows, artifacts, endpoint records
 * and schedules, and finally the project's folder under the data directory (model files).
 */
public final class ProjectDeletion {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectDeletion.class);
    /** How long a deletion waits for the stream processor to catch up. */
    static final Duration DRAIN_WAIT = Duration.ofSeconds(60);

    /** Waits until every event appended to the stream before the call is applied and its rows stored. */
    @FunctionalInterface
    public interface Drain {
        /** @return false when {@code timeout} passed first */
        boolean await(Duration timeout) throws InterruptedException;

        /**
         * Waits until every event of {@code project} appended before the call is applied and its rows stored: on a
         * partitioned stream, every partition of the project's stream {@code monitoring_stream_{project}} (and of
         * shared streams) up to its end offset at the call. By default the whole stream ({@link #await(Duration)}).
         *
         * @return false when {@code timeout} passed first
         */
        default boolean await(String project, Duration timeout) throws InterruptedException {
            return await(timeout);
        }

        /** Polls the stream processor's committed offset (which moves once events are applied and stored). */
        static Drain polling(EventStream stream) {
            return timeout -> {
                if (stream == null) {
                    return true;
                }
                long end = stream.endOffset();
                long deadline = System.nanoTime() + timeout.toNanos();
                while (stream.committed(EventStream.STREAM_PROCESSOR) < end) {
                    if (System.nanoTime() > deadline) {
                        return false;
                    }
                    Thread.sleep(20);
                }
                return true;
            };
        }
    }

    /** Event sources of a project outside the stores (e.g. serving functions), removed before the drain. */
    @FunctionalInterface
    public interface Sources {
        /** Stops and forgets every source of the project; returns how many there were. */
        int deleteProject(String project);

        /** No sources. */
        Sources NONE = p -> 0;
    }

    private final Backend backend;
    private final Path dataDir;
    private final Drain drain;
    private final Sources sources;

    /**
     * @param dataDir the data directory whose {@code projects/{p}} folder goes too (null: none)
     */
    public ProjectDeletion(Backend backend, Path dataDir, Drain drain) {
        this(backend, dataDir, drain, Sources.NONE);
    }

    /** As above; {@code sources} are stopped before the drain. */
    public ProjectDeletion(Backend backend, Path dataDir, Drain drain, Sources sources) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.dataDir = dataDir;
        this.drain = Objects.requireNonNull(drain, "drain");
        this.sources = Objects.requireNonNull(sources, "sources");
    }

    /** Whether the project has no endpoints, models, monitoring apps or alerts (MLRun's "restricted" deletion). */
    boolean isEmpty(String project) {
        return (backend.endpoints() == null || backend.endpoints().list(project, EndpointFilter.ALL).isEmpty())
                && backend.projects().models(project).isEmpty()
                && (backend.apps() == null || backend.apps().list(project).isEmpty())
                && (backend.alerts() == null || backend.alerts().list(project).isEmpty());
    }

    /** Deletes the project (which must exist) and everything of it; returns what was deleted. */
    ObjectNode delete(String project) throws InterruptedException {
        ObjectNode deleted = Json.object();
        deleted.put("serving_functions", sources.deleteProject(project));
        deleted.put("models", backend.projects().models(project).size());
        deleted.put("monitoring_functions", deleteApps(project));
        // from here on ingest answers 404 and the controller no longer sees the project
        backend.projects().deleteProject(project);
        boolean drained = drain.await(project, DRAIN_WAIT);
        if (!drained) {
            LOG.warn("deleting project {}: the stream processor did not catch up within {}; events of the project "
                    + "still in the stream may recreate its endpoints", project, DRAIN_WAIT);
        }
        deleteStream(project);
        if (backend.alerts() != null) {
            deleted.put("alerts", backend.alerts().list(project).size());
            backend.alerts().deleteProject(project);
        }
        deleteData(project, deleted);
        if (backend.stream() != null) {
            backend.stream().deleteProject(project); // Kafka: topic monitoring_stream_{p}, after the drain
        }
        deleteTree(project);
        LOG.info("deleted project {}: {}", project, deleted);
        return Json.object().put("name", project).put("drained", drained).set("deleted", deleted);
    }

    /** The project's own stream (a Kafka topic), once drained; nothing for the shared embedded log. */
    private void deleteStream(String project) {
        EventStream stream = backend.stream();
        if (stream == null) {
            return;
        }
        try {
            stream.deleteProject(project);
        } catch (RuntimeException e) {
            LOG.warn("deleting project {}: its stream could not be deleted (delete it by hand): {}", project,
                    e.toString());
        }
    }

    private int deleteApps(String project) {
        if (backend.apps() == null) {
            return 0;
        }
        var apps = backend.apps().list(project);
        apps.forEach(a -> backend.apps().remove(project, a.name()));
        return apps.size();
    }

    private void deleteData(String project, ObjectNode deleted) {
        if (backend.timeSeries() != null) {
            backend.timeSeries().deleteProject(project);
        }
        if (backend.samples() != null) {
            backend.samples().deleteProject(project);
        }
        if (backend.artifacts() != null) {
            backend.artifacts().deleteProject(project);
        }
        if (backend.endpoints() != null) {
            deleted.put("endpoints", backend.endpoints().deleteProject(project));
        }
    }

    /** The project's folder under the data directory (model files; artifacts and samples if stored there). */
    private void deleteTree(String project) {
        if (dataDir == null) {
            return;
        }
        Path root = dataDir.resolve("projects").resolve(ProjectRoutes.validateName(project));
        FileTrees.delete(root, "the files of project " + project + " under " + root);
    }
}
