package io.driftwatch.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.backend.BackendKind;
import io.driftwatch.engine.backend.BackendUri;
import io.driftwatch.engine.backend.BackendUris;
import io.driftwatch.engine.json.EndpointJson;
import io.driftwatch.server.Backend;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an endpoint's events go, shown as its {@code spec.stream_path} (MLRun's field): the project's
 * {@code stream_path} credential when set to something other than {@code embedded}, else the server's stream, e.g.
 * {@code embedded:///var/driftwatch/stream} or {@code kafka://broker:9092}. Passwords are always masked.
 */
public final class StreamPaths {
    private final Backend backend;
    private final String serverStream;

    /**
     * @param serverStream the server's stream location (see {@link #serverStream(BackendUris, Path)})
     */
    public StreamPaths(Backend backend, String serverStream) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.serverStream = Objects.requireNonNull(serverStream, "serverStream");
    }

    /** The location of the server's stream: {@code embedded://{absolute dir}} for the embedded log, else its URI. */
    public static String serverStream(BackendUris backends, Path dataDir) {
        BackendUri uri = backends.uri(BackendKind.STREAM);
        if (uri.isDefault()) {
            return "embedded://" + dataDir.resolve("stream").toAbsolutePath().normalize();
        }
        if (uri.scheme().equals(BackendUri.FILE)) {
            return "embedded://" + uri.path().orElseThrow().toAbsolutePath().normalize();
        }
        return uri.toString();
    }

    /** Where the events of the project's endpoints go. */
    public String of(String project) {
        String credential = backend.projects().monitoringSettings(project)
                .map(s -> s.credentials().get("stream_path")).orElse(null);
        if (credential == null || credential.isBlank() || credential.equalsIgnoreCase(BackendUri.EMBEDDED)) {
            return serverStream;
        }
        return Credentials.mask(credential);
    }

    /** The endpoint's JSON with {@code spec.stream_path} filled in when the record has none. */
    public ObjectNode tree(ModelEndpoint ep) {
        ObjectNode tree = EndpointJson.toTree(ep);
        JsonNode spec = tree.path("spec");
        if (spec instanceof ObjectNode s && (!s.hasNonNull("stream_path") || s.get("stream_path").asText().isEmpty())) {
            s.put("stream_path", of(ep.project()));
        }
        return tree;
    }
}
