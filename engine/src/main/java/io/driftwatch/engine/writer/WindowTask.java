package io.driftwatch.engine.writer;

import io.driftwatch.Window;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One unit of application work (DESIGN.md §7): analyse endpoint {@code endpointId} over
 * {@code [startInferTime, endInferTime)} with app {@code applicationName}; outputs go to {@code outputStreamUri}
 * (the writer; {@code "writer"} in-process).
 */
public record WindowTask(String project, String endpointId, String applicationName, Instant startInferTime,
                         Instant endInferTime, String outputStreamUri) {
    /** The output stream of the in-process writer. */
    public static final String IN_PROCESS_WRITER = "writer";
    private static final DateTimeFormatter MLRUN_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    public WindowTask {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(applicationName, "applicationName");
        Objects.requireNonNull(outputStreamUri, "outputStreamUri");
        new Window(startInferTime, endInferTime); // validates order
    }

    public static WindowTask of(String project, String endpointId, String app, Window window) {
        return new WindowTask(project, endpointId, app, window.start(), window.end(), IN_PROCESS_WRITER);
    }

    public Window window() {
        return new Window(startInferTime, endInferTime);
    }

    /** The MLRun wire form: times as {@code YYYY-MM-DD HH:MM:SS.ffffff+00:00}. */
    public Map<String, Object> toWire() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("endpoint_id", endpointId);
        m.put("application_name", applicationName);
        m.put("start_infer_time", MLRUN_TIME.format(startInferTime));
        m.put("end_infer_time", MLRUN_TIME.format(endInferTime));
        m.put("output_stream_uri", outputStreamUri);
        return m;
    }
}
