package io.driftwatch.engine.port;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Port: artifacts logged by monitoring applications ({@code MonitoringContext.logArtifact}), one per
 * project / endpoint / app / window end / name, e.g. the drift app's {@code drift_table_plot} HTML page.
 * Writing the same key again replaces the artifact (re-running a window is idempotent).
 */
public interface ArtifactStore {
    /** Stores or replaces the artifact. */
    void put(Artifact artifact);

    /**
     * Stores or replaces the artifacts, as {@link #put} each (the default); a store may write them together, e.g. the
     * artifacts one app logged for one window (the runner's call).
     */
    default void putAll(List<Artifact> artifacts) {
        artifacts.forEach(this::put);
    }

    Optional<Artifact> get(Key key);

    /** The keys of an endpoint's artifacts, by window end then app then name; null {@code application} = all apps. */
    List<Key> list(String project, String uid, String application);

    /** Removes every artifact of the endpoint. */
    void deleteEndpoint(String project, String uid);

    /** Removes every artifact of every endpoint of the project. */
    void deleteProject(String project);

    /** Retention: removes the artifacts whose window ended before {@code cutoff}; returns how many. */
    int deleteOlderThan(Instant cutoff);

    /**
     * Identifies an artifact.
     *
     * @param name matches {@code [a-zA-Z0-9_.-]+} and is not {@code .} or {@code ..}
     */
    record Key(String project, String uid, String application, Instant windowEnd, String name) {
        private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

        public Key {
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(application, "application");
            Objects.requireNonNull(windowEnd, "windowEnd");
            requireSafe("artifact name", name);
            requireSafe("application name", application);
            requireSafe("endpoint uid", uid);
            requireSafe("project", project);
        }

        /** @throws IllegalArgumentException unless {@code value} is a safe path segment */
        public static void requireSafe(String what, String value) {
            if (value == null || !NAME.matcher(value).matches() || value.equals(".") || value.equals("..")) {
                throw new IllegalArgumentException("invalid " + what + " '" + value + "': must match [a-zA-Z0-9_.-]+");
            }
        }
    }

    /** An artifact's content (not copied: callers must not modify it). */
    record Artifact(Key key, String contentType, byte[] content) {
        public Artifact {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(content, "content");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Artifact a && a.key.equals(key) && a.contentType.equals(contentType)
                    && Arrays.equals(a.content, content);
        }

        @Override
        public int hashCode() {
            return key.hashCode() * 31 + Arrays.hashCode(content);
        }

        @Override
        public String toString() {
            return "Artifact[" + key + ", " + contentType + ", " + content.length + " bytes]";
        }
    }
}
