package io.driftwatch.engine.processor;

import io.driftwatch.engine.port.StreamPartition;
import java.util.function.Predicate;

/**
 * The per-project streams of a partitioned event stream (DESIGN.md §13): project {@code p}'s events go to the stream
 * {@code monitoring_stream_p} (a Kafka topic); a stream of another name (the embedded log {@value StreamPartition#LOG})
 * is shared by every project.
 */
public final class ProjectStreams {
    /** The prefix of a project's own stream. */
    public static final String PREFIX = "monitoring_stream_";

    private ProjectStreams() {
    }

    /** {@code monitoring_stream_{project}}. */
    public static String name(String project) {
        return PREFIX + project;
    }

    /** The partitions that may hold the project's events: its own stream's and those of shared streams. */
    public static Predicate<StreamPartition> of(String project) {
        String own = name(project);
        return p -> p.stream().equals(own) || !p.stream().startsWith(PREFIX);
    }
}
